"""The reminders' rules with a ManualClock: "I sent it", the due follow-up from the appeal
routing, at most two follow-ups, what stops a reminder, closed DMs, and the scheduler sleeping
until the next due reminder (woken when one is added)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.cases.models import CaseStatus, EventKind, NotYourCase, Progress
from bot.cases.scope import Scope
from bot.reminders.models import Delivery, ReminderState
from bot.reminders.scheduler import ReminderScheduler
from tests.bot.reminders.conftest import DAYS

ALL = Scope.everything()

async def test_sent_with_reminder_then_followup_on_the_due_date(world):
    case = await world.drafted_case()
    done = await world.reminders.confirm_sent(case, 7, remind=True)
    assert "January 10, 2026" in done.text and done.reminder is not None
    await world.clock.advance(timedelta(days=DAYS) - timedelta(seconds=1))
    assert await world.reminders.deliver_due(world.sender) == 0
    await world.clock.advance(timedelta(seconds=1))
    assert await world.reminders.deliver_due(world.sender) == 1
    [(user, followup)] = world.sender.sent
    assert user == 7 and followup.number == 1 and followup.draft is not None
    draft = followup.draft
    assert draft.stage == "follow-up" and draft.to == "website@huggingface.co"
    assert "website@huggingface.co on 2026-01-05, no reply so far" in draft.body
    assert "January 5, 2026" in followup.text and "follow-up 1 of 2" in followup.text
    assert followup.remind_on is not None and followup.remind_on.isoformat() == "2026-01-15"
    kinds = [e.kind for e in await world.cases.events(case)]
    assert kinds[-2:] == [EventKind.REMINDER, EventKind.APPEAL_DRAFTED]
    assert await world.reminders.deliver_due(world.sender) == 0  # once


async def test_two_followups_then_ask_the_moderators(world):
    case = await world.drafted_case()
    for number in (1, 2, 3):
        await world.reminders.confirm_sent(case, 7, remind=True)
        await world.clock.advance(timedelta(days=DAYS))
        await world.reminders.deliver_due(world.sender)
        assert world.sender.sent[-1][1].number == number
    last = world.sender.sent[-1][1]
    assert last.draft is None and "ask the moderators" in last.text
    row = await world.db.fetchone(
        "SELECT outcome, emails FROM case_outcomes WHERE case_id = ?", (case,)
    )
    assert tuple(row) == ("no_answer", 3)


async def test_reply_restoration_or_cancel_stop_the_reminder(world):
    replied, restored, cancelled = [
        await world.drafted_case(user=u, account=a) for u, a in ((1, "a"), (2, "b"), (3, "c"))
    ]
    for user, case in ((1, replied), (2, restored), (3, cancelled)):
        await world.reminders.confirm_sent(case, user, remind=True)
    await world.cases.record_progress(replied, 1, Progress.REPLIED)
    await world.cases.record_progress(restored, 2, Progress.RESTORED)
    with pytest.raises(NotYourCase):
        await world.reminders.cancel(cancelled, 1)
    assert "cancelled" in await world.reminders.cancel(cancelled, 3)
    await world.clock.advance(timedelta(days=DAYS * 2))
    assert await world.reminders.deliver_due(world.sender) == 0 and not world.sender.sent
    reminders = [r for c in (replied, restored) for r in await world.reminders.store.for_case(c)]
    assert {r.state for r in reminders} == {ReminderState.CANCELLED}


async def test_still_locked_keeps_the_reminder_and_a_closed_case_is_not_reminded(world):
    locked = await world.drafted_case(user=1, account="a")
    closing = await world.drafted_case(user=2, account="b")
    await world.reminders.confirm_sent(locked, 1, remind=True)
    await world.reminders.confirm_sent(closing, 2, remind=True)
    await world.cases.record_progress(locked, 1, Progress.LOCKED)
    await world.clock.advance(timedelta(days=DAYS))
    # claimed first, then closed by a moderator before it was sent: checked again at sending
    await world.db.conn.execute("UPDATE cases SET status = 'closed' WHERE id = ?", (closing,))
    assert await world.reminders.deliver_due(world.sender) == 2
    assert [f.case_id for _, f in world.sender.sent] == [locked]


async def test_move_and_not_twice_noted(world):
    case = await world.drafted_case()
    await world.reminders.confirm_sent(case, 7, remind=False)
    again = await world.reminders.confirm_sent(case, 7, remind=False)
    assert "already" in again.text
    assert "no reminder" in (await world.reminders.move(case, 7, 3)).lower()
    await world.reminders.confirm_sent(case, 7, remind=True)  # same email, now with a reminder
    assert "2026-01-13" in await world.reminders.move(case, 7, 3)
    row = await world.db.fetchone("SELECT emails FROM case_outcomes WHERE case_id = ?", (case,))
    assert row[0] == 1


async def test_closed_dms_are_recorded_and_not_retried(world):
    case = await world.drafted_case()
    await world.reminders.confirm_sent(case, 7, remind=True)
    world.sender.answer = Delivery.DMS_CLOSED
    await world.clock.advance(timedelta(days=DAYS))
    await world.reminders.deliver_due(world.sender)
    await world.clock.advance(timedelta(days=30))
    await world.reminders.deliver_due(world.sender)
    assert len(world.sender.sent) == 1
    [reminder] = await world.reminders.store.for_case(case)
    assert reminder.state == ReminderState.UNDELIVERABLE
    assert await world.reminders.dm_closed_at(case) is not None
    assert (await world.cases.get_case(case, ALL)).status == CaseStatus.OPEN


async def test_scheduler_sleeps_until_due_and_wakes_when_one_is_added(world):
    case = await world.drafted_case()
    scheduler = ReminderScheduler(world.reminders, world.sender)
    task = asyncio.create_task(scheduler.run())
    try:
        await asyncio.wait_for(scheduler.settled(1), 5)
        assert world.clock.sleepers == 0  # nothing pending: waits on the change event only
        await world.reminders.confirm_sent(case, 7, remind=True)
        await asyncio.wait_for(scheduler.settled(2), 5)  # woken by the new reminder
        assert world.clock.sleepers == 1 and not world.sender.sent
        await world.clock.advance(timedelta(days=DAYS))
        await asyncio.wait_for(scheduler.settled(3), 5)
        assert len(world.sender.sent) == 1
        assert scheduler.rounds == 3  # one look per wake-up: no polling
        assert world.clock.sleepers == 0
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_a_restart_after_the_due_time_sends_once(world):
    case = await world.drafted_case()
    await world.reminders.confirm_sent(case, 7, remind=True)
    await world.clock.advance(timedelta(days=DAYS + 2))  # the bot was down meanwhile
    fresh = world.restarted()
    assert await fresh.deliver_due(world.sender) == 1
    assert await world.restarted().deliver_due(world.sender) == 0
    assert len(world.sender.sent) == 1


async def test_the_reminder_speaks_the_language_stored_on_the_case(world):
    """The person used Discord in Spanish: the reminder DM (sent later, with no interaction)
    is in Spanish; the follow-up email itself in English."""
    case = await world.drafted_case()
    await world.cases.record(7, 1, "alice", EventKind.CHECK_RAN, {}, locale="es-ES")
    await world.reminders.confirm_sent(case, 7, remind=True)
    await world.clock.advance(timedelta(days=DAYS))
    assert await world.reminders.deliver_due(world.sender) == 1
    [(_, followup)] = world.sender.sent
    assert followup.text.startswith("Caso #1 (alice): han pasado 5 días")
    assert followup.draft is not None and "Hello Hugging Face team," in followup.draft.body
    assert followup.draft.checklist[-1].startswith("Envíalo una sola vez")
