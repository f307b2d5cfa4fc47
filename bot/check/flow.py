"""One person's check, the same for Discord and the terminal: the report from cache or through
the fair queue, what to tell while it waits (with the honest time, and "by DM" only where DMs
arrive), the check kept in SQLite while it waits (so a crash is told at the next start), the
event on the person's case, and the record of a result that came late by DM.

`CheckFlow.start` answers at once: a report, a refusal to tell (a check already waiting), or a
`Started.wait` to show; then `Started.finish` waits for the report. A front end can hand the
waiting to a background task that holds only what `finish` needs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.cases.dms import LATE_RESULT, dms_fail
from bot.cases.models import Case, EventKind
from bot.cases.store import CaseStore
from bot.check import wording
from bot.check.models import AccountReport
from bot.check.queue import AlreadyQueued, CheckQueue, QueueClosed, Ticket
from bot.check.service import ProgressFn
from bot.check.waiting import done_waiting, note_waiting
from bot.clock import Clock
from bot.db import Database
from bot.i18n import t

Tell = Callable[[str], Awaitable[None]]
"""Shows the person a line while their check waits (an edited answer, a line on stderr)."""

Announce = Callable[[Case, EventKind], Awaitable[None]]
"""Tells the moderators about a new case (the mod-log notice)."""


@dataclass(frozen=True)
class Asker:
    """Who asks: the person's id (0 at the terminal), the server a new case belongs to (None:
    the home server), the language of their client."""

    user_id: int
    owner: int | None = None
    locale: str | None = None


@dataclass(frozen=True)
class Wait:
    """A check that waits in the queue: its place, the rough wait in words, and whether the
    result can be promised by DM (the bot's last DM to the person arrived)."""

    position: int
    minutes: str
    by_dm: bool

    @property
    def text(self) -> str:
        """What to tell the person, in the current language."""
        line = wording.QUEUED if self.by_dm else wording.QUEUED_NO_DM
        return t(line, position=self.position, minutes=self.minutes)


@dataclass
class Started:
    """What `CheckFlow.start` gives: a `report` now, a `said` line instead (no check runs), or
    a `wait` to show before `finish`."""

    report: AccountReport | None = None
    said: str | None = None
    wait: Wait | None = None
    _waiting: Callable[[Tell], Awaitable[AccountReport | None]] | None = None

    async def finish(self, tell: Tell) -> AccountReport | None:
        """The report once the check ran; `None` when the bot stopped first (the person was
        told so through `tell`, before the bot disconnects)."""
        if self._waiting is None:
            return self.report
        return await self._waiting(tell)


class CheckFlow:
    """One person's check under the bot's rules. `db` None: nothing is kept (the terminal)."""

    def __init__(self, queue: CheckQueue, clock: Clock, db: Database | None = None) -> None:
        self.queue = queue
        self.clock = clock
        self.db = db

    async def start(
        self,
        asker: Asker,
        account: str,
        *,
        fresh: bool = False,
        progress: ProgressFn | None = None,
    ) -> Started:
        """Submit the check: the report at once (cache, or the budget has room), or its place
        in the queue (kept in SQLite while it waits), or what to say when the person already
        has a check waiting."""
        try:
            ticket = await self.queue.submit(asker.user_id, account, fresh=fresh, progress=progress)
        except AlreadyQueued as exc:
            ahead = exc.ticket
            said = t(
                wording.ALREADY_QUEUED,
                account=ahead.account,
                position=max(1, self.queue.position(ahead)),
                minutes=wording.minutes(self.queue.eta_s(ahead)),
            )
            return Started(said=said)
        position = self.queue.position(ticket)
        if position == 0:
            return Started(report=await ticket.result)
        by_dm = self.db is not None and not await dms_fail(self.db, asker.user_id)
        if self.db is not None:  # committed before the person is told their place
            await note_waiting(self.db, asker.user_id, account, asker.locale, self.clock.now())
        wait = Wait(position, wording.minutes(self.queue.eta_s(ticket)), by_dm)
        return Started(wait=wait, _waiting=partial(self._finish, ticket, asker))

    async def _finish(self, ticket: Ticket, asker: Asker, tell: Tell) -> AccountReport | None:
        try:
            return await asyncio.shield(ticket.result)
        except QueueClosed:  # the bot is stopping: said plainly, not "your check starts soon"
            await tell(t(wording.RESTARTING, account=ticket.account))
            return None
        finally:
            if self.db is not None:  # before the database closes
                await done_waiting(self.db, asker.user_id)
            ticket.told.set()  # `CheckQueue.close_waiting` may go on


async def record_on_case(
    cases: CaseStore,
    asker: Asker,
    account: str,
    kind: EventKind,
    payload: dict[str, Any],
    announce: Announce,
) -> Case:
    """The interaction as an event on the person's case for `account` (committed first); a new
    case is announced to the moderators."""
    case = await cases.record(
        asker.user_id, asker.owner, account, kind, payload, locale=asker.locale
    )
    if case.created:
        await announce(case, kind)
    return case


async def record_late_delivery(
    cases: CaseStore, case_id: int, user_id: int, refused_code: int | None
) -> None:
    """A result that came after the answer's time went by DM: whether it arrived, on the case
    (`/mycase show` tells a refusal, and no later answer promises a DM)."""
    kind = EventKind.DM_SENT if refused_code is None else EventKind.DM_FAILED
    detail = {} if refused_code is None else {"code": refused_code}
    await cases.add_event(case_id, kind, user_id, {"what": LATE_RESULT, **detail})


def late_text(account: str, content: str | None) -> str:
    """The DM that carries a late result: why it comes by DM, then the answer's own line."""
    late = t(wording.LATE_DM, account=account)
    return f"{late}\n{content}" if content else late
