"""The conversation store against real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cases.export import export_cases
from bot.cases.models import CaseStatus
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.conversations.limits import MAX_REPLY_CHARS, MAX_TEXT_CHARS
from bot.conversations.models import AttachmentInfo, Direction
from bot.conversations.store import ConversationError
from bot.db import Database
from bot.migrations import MIGRATIONS
from tests.bot.conversations.conftest import Stores

ALL = Scope.everything()
CONVERSATIONS_MIGRATION = next(m for m in MIGRATIONS if "conversation_messages" in m)
PERSON, MOD = 11, 22
SHOT = AttachmentInfo(name="lock.png", url="https://cdn.example/lock.png", size=1234)


async def test_messages_both_ways_in_order(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    first = await stores.talks.record_incoming(case.id, PERSON, "my account got locked", [SHOT])
    await stores.clock.advance(5)
    reply = await stores.talks.record_reply(case.id, MOD, "  Did they answer?  ", signed="Sam")
    await stores.talks.record_incoming(case.id, PERSON, "", [SHOT], discord_message_id=77)
    got = await stores.talks.messages(case.id)
    assert [m.id for m in got] == sorted(m.id for m in got)
    assert [m.direction for m in got] == [Direction.IN, Direction.OUT, Direction.IN]
    assert got[0] == first and got[0].attachments == [SHOT]
    assert reply.text == "Did they answer?" and reply.signed == "Sam" and reply.author_id == MOD
    assert got[2].discord_message_id == 77 and got[2].text == ""
    assert got[1].created_at - got[0].created_at == timedelta(seconds=5)
    talk = await stores.talks.get(case.id)
    assert talk is not None and talk.active and talk.thread_id is None


async def test_limits_refused(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    with pytest.raises(ConversationError):
        await stores.talks.record_incoming(case.id, PERSON, "")
    with pytest.raises(ConversationError):
        await stores.talks.record_incoming(case.id, PERSON, "x" * (MAX_TEXT_CHARS + 1))
    with pytest.raises(ConversationError):
        await stores.talks.record_reply(case.id, MOD, "   ")
    with pytest.raises(ConversationError):
        await stores.talks.record_reply(case.id, MOD, "x" * (MAX_REPLY_CHARS + 1))
    await stores.talks.record_incoming(case.id, PERSON, "x" * MAX_TEXT_CHARS)
    await stores.talks.record_reply(case.id, MOD, "y" * MAX_REPLY_CHARS)
    assert len(await stores.talks.messages(case.id)) == 2


async def test_thread_of_a_case_and_back(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    assert await stores.talks.thread_of(case.id) is None
    await stores.talks.set_thread(case.id, 555, 1)
    assert await stores.talks.thread_of(case.id) == 555
    assert await stores.talks.case_of_thread(555) == case.id
    assert await stores.talks.case_of_thread(556) is None


async def test_end_and_restart(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    assert not await stores.talks.end(case.id)  # nothing to end yet
    await stores.talks.record_incoming(case.id, PERSON, "hello")
    assert await stores.talks.end(case.id)
    assert not await stores.talks.end(case.id)
    talk = await stores.talks.get(case.id)
    assert talk is not None and not talk.active
    await stores.talks.record_incoming(case.id, PERSON, "me again")
    talk = await stores.talks.get(case.id)
    assert talk is not None and talk.active


async def test_closing_the_case_ends_the_conversation_and_sets_closed_at(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    await stores.talks.record_incoming(case.id, PERSON, "hello")
    await stores.clock.advance(60)
    await stores.cases.set_status(case.id, CaseStatus.CLOSED, MOD, scope=ALL)
    talk = await stores.talks.get(case.id)
    assert talk is not None and talk.ended_at == stores.clock.now()
    row = await stores.db.fetchone("SELECT closed_at FROM cases WHERE id = ?", (case.id,))
    assert row is not None and row["closed_at"] == stores.clock.now().isoformat()
    await stores.cases.set_status(case.id, CaseStatus.OPEN, MOD, scope=ALL, moderator=True)
    row = await stores.db.fetchone("SELECT closed_at FROM cases WHERE id = ?", (case.id,))
    assert row is not None and row["closed_at"] is None


async def test_case_for_a_dm(stores: Stores) -> None:
    assert await stores.talks.case_for(stores.cases, PERSON, None) is None
    opened = await stores.talks.case_for(stores.cases, PERSON, "alice")
    assert opened is not None and opened.created and opened.owner == 0  # the home server's
    await stores.clock.advance(1)
    other = await stores.cases.open_case(PERSON, None, "bob")
    assert (await stores.talks.case_for(stores.cases, PERSON, "Alice")).id == opened.id  # type: ignore[union-attr]
    latest = await stores.talks.case_for(stores.cases, PERSON, None)
    assert latest is not None and latest.id == other.id
    await stores.cases.set_status(other.id, CaseStatus.CLOSED, MOD, scope=ALL)
    await stores.cases.set_status(opened.id, CaseStatus.CLOSED, MOD, scope=ALL)
    assert await stores.talks.case_for(stores.cases, PERSON, None) is None


async def test_forget_erases_the_conversation_and_export_counts_it(stores: Stores) -> None:
    case = await stores.cases.open_case(PERSON, None, "alice")
    await stores.talks.record_incoming(case.id, PERSON, "secret words", [SHOT])
    await stores.talks.set_thread(case.id, 555, 1)
    mods = await stores.cases.open_case(MOD, None, "modaccount")
    await stores.talks.record_reply(mods.id, PERSON, "PERSON also answered as a moderator")
    exported = await export_cases(stores.cases, ALL, "json")
    assert '"messages": 1' in exported
    await stores.cases.delete_user_data(PERSON, ALL)
    assert await stores.talks.messages(case.id) == []
    assert await stores.talks.get(case.id) is None
    assert await stores.talks.case_of_thread(555) is None
    left = await stores.talks.messages(mods.id)
    assert [m.author_id for m in left] == [None]
    raw = await stores.db.fetchall("SELECT text FROM conversation_messages")
    assert all("secret" not in r["text"] for r in raw)


async def test_closed_at_backfilled_from_the_timeline(tmp_path: Path) -> None:
    path = tmp_path / "before.db"
    before = MIGRATIONS.index(CONVERSATIONS_MIGRATION)
    with sqlite3.connect(path) as raw:
        for script in MIGRATIONS[:before]:
            raw.executescript(script)
        raw.execute(f"PRAGMA user_version = {before}")
        made, closed = "2026-01-01T00:00:00+00:00", "2026-01-03T10:00:00+00:00"
        touched = "2026-02-01T00:00:00+00:00"
        for status in ("closed", "open", "restored"):
            raw.execute(
                "INSERT INTO cases (discord_user_id, owner, hf_account, status, created_at,"
                " updated_at) VALUES (1, 0, ?, ?, ?, ?)",
                (f"acct{status}", status, made, touched),
            )
        raw.execute(
            "INSERT INTO events (case_id, kind, payload, created_at) VALUES "
            '(1, \'status_changed\', \'{"from": "open", "to": "closed"}\', ?)',
            (closed,),
        )
    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT id, closed_at FROM cases ORDER BY id")
        assert [r["closed_at"] for r in rows] == [closed, None, touched]  # no event: updated_at
        await CaseStore(db).set_status(2, CaseStatus.CLOSED, None, scope=ALL)
        row = await db.fetchone("SELECT closed_at FROM cases WHERE id = 2")
        assert row is not None and row["closed_at"] is not None
    finally:
        await db.close()
