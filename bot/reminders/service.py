"""The reminders' rules: noting that the person sent an email, scheduling, moving and cancelling
their reminder, and what happens when one comes due (`deliver_due`, called by the scheduler).

The Discord side only supplies a `Sender` (user id, `FollowUp`) → `Delivery`; everything else
(which case still waits, which draft, what is recorded) is decided here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

from pydantic import BaseModel

from bot.cases.models import Case, CaseError, CaseStatus, Event, EventKind, NotYourCase
from bot.cases.outcomes import Outcome, ensure_row, note_email_sent, set_outcome
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.clock import Clock
from bot.i18n import t, use_language
from bot.knowledge import Knowledge
from bot.reminders.followup import Email, FollowUp, build_followup
from bot.reminders.models import Delivery, Reminder, ReminderState
from bot.reminders.store import ReminderStore
from bot.reminders.wording import WORDS

log = logging.getLogger(__name__)

Sender = Callable[[int, FollowUp], Awaitable[Delivery]]
MAX_MOVE_DAYS = 30
RATE_LIMIT_RETRY = timedelta(minutes=30)  # Discord asked to wait (429): the next try


class Confirmation(BaseModel):
    """What "I sent it" recorded: the text to answer with, and the reminder if one was set."""

    text: str
    reminder: Reminder | None = None


DmProbe = Callable[[str], Awaitable[int | None]]
"""DM this text to the person now: None when it arrived, else Discord's refusal code."""


def last_dm_failed(events: list[Event]) -> bool:
    """Whether the latest DM the bot tried on this case was refused."""
    dms = [e for e in events if e.kind in (EventKind.DM_SENT, EventKind.DM_FAILED)]
    return bool(dms) and dms[-1].kind == EventKind.DM_FAILED


