"""The reminder table: one pending per case, claim → mark, one retry of a lost claim, and the
next-due query on the index."""

from __future__ import annotations

from datetime import timedelta

from bot.reminders.models import ReminderState
from bot.reminders.store import NEXT_DUE_SQL
from tests.bot.reminders.conftest import RETRY


async def test_next_due_is_one_indexed_query(world):
    plan = [row[-1] for row in await world.db.fetchall("EXPLAIN QUERY PLAN " + NEXT_DUE_SQL)]
    searches = [p for p in plan if "reminders" in p]
    assert len(searches) == 2 and all("idx_reminders_due" in p for p in searches), plan
    assert not any(p.startswith("SCAN reminders") or "TEMP B-TREE" in p for p in plan), plan


async def test_one_pending_reminder_per_case_and_next_due(world):
    store, now = world.reminders.store, world.clock.now()
    case = await world.drafted_case()
    other = await world.drafted_case(user=8, account="bob")
    assert await store.next_due() is None
    await store.schedule(case, 1, now + timedelta(days=5), now)
    await store.schedule(case, 1, now + timedelta(days=3), now)  # replaces the first
    await store.schedule(other, 1, now + timedelta(days=4), now)
    assert await store.next_due() == now + timedelta(days=3)
    states = [r.state for r in await store.for_case(case)]
    assert states == [ReminderState.CANCELLED, ReminderState.PENDING]
    assert set(await store.pending_of([case, other, 999])) == {case, other}


async def test_claim_marks_and_a_lost_claim_is_retried_once(world):
    store, clock = world.reminders.store, world.clock
    case = await world.drafted_case()
    now = clock.now()
    await store.schedule(case, 1, now + timedelta(days=1), now)
    assert await store.claim_due(now, RETRY) == []  # not due yet
    await clock.advance(timedelta(days=1))
    [claimed] = await store.claim_due(clock.now(), RETRY)
    assert claimed.claims == 1 and await store.claim_due(clock.now(), RETRY) == []
    # the process died before marking it: the claim's retry time is the next due
    assert await store.next_due() == clock.now() + RETRY
    await clock.advance(RETRY)
    [again] = await store.claim_due(clock.now(), RETRY)
    assert again.id == claimed.id and again.claims == 2
    await clock.advance(RETRY)
    assert await store.claim_due(clock.now(), RETRY) == []  # given up, not a third time
    [reminder] = await store.for_case(case)
    assert reminder.state == ReminderState.UNCONFIRMED and await store.next_due() is None


async def test_marked_reminder_is_not_claimed_again(world):
    store, clock = world.reminders.store, world.clock
    case = await world.drafted_case()
    await store.schedule(case, 1, clock.now(), clock.now())
    [claimed] = await store.claim_due(clock.now(), RETRY)
    await store.mark(claimed.id, ReminderState.SENT, "sent", clock.now())
    await clock.advance(RETRY * 3)
    assert await store.claim_due(clock.now(), RETRY) == []
    assert await store.next_due() is None
