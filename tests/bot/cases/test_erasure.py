"""Erasing a person's data."""

from __future__ import annotations

from bot.cases.scope import Scope
from tests.bot.cases.helpers import insert_cases

ALL = Scope.everything()


async def test_delete_user_data_removes_exactly_that_person(store):
    mine = [await store.open_case(1, None, name) for name in ("a1", "a2")]
    theirs = await store.open_case(2, None, "a1")
    await store.add_event(mine[0].id, "check_ran", 1, {})
    await store.add_note(theirs.id, 1, "written by user 1 as a moderator", ALL)
    report = await store.delete_user_data(1, ALL)
    assert report.case_ids == [c.id for c in mine]
    assert report.cases == 2 and report.events == 3 and report.events_anonymised == 1
    assert await store.list_cases(ALL, discord_user_id=1) == []
    assert await store.get_case(theirs.id, ALL) is not None
    events = await store.events(theirs.id)
    assert len(events) == 2 and all(e.actor_id != 1 for e in events)
    assert (await store.delete_user_data(1, ALL)).cases == 0


async def test_deleting_more_cases_than_one_batch_counts_every_event(store):
    await insert_cases(store, 1, 1_100)
    other = await store.open_case(2, None, "alice")
    report = await store.delete_user_data(1, ALL)
    assert report.cases == 1_100 and report.events == 1_100 and len(set(report.case_ids)) == 1_100
    assert await store.list_cases(ALL, discord_user_id=1) == []
    remaining = await store.db.fetchone("SELECT COUNT(*) AS n FROM events")
    assert remaining["n"] == 1 and await store.get_case(other.id, ALL) is not None

