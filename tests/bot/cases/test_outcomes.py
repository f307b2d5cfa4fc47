"""How a case ended: fed by the person's buttons and the moderators' status changes."""

from __future__ import annotations

from datetime import timedelta

from bot.cases.models import CaseStatus, EventKind, Progress
from bot.cases.outcomes import note_email_sent
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.clock import ManualClock

ALL = Scope.everything()

async def _outcome(store, case_id):
    row = await store.db.fetchone(
        "SELECT outcome, days_to_outcome, first_email_to FROM case_outcomes WHERE case_id = ?",
        (case_id,),
    )
    return None if row is None else tuple(row)


async def test_outcomes_from_buttons_and_moderators(store):
    clock = ManualClock()
    store = CaseStore(store.db, clock=clock)
    restored = await store.open_case(1, 9, "a")
    closed = await store.open_case(2, 9, "b")
    locked = await store.open_case(3, 9, "c")
    async with store.db.write() as conn:
        await note_email_sent(conn, restored.id, "safety@huggingface.co", clock.now())
        await note_email_sent(conn, restored.id, "website@huggingface.co", clock.now())
    await clock.advance(timedelta(days=4, hours=12))
    await store.record_progress(restored.id, 1, Progress.RESTORED)
    assert await _outcome(store, restored.id) == ("restored", 4.5, "safety@huggingface.co")
    await store.set_status(closed.id, CaseStatus.CLOSED, 99, scope=ALL, moderator=True)
    assert await _outcome(store, closed.id) == ("closed", None, None)
    await store.record_progress(locked.id, 3, Progress.LOCKED)
    assert (await _outcome(store, locked.id))[0] == "still_locked"
    await store.record_progress(locked.id, 3, Progress.REPLIED)  # not an outcome
    assert (await _outcome(store, locked.id))[0] == "still_locked"
    # a reopened case has not ended; "still locked" on an ended case changes nothing
    await store.set_status(closed.id, CaseStatus.OPEN, 99, scope=ALL, moderator=True)
    assert (await _outcome(store, closed.id))[0] is None
    await store.record_progress(restored.id, 1, Progress.LOCKED)
    assert (await _outcome(store, restored.id))[0] == "restored"
    kinds = [e.kind for e in await store.events(locked.id)]
    assert kinds.count(EventKind.USER_UPDATE) == 2


async def test_forgetting_a_person_removes_outcomes_and_reminders(store):
    case = await store.open_case(1, 9, "a")
    async with store.db.write() as conn:
        await note_email_sent(conn, case.id, "website@huggingface.co", store.clock.now())
        await conn.execute(
            "INSERT INTO reminders (case_id, number, due_at, scheduled_for, created_at, "
            "updated_at) VALUES (?, 1, 'x', 'x', 'x', 'x')",
            (case.id,),
        )
    await store.delete_user_data(1, ALL)
    for table in ("case_outcomes", "reminders"):
        assert (await store.db.fetchone(f"SELECT COUNT(*) FROM {table}"))[0] == 0
