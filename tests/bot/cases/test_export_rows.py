"""Cases as export rows, paged."""

from __future__ import annotations

from bot.cases.scope import Scope

ALL = Scope.everything()


async def test_export_pages_through_every_case_in_order(store):
    ids = [(await store.open_case(1, None, f"acct{i}")).id for i in range(5)]
    await store.set_status(ids[3], "closed", 1, scope=ALL)
    rows = [row async for row in store.export(ALL, batch=2)]
    assert [r["id"] for r in rows] == ids and [r["events"] for r in rows] == [1, 1, 1, 2, 1]
    closed = [row async for row in store.export(ALL, status="closed", batch=1)]
    assert [r["id"] for r in closed] == [ids[3]]

