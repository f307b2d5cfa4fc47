"""The fair check queue: when the Hub budget cannot serve a check now, it waits here, first come
first served, one queued check per person. A stored report younger than `CHECK_CACHE_TTL_S` is
served at once without touching the budget.

A check starts when the budget has room for it and for the checks already running
(`CHECK_COST` requests each); the position and a rough start time of every waiting check are
known, so the person can be told.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.check.cost import CHECK_COST
from bot.check.models import AccountReport
from bot.check.service import CheckService, ProgressFn
from bot.clock import Clock
from bot.hub.budget import HubBudget

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Ticket:
    """One person's check: `result` resolves to the report; `queued_at` is when it arrived."""

    person: Hashable
    account: str
    fresh: bool
    queued_at: datetime
    result: asyncio.Future[AccountReport] = field(repr=False)
    from_cache: bool = False
    waited: bool = False  # whether it ever had to wait in the queue
    started_at: datetime | None = None
    progress: ProgressFn | None = field(default=None, repr=False)
    told: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    """Set by whoever waits on the ticket once the person heard that the queue closed."""

    @property
    def done(self) -> bool:
        """Whether the report is there."""
        return self.result.done()


class QueueClosed(Exception):
    """The bot is stopping: this waiting check will not run (the person is to be told)."""


class AlreadyQueued(Exception):
    """The person already has a check waiting or running: `ticket` is that one."""

    def __init__(self, ticket: Ticket) -> None:
        super().__init__("a check of yours is already waiting")
        self.ticket = ticket


class CheckQueue:
    """FIFO of checks waiting for the Hub budget. One per process, shared by every command."""

    def __init__(
        self, checker: CheckService, budget: HubBudget, clock: Clock, *, cost: int = CHECK_COST
    ) -> None:
        self.checker = checker
        self.budget = budget
        self.clock = clock
        self.cost = cost
        self._waiting: deque[Ticket] = deque()
        self._running: set[Ticket] = set()
        self._by_person: dict[Hashable, Ticket] = {}
        self._changed = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.served_from_cache = 0
        self.served_after_wait = 0
        self.served_at_once = 0

    async def submit(
        self,
        person: Hashable,
        account: str,
        *,
        fresh: bool = False,
        progress: ProgressFn | None = None,
    ) -> Ticket:
        """A ticket for `person`'s check of `account` (raw text; `InvalidAccount` when it is not
        one). Served at once from a young stored report unless `fresh`; `AlreadyQueued` when the
        person has a check waiting or running."""
        now = self.clock.now()
        loop = asyncio.get_running_loop()
        if not fresh:
            cached = await self.checker.cached(account)
            if cached is not None:
                future: asyncio.Future[AccountReport] = loop.create_future()
                future.set_result(cached)
                self.served_from_cache += 1
                return Ticket(person, account, fresh, now, future, from_cache=True)
        existing = self._by_person.get(person)
        if existing is not None:
            raise AlreadyQueued(existing)
        ticket = Ticket(person, account, fresh, now, loop.create_future(), progress=progress)
        self._by_person[person] = ticket
        self._waiting.append(ticket)
        self._dispatch_now()
        if ticket.started_at is not None:
            return ticket
        ticket.waited = True
        self._ensure_dispatcher()
        return ticket

    def position(self, ticket: Ticket) -> int:
        """1 for the next check to run, 2 after it, ...; 0 once it runs or ran."""
        for index, waiting in enumerate(self._waiting):
            if waiting is ticket:
                return index + 1
        return 0

    def eta_s(self, ticket: Ticket) -> float:
        """Rough seconds until `ticket`'s check starts (0 once it runs)."""
        position = self.position(ticket)
        if position == 0:
            return 0.0
        return self.budget.time_for(self.cost * (position + len(self._running)))

    @property
    def waiting(self) -> int:
        """Checks waiting for the budget."""
        return len(self._waiting)

    async def close_waiting(self, grace_s: float = 5.0) -> int:
        """Before stopping: every waiting check ends with `QueueClosed`, and their waiters get
        up to `grace_s` seconds to tell their person (each sets `Ticket.told`). How many."""
        waiting = list(self._waiting)
        self._waiting.clear()
        for ticket in waiting:
            self._by_person.pop(ticket.person, None)
            if not ticket.result.done():
                ticket.result.set_exception(QueueClosed())
        if waiting:
            told = asyncio.gather(*(t.told.wait() for t in waiting))
            try:
                await asyncio.wait_for(told, grace_s)
            except TimeoutError:
                log.warning("stopping: not every waiting person could be told in time")
        return len(waiting)

    async def aclose(self) -> None:
        """Stop dispatching; waiting tickets are cancelled, running checks finish or are
        cancelled by `CheckService.aclose`."""
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            await asyncio.gather(self._dispatcher, return_exceptions=True)
        for ticket in self._waiting:
            ticket.result.cancel()
        self._waiting.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- internals ------------------------------------------------------------------------------
    def _room(self) -> bool:
        return self.budget.available() >= self.cost * (len(self._running) + 1)

    def _dispatch_now(self) -> None:
        """Start waiting checks, in order, while the budget has room."""
        while self._waiting and self._room():
            ticket = self._waiting.popleft()
            ticket.started_at = self.clock.now()
            self._running.add(ticket)
            task = asyncio.create_task(self._run(ticket), name=f"queued check {ticket.account}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _ensure_dispatcher(self) -> None:
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch(), name="check queue")

    async def _dispatch(self) -> None:
        """While checks wait: start them when the budget has room, else wait for a running check
        to end or for the window to reset."""
        while self._waiting:
            self._dispatch_now()
            if not self._waiting:
                return
            if self._running:
                self._changed.clear()
                await self._changed.wait()
                continue
            wait = max(1.0, self.budget.wait_s(self.cost))
            await self.clock.sleep_until(self.clock.now() + timedelta(seconds=wait))

    async def _run(self, ticket: Ticket) -> None:
        try:
            report = await self.checker.check(
                ticket.account, fresh=ticket.fresh, progress=ticket.progress
            )
        except asyncio.CancelledError:
            ticket.result.cancel()
            raise
        except Exception as exc:  # noqa: BLE001  # not swallowed: handed to whoever awaits the ticket
            if not ticket.result.done():
                ticket.result.set_exception(exc)
        else:
            if not ticket.result.done():
                ticket.result.set_result(report)
            if ticket.waited:
                self.served_after_wait += 1
            else:
                self.served_at_once += 1
        finally:
            self._running.discard(ticket)
            if self._by_person.get(ticket.person) is ticket:
                del self._by_person[ticket.person]
            self._changed.set()
