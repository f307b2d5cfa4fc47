"""Reading cases: filtered lists, pages, indexes, the timeline."""

from __future__ import annotations

import pytest

from bot.cases.scope import Scope
from tests.bot.cases.helpers import insert_cases

ALL = Scope.everything()


async def test_list_cases_filters_and_pages(store):
    ids = []
    for i in range(25):
        case = await store.open_case(100 + i % 3, None, f"acct{i % 5}")
        ids.append(case.id)
    await store.set_status(ids[0], "waiting_on_hf", 1, scope=ALL)
    page1 = await store.list_cases(ALL, limit=10)
    page2 = await store.list_cases(ALL, limit=10, before_id=page1[-1].id)
    assert [c.id for c in page1 + page2] == sorted(set(ids), reverse=True)[:20]
    mine = await store.list_cases(ALL, discord_user_id=100)
    assert mine and all(c.discord_user_id == 100 for c in mine)
    by_account = await store.list_cases(ALL, hf_account="ACCT1")
    assert by_account and all(c.hf_account == "acct1" for c in by_account)
    waiting = await store.list_cases(ALL, status="waiting_on_hf")
    assert [c.id for c in waiting] == [ids[0]]
    both = await store.list_cases(ALL, status="open", discord_user_id=101)
    assert all(c.discord_user_id == 101 and c.status == "open" for c in both)


@pytest.mark.parametrize(
    ("where", "params"),
    [
        ("discord_user_id = ?", (1,)),
        ("hf_account = ? COLLATE NOCASE", ("x",)),
        ("status = ?", ("open",)),
    ],
)
async def test_lookups_use_an_index(store, where, params):
    plan = await store.db.fetchall(
        f"EXPLAIN QUERY PLAN SELECT * FROM cases WHERE {where} ORDER BY id DESC LIMIT 20", params
    )
    detail = " | ".join(row["detail"] for row in plan)
    assert "USING INDEX" in detail or "USING COVERING INDEX" in detail, detail
    assert "TEMP B-TREE" not in detail, detail
    events_plan = await store.db.fetchall(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE case_id = ? ORDER BY id", (1,)
    )
    assert "idx_events_case" in " ".join(r["detail"] for r in events_plan)


async def test_list_cases_page_sizes_default_and_bounds(store):
    await insert_cases(store, 1, 501, status="closed")
    assert len(await store.list_cases(ALL)) == 20
    assert len(await store.list_cases(ALL, limit=0)) == 1
    assert len(await store.list_cases(ALL, limit=10_000)) == 500


async def test_the_timeline_keeps_the_last_events(store):
    case = await store.open_case(1, None, "alice")
    for n in range(200):
        await store.add_event(case.id, "check_ran", 1, {"n": n})
    timeline = await store.events(case.id)  # 201 events: the last 200, oldest first
    assert [e.payload["n"] for e in timeline] == list(range(200))
    assert [e.payload["n"] for e in await store.events(case.id, limit=0)] == [199]

