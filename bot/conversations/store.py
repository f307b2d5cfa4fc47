"""The conversation store: a case's DM messages both ways and its mod-log thread, over SQLite.

A conversation starts with the first message on a case and ends when the person ends it or the
case is closed or restored (a trigger of migration 8 ends it with the case). A new message from
the person starts it again. Every write returns after its transaction has committed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import aiosqlite

from bot.cases.models import ACTIVE_STATUSES, Case
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.clock import Clock, SystemClock
from bot.conversations.limits import MAX_REPLY_CHARS, MAX_TEXT_CHARS
from bot.conversations.models import (
    AttachmentInfo,
    Conversation,
    ConversationMessage,
    Direction,
)
from bot.db import Database

_MESSAGE_COLUMNS = (
    "id, case_id, direction, author_id, text, attachments, signed, discord_message_id, created_at"
)


def _message(row: aiosqlite.Row) -> ConversationMessage:
    return ConversationMessage(
        id=row["id"],
        case_id=row["case_id"],
        direction=Direction(row["direction"]),
        author_id=row["author_id"],
        text=row["text"],
        attachments=[AttachmentInfo.model_validate(a) for a in json.loads(row["attachments"])],
        signed=row["signed"],
        discord_message_id=row["discord_message_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def _conversation(row: aiosqlite.Row) -> Conversation:
    ended = row["ended_at"]
    return Conversation(
        case_id=row["case_id"],
        thread_id=row["thread_id"],
        thread_guild_id=row["thread_guild_id"],
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=datetime.fromisoformat(ended) if ended else None,
    )


class ConversationError(ValueError):
    """A message the store refuses (empty, or over its limit)."""


class ConversationStore:
    """Conversations over an open `Database` (the cases themselves are `CaseStore`'s)."""

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()

    def _now(self) -> str:
        return self.clock.now().astimezone(UTC).isoformat()

    async def case_for(self, cases: CaseStore, user_id: int, account: str | None) -> Case | None:
        """The case a person's DM belongs to: their active case for `account` (opened if there is
        none), else their most recently updated active case; None when they have no active case
        and named no account (the bot then asks which account)."""
        if account:
            return await cases.open_case(user_id, None, account)
        found = await cases.list_cases(Scope.everything(), discord_user_id=user_id, limit=20)
        active = [c for c in found if c.status in ACTIVE_STATUSES]
        return max(active, key=lambda c: c.updated_at) if active else None

    async def get(self, case_id: int) -> Conversation | None:
        """The case's conversation, if it ever had one."""
        row = await self.db.fetchone("SELECT * FROM conversations WHERE case_id = ?", (case_id,))
        return None if row is None else _conversation(row)

    async def _start(self, conn: aiosqlite.Connection, case_id: int, now: str) -> None:
        await conn.execute(
            "INSERT INTO conversations (case_id, started_at) VALUES (?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET ended_at = NULL",
            (case_id, now),
        )

    async def _insert(
        self,
        case_id: int,
        direction: Direction,
        author_id: int | None,
        text: str,
        attachments: Sequence[AttachmentInfo],
        signed: str | None,
        discord_message_id: int | None,
    ) -> ConversationMessage:
        now = self._now()
        files = json.dumps([a.model_dump() for a in attachments], ensure_ascii=False)
        async with self.db.write() as conn:
            if direction == Direction.IN:
                await self._start(conn, case_id, now)
            cur = await conn.execute(
                "INSERT INTO conversation_messages (case_id, direction, author_id, text, "
                "attachments, signed, discord_message_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, direction.value, author_id, text, files, signed, discord_message_id, now),
            )
            await conn.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now, case_id))
            message_id = int(cur.lastrowid or 0)
        row = await self.db.fetchone(
            f"SELECT {_MESSAGE_COLUMNS} FROM conversation_messages WHERE id = ?", (message_id,)
        )
        assert row is not None
        return _message(row)

    async def record_incoming(
        self,
        case_id: int,
        author_id: int,
        text: str,
        attachments: Sequence[AttachmentInfo] = (),
        *,
        discord_message_id: int | None = None,
    ) -> ConversationMessage:
        """What the person wrote (already screened by `bot.conversations.limits.screen`); starts
        (or restarts) the conversation."""
        if not text and not attachments:
            raise ConversationError("empty message")
        if len(text) > MAX_TEXT_CHARS:
            raise ConversationError(f"over {MAX_TEXT_CHARS} characters")
        return await self._insert(
            case_id, Direction.IN, author_id, text, attachments, None, discord_message_id
        )

    async def record_reply(
        self,
        case_id: int,
        moderator_id: int,
        text: str,
        *,
        signed: str | None = None,
        discord_message_id: int | None = None,
    ) -> ConversationMessage:
        """A moderator's answer to the person (1 to `MAX_REPLY_CHARS` characters)."""
        text = text.strip()
        if not text or len(text) > MAX_REPLY_CHARS:
            raise ConversationError(f"a reply holds 1 to {MAX_REPLY_CHARS} characters")
        return await self._insert(
            case_id, Direction.OUT, moderator_id, text, (), signed, discord_message_id
        )

    async def messages(self, case_id: int, *, limit: int = 1000) -> list[ConversationMessage]:
        """The case's conversation, oldest first (the last `limit` messages)."""
        rows = await self.db.fetchall(
            f"SELECT * FROM (SELECT {_MESSAGE_COLUMNS} FROM conversation_messages "
            "WHERE case_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
            (case_id, max(1, limit)),
        )
        return [_message(row) for row in rows]

    async def set_thread(self, case_id: int, thread_id: int, guild_id: int) -> None:
        """Remember the case's private mod-log thread (starting the conversation if needed)."""
        now = self._now()
        async with self.db.write() as conn:
            await self._start(conn, case_id, now)
            await conn.execute(
                "UPDATE conversations SET thread_id = ?, thread_guild_id = ? WHERE case_id = ?",
                (thread_id, guild_id, case_id),
            )

    async def thread_of(self, case_id: int) -> int | None:
        """The case's mod-log thread, if one was opened."""
        found = await self.get(case_id)
        return None if found is None else found.thread_id

    async def case_of_thread(self, thread_id: int) -> int | None:
        """The case whose conversation is relayed in that thread."""
        row = await self.db.fetchone(
            "SELECT case_id FROM conversations WHERE thread_id = ?", (thread_id,)
        )
        return None if row is None else int(row["case_id"])

    async def end(self, case_id: int) -> bool:
        """End the conversation (the person asked, or the case ended); False when there was no
        active one."""
        async with self.db.write() as conn:
            cur = await conn.execute(
                "UPDATE conversations SET ended_at = ? WHERE case_id = ? AND ended_at IS NULL",
                (self._now(), case_id),
            )
            return cur.rowcount > 0
