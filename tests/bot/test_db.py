"""Database opening, pragmas and migrations."""

from __future__ import annotations

import sqlite3

import pytest

from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.db import SCHEMA_VERSION, Database, DatabaseUnavailable
from bot.migrations import MIGRATIONS

ALL = Scope.everything()


async def test_new_file_and_folder_are_created_and_migrated(tmp_path):
    path = tmp_path / "deep" / "folder" / "cases.db"
    db = await Database.open(path)
    try:
        assert path.exists()
        assert await db.schema_version() == SCHEMA_VERSION
        pragmas = {}
        for name in ("journal_mode", "foreign_keys", "busy_timeout"):
            row = await db.fetchone(f"PRAGMA {name}")
            assert row is not None
            pragmas[name] = row[0]
        assert pragmas["journal_mode"] == "wal" and pragmas["foreign_keys"] == 1
        assert pragmas["busy_timeout"] >= 1000
    finally:
        await db.close()


async def test_migrates_an_empty_existing_file(tmp_path):
    path = tmp_path / "cases.db"
    path.touch()
    db = await Database.open(path)
    assert await db.schema_version() == SCHEMA_VERSION
    await db.close()


async def test_upgrades_a_version_one_database_in_place(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as raw:
        raw.executescript(MIGRATIONS[0])
        raw.execute("PRAGMA user_version = 1")
        now = "2026-01-01T00:00:00+00:00"
        for account in ("Alice", "alice", "bob"):  # v1 did not stop duplicates
            raw.execute(
                "INSERT INTO cases (discord_user_id, guild_id, hf_account, status, created_at,"
                " updated_at) VALUES (1, 5, ?, 'open', ?, ?)",
                (account, now, now),
            )
        raw.execute(
            "INSERT INTO events (case_id, kind, actor_id, payload, created_at)"
            " VALUES (1, 'note', 2, '{\"text\": \"kept\"}', ?)",
            (now,),
        )
    db = await Database.open(path)
    try:
        assert await db.schema_version() == SCHEMA_VERSION
        store = CaseStore(db)
        cases = {c.id: c for c in await store.list_cases(ALL)}
        assert len(cases) == 3
        assert cases[1].status == "closed" and cases[2].status == "open"
        events = await store.events(1)
        assert events[0].payload == {"text": "kept"}
        assert events[-1].payload["to"] == "closed"
        again = await store.open_case(1, 5, "ALICE")
        assert again.id == 2 and not again.created
        await db.set_meta("k", "v")
        assert await db.get_meta("k") == "v"
    finally:
        await db.close()


async def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseUnavailable, match="newer than this bot"):
        await Database.open(path)


async def test_failed_write_rolls_back(tmp_path):
    db = await Database.open(tmp_path / "x.db")
    with pytest.raises(ZeroDivisionError):
        async with db.write() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')")
            1 / 0  # noqa: B018
    assert await db.get_meta("a") is None
    await db.close()


async def test_read_only_open_refuses_writes_and_missing_files(tmp_path):
    path = tmp_path / "ro.db"
    with pytest.raises(DatabaseUnavailable, match="no such file"):
        await Database.open(path, readonly=True)
    assert not path.exists()
    await (await Database.open(path)).close()
    db = await Database.open(path, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await db.set_meta("k", "v")
        assert await db.schema_version() == SCHEMA_VERSION
    finally:
        await db.close()


async def test_read_only_open_refuses_an_old_schema(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 1")
    with pytest.raises(DatabaseUnavailable, match=f"needs {SCHEMA_VERSION}"):
        await Database.open(path, readonly=True)
