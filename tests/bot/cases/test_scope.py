"""The scoping rule: which cases a server's moderators (and the terminal) may touch, checked by
every query of the case store, with indexes so that no scoped query scans the table."""

from __future__ import annotations

import sqlite3

import pytest

from bot.cases.export import export_cases
from bot.cases.models import CaseNotFound
from bot.cases.scope import HOME, UNASSIGNED, Scope, owner_for
from bot.cases.store import CaseStore
from bot.db import Database
from bot.migrations import MIGRATIONS

A, B = 111, 222  # A is the home server


def test_the_rule():
    assert owner_for(None) == HOME and owner_for(A) == A
    home, other = Scope.server(A, home_guild_id=A), Scope.server(B, home_guild_id=A)
    assert home.allows(A) and home.allows(HOME) and not home.allows(B)
    assert other.allows(B) and not other.allows(A) and not other.allows(HOME)
    for scope in (home, other, Scope.server(A, home_guild_id=None)):
        assert not scope.allows(UNASSIGNED)  # unassigned cases: no server, until claimed
    assert not Scope.server(A, home_guild_id=None).allows(HOME)  # no home: DM cases are nobody's
    everything = Scope.everything()
    assert all(everything.allows(o) for o in (A, B, HOME, UNASSIGNED))
    with pytest.raises(ValueError):
        Scope.server(0, home_guild_id=0)  # 0 is HOME, never a server


async def _three(store: CaseStore) -> tuple[int, int, int]:
    a = await store.open_case(1, A, "in-a")
    b = await store.open_case(1, B, "in-b")
    dm = await store.open_case(1, None, "in-dm")
    return a.id, b.id, dm.id


async def test_every_query_keeps_to_its_scope(store):
    a, b, dm = await _three(store)
    home, other = Scope.server(A, home_guild_id=A), Scope.server(B, home_guild_id=A)
    assert [c.id for c in await store.list_cases(home)] == [dm, a]
    assert [c.id for c in await store.list_cases(other)] == [b]
    assert [c.id for c in await store.list_cases(other, status="open", discord_user_id=1)] == [b]
    assert await store.get_case(a, other) is None and await store.get_case(b, other) is not None
    with pytest.raises(CaseNotFound):
        await store.set_status(a, "closed", 9, scope=other)
    with pytest.raises(CaseNotFound):
        await store.add_note(dm, 9, "not yours", other)
    assert [r["id"] async for r in store.export(other)] == [b]
    assert '"in-b"' in await export_cases(store, other, "json")
    assert "in-a" not in await export_cases(store, other, "csv")
    await store.add_note(a, 1, "the person wrote on their own case", home)
    report = await store.delete_user_data(1, other)
    assert report.case_ids == [b] and report.events_anonymised == 0
    assert [c.id for c in await store.list_cases(Scope.everything())] == [dm, a]
    assert (await store.events(a))[-1].actor_id == 1  # server B cannot touch server A's events
    report = await store.delete_user_data(1, home)
    assert report.case_ids == [a, dm] and await store.list_cases(Scope.everything()) == []


async def test_notes_for_the_person_are_marked(store):
    a, _, _ = await _three(store)
    note = await store.add_note(a, 9, "hello", Scope.everything(), for_person=True)
    assert note.payload == {"text": "hello", "for_person": True}


async def test_unassigned_cases_are_claimed_by_the_home_server(store):
    a, _, dm = await _three(store)
    async with store.db.write() as conn:  # as the migration leaves a DM case from before
        await conn.execute("UPDATE cases SET owner = ? WHERE id = ?", (UNASSIGNED, dm))
    home = Scope.server(A, home_guild_id=A)
    assert [c.id for c in await store.list_cases(home)] == [a]
    assert await store.claim_unassigned([a, dm, 999]) == [dm]
    assert [c.id for c in await store.list_cases(home)] == [dm, a]
    assert await store.claim_unassigned() == []


async def test_the_migration_leaves_old_dm_cases_unassigned(tmp_path):
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    # the schema before cases had an owner
    before = next(i for i, script in enumerate(MIGRATIONS) if "ADD COLUMN owner" in script)
    for script in MIGRATIONS[:before]:
        raw.executescript(script)
    raw.execute(f"PRAGMA user_version = {before}")
    for user, guild in ((1, A), (2, None)):
        raw.execute(
            "INSERT INTO cases (discord_user_id, guild_id, hf_account, status, created_at, "
            "updated_at) VALUES (?, ?, 'acct', 'open', '2026-01-01T00:00:00+00:00', "
            "'2026-01-01T00:00:00+00:00')",
            (user, guild),
        )
    raw.commit()
    raw.close()
    db = await Database.open(path)
    try:
        cases = await CaseStore(db).list_cases(Scope.everything())
        assert {c.discord_user_id: c.owner for c in cases} == {1: A, 2: UNASSIGNED}
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("SELECT id FROM cases WHERE owner IN (?, ?) ORDER BY id DESC LIMIT 11", (0, A)),
        ("SELECT id FROM cases WHERE owner IN (?) AND status = ? ORDER BY id DESC", (B, "open")),
        ("SELECT id FROM cases WHERE discord_user_id = ? AND owner IN (?)", (1, B)),
        ("SELECT id FROM cases WHERE owner = ?", (UNASSIGNED,)),
        ("UPDATE events SET actor_id = NULL WHERE actor_id = ?", (1,)),
        ("SELECT value FROM meta WHERE key = ?", ("x",)),
    ],
)
async def test_scoped_queries_search_an_index(store, sql, params):
    rows = await store.db.fetchall("EXPLAIN QUERY PLAN " + sql, params)
    plan = " / ".join(str(r["detail"]) for r in rows)
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
