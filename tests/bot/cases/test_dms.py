"""Whether DMs reach a person, read from their cases' DM events (`bot.cases.dms`)."""

from __future__ import annotations

from bot.cases.dms import LAST_DM_SQL, LATE_RESULT, dms_fail, last_dm, undelivered_result
from bot.cases.models import EventKind


async def test_the_latest_dm_on_any_of_the_persons_cases_decides(store):
    db = store.db
    assert await last_dm(db, 7) is None and not await dms_fail(db, 7)
    first = await store.record(7, None, "alice", EventKind.CHECK_RAN)
    second = await store.record(7, None, "acme", EventKind.CHECK_RAN)
    other = await store.record(8, None, "alice", EventKind.CHECK_RAN)
    await store.add_event(first.id, EventKind.DM_SENT, 7, {"what": "draft"})
    assert not await dms_fail(db, 7)
    await store.add_event(second.id, EventKind.DM_FAILED, 7, {"what": LATE_RESULT, "code": 50007})
    assert await dms_fail(db, 7)
    lost = await undelivered_result(db, 7)
    assert lost is not None and lost.case_id == second.id and lost.payload["code"] == 50007
    await store.add_event(other.id, EventKind.DM_SENT, 8, {})  # someone else's DM: no effect
    assert await dms_fail(db, 7)
    await store.add_event(first.id, EventKind.DM_FAILED, 7, {"what": "case_update"})
    assert await dms_fail(db, 7) and await undelivered_result(db, 7) is None  # not a result
    await store.add_event(first.id, EventKind.DM_SENT, 7, {"what": "reminder_check"})
    assert not await dms_fail(db, 7)


async def test_the_query_searches_indexes(store):
    rows = await store.db.fetchall("EXPLAIN QUERY PLAN " + LAST_DM_SQL, (7, "dm_sent", "dm_failed"))
    plan = " / ".join(str(r["detail"]) for r in rows)
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
