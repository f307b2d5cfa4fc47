"""Waiting checks on disk (`bot.check.waiting`): one per person, taken once at start, erased with
the person's data."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.check.waiting import done_waiting, note_waiting, take_left_checks
from bot.db import Database

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


async def test_noted_done_and_taken_once(tmp_path):
    db = await Database.open(tmp_path / "w.db")
    try:
        await note_waiting(db, 1, "alice", "fr", NOW)
        await note_waiting(db, 1, "acme", "fr", NOW)  # one per person: the latest
        await note_waiting(db, 2, "quiet", None, NOW)
        await done_waiting(db, 2)
        [left] = await take_left_checks(db)
        assert (left.discord_user_id, left.account, left.locale) == (1, "acme", "fr")
        assert left.queued_at == NOW
        assert await take_left_checks(db) == []
    finally:
        await db.close()


async def test_erased_with_the_persons_data(tmp_path):
    db = await Database.open(tmp_path / "w.db")
    try:
        await note_waiting(db, 1, "alice", None, NOW)
        await note_waiting(db, 2, "acme", None, NOW)
        await CaseStore(db).delete_user_data(1, Scope.everything())
        assert [c.discord_user_id for c in await take_left_checks(db)] == [2]
    finally:
        await db.close()