class ReminderService:
    """Reminders over the case store; `changed` is set whenever the next due time may move."""

    def __init__(
        self,
        cases: CaseStore,
        knowledge: Knowledge,
        *,
        followup_days: int,
        retry_after: timedelta,
        clock: Clock,
    ) -> None:
        self.cases = cases
        self.store = ReminderStore(cases.db)
        self.knowledge = knowledge
        self.followup_days = followup_days
        self.retry_after = retry_after
        self.clock = clock
        self.changed = asyncio.Event()

    def today(self) -> date:
        """Today, by the service's clock (UTC)."""
        return self.clock.now().date()

    def remind_on(self, sent_on: date | None = None) -> date:
        """When the reminder for an email sent on `sent_on` (today) is due."""
        return (sent_on or self.today()) + timedelta(days=self.followup_days)

    async def _own(self, case_id: int, actor_id: int, moderator_scope: Scope | None) -> Case:
        """The case, if it is the actor's own or in the scope of the moderator acting."""
        case = await self.cases.require_case(case_id, Scope.everything())
        moderator = moderator_scope is not None and moderator_scope.allows(case.owner)
        if case.discord_user_id != actor_id and not moderator:
            raise NotYourCase("not_yours", ref=case.ref)
        return case

    async def confirm_sent(
        self,
        case_id: int,
        actor_id: int,
        *,
        remind: bool,
        moderator_scope: Scope | None = None,
        probe: DmProbe | None = None,
    ) -> Confirmation:
        """The person sent the latest draft today: note it (once) and, with `remind`, schedule
        the next reminder `followup_days` from now. A reminder is promised only where it can
        arrive: when the case's last DM was refused, `probe` DMs the person first, and on a
        refusal no reminder is set (the answer says to open DMs and press again, and gives the
        date to note down). Raises `CaseError`s as the store does."""
        case = await self._own(case_id, actor_id, moderator_scope)
        values = {"ref": case.ref, "status": case.status_label}
        if case.status != CaseStatus.OPEN:
            return Confirmation(text=t(WORDS["not_active"], **values))
        events = await self.cases.events(case.id, limit=500)
        drafted = [e for e in events if e.kind == EventKind.APPEAL_DRAFTED]
        if not drafted:
            return Confirmation(text=t(WORDS["no_draft"], **values))
        to = str(drafted[-1].payload.get("to", ""))
        already = any(e.kind == EventKind.APPEAL_SENT and e.id > drafted[-1].id for e in events)
        now = self.clock.now()
        if already and not remind:
            return Confirmation(text=t(WORDS["already_noted"], **values))
        emails = sum(1 for e in events if e.kind == EventKind.APPEAL_SENT)
        if not already:
            await self.cases.add_event(
                case.id, EventKind.APPEAL_SENT, actor_id, {"to": to, "sent_on": str(now.date())}
            )
            async with self.cases.db.write() as conn:
                emails = await note_email_sent(conn, case.id, to, now)
        sent = now.date()  # shown as the person's language writes a day
        if not remind:
            return Confirmation(text=t(WORDS["sent_noted"], **values, sent=sent))
        due = now + timedelta(days=self.followup_days)
        when = {**values, "sent": sent, "due": due.date()}
        if probe is not None and actor_id == case.discord_user_id and last_dm_failed(events):
            code = await probe(t(WORDS["dm_check"], **when))
            kind = EventKind.DM_SENT if code is None else EventKind.DM_FAILED
            detail = {"what": "reminder_check"} | ({} if code is None else {"code": code})
            await self.cases.add_event(case.id, kind, actor_id, detail)
            if code is not None:
                return Confirmation(text=t(WORDS["dms_needed"], **when))
        reminder = await self.store.schedule(case.id, emails, due, now)
        self.changed.set()
        text = t(WORDS["scheduled"], **values, sent=sent, due=due.date())
        return Confirmation(text=text, reminder=reminder)

    async def cancel(
        self, case_id: int, actor_id: int, *, moderator_scope: Scope | None = None
    ) -> str:
        """Cancel the case's pending reminder; the answer to show."""
        case = await self._own(case_id, actor_id, moderator_scope)
        done = await self.store.cancel(case.id, "cancelled by the person", self.clock.now())
        self.changed.set()
        return t(WORDS["cancelled" if done else "no_reminder"], ref=case.ref)

    async def move(
        self, case_id: int, actor_id: int, days: int, *, moderator_scope: Scope | None = None
    ) -> str:
        """Move the case's pending reminder `days` (1 to 30) later; the answer to show."""
        if not 1 <= days <= MAX_MOVE_DAYS:
            raise CaseError("move_days", days=MAX_MOVE_DAYS)
        case = await self._own(case_id, actor_id, moderator_scope)
        pending = await self.store.pending(case.id)
        if pending is None:
            return t(WORDS["no_reminder"], ref=case.ref)
        moved = await self.store.move(
            case.id, pending.due_at + timedelta(days=days), self.clock.now()
        )
        self.changed.set()
        due = moved.due_at if moved else pending.due_at
        return t(WORDS["moved"], ref=case.ref, due=due.date().isoformat())

    async def deliver_due(self, send: Sender) -> int:
        """Claim what is due, send each (after checking its case still waits), mark it.
        Returns how many were claimed."""
        claimed = await self.store.claim_due(self.clock.now(), self.retry_after)
        for reminder in claimed:
            state, result = await self._deliver(reminder, send)
            now = self.clock.now()
            if state == ReminderState.PENDING:  # Discord asked to wait: due again later
                await self.store.release(reminder.id, now + RATE_LIMIT_RETRY, now)
                continue
            await self.store.mark(reminder.id, state, result, now)
        return len(claimed)

    async def _deliver(self, reminder: Reminder, send: Sender) -> tuple[ReminderState, str]:
        case = await self.cases.get_case(reminder.case_id, Scope.everything())
        if case is None or case.status != CaseStatus.OPEN:
            return ReminderState.CANCELLED, "the case no longer waits"
        events = await self.cases.events(case.id, limit=500)
        emails = [
            Email(to=str(e.payload["to"]), sent_on=date.fromisoformat(str(e.payload["sent_on"])))
            for e in events
            if e.kind == EventKind.APPEAL_SENT
        ]
        if not emails:
            return ReminderState.CANCELLED, "no email was noted"
        drafted = [e.payload for e in events if e.kind == EventKind.APPEAL_DRAFTED]
        signals = tuple(drafted[0].get("signals", ())) if drafted else ()
        with use_language(case.locale):  # the DM speaks the person's language
            followup = build_followup(
                case, emails, reminder.number, signals=signals, knowledge=self.knowledge,
                followup_days=self.followup_days, today=self.today(),
            )  # fmt: skip
            delivery = await self._send(send, case, followup, reminder.id)
        if delivery == Delivery.RATE_LIMITED:
            return ReminderState.PENDING, delivery.value
        await self._record(case, reminder, followup, delivery)
        if delivery == Delivery.SENT:
            return ReminderState.SENT, "sent"
        return ReminderState.UNDELIVERABLE, delivery.value

    async def _send(
        self, send: Sender, case: Case, followup: FollowUp, reminder_id: int
    ) -> Delivery:
        try:
            return await send(case.discord_user_id, followup)
        except Exception:
            log.exception("reminder %s of case %s could not be sent", reminder_id, case.id)
            return Delivery.FAILED

    async def _record(
        self, case: Case, reminder: Reminder, followup: FollowUp, delivery: Delivery
    ) -> None:
        """The reminder on the case's timeline; a follow-up draft as drafted; closed DMs and
        the end of the follow-ups on the case's outcome."""
        payload = {"reminder": reminder.number, "delivery": delivery.value}
        await self.cases.add_event(case.id, EventKind.REMINDER, None, payload)
        now = self.clock.now()
        if delivery == Delivery.SENT and followup.draft is not None:
            draft = followup.draft
            await self.cases.add_event(
                case.id, EventKind.APPEAL_DRAFTED, None,
                {"to": draft.to, "stage": draft.stage, "reminder": reminder.number},
            )  # fmt: skip
        async with self.cases.db.write() as conn:
            if delivery == Delivery.DMS_CLOSED:
                await ensure_row(conn, case.id)
                await conn.execute(
                    "UPDATE case_outcomes SET dm_closed_at = ? WHERE case_id = ?",
                    (now.isoformat(), case.id),
                )
            if delivery == Delivery.SENT and reminder.last:
                await set_outcome(conn, case.id, Outcome.NO_ANSWER, now)

    async def dm_closed_at(self, case_id: int) -> datetime | None:
        """When a reminder DM of the case last found the person's DMs closed."""
        row = await self.cases.db.fetchone(
            "SELECT dm_closed_at FROM case_outcomes WHERE case_id = ?", (case_id,)
        )
        return None if row is None or row[0] is None else datetime.fromisoformat(row[0])
