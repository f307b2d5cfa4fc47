"""How cases and events are stored: the columns read, rows as models, payloads as JSON text, and
the limits of what is stored."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import aiosqlite

from bot.accounts import MAX_NAME_LENGTH
from bot.cases.models import Case, CaseError, Event, EventKind

MAX_PAYLOAD_BYTES = 16_384
MAX_NOTE_CHARS = 1_000
MAX_LIST_LIMIT = 500
"""The most cases one `list_cases` call returns."""
MAX_CASE_ID = 2**63 - 1
"""SQLite integers (and Discord snowflakes) are signed 64-bit."""
MAX_ACCOUNT_CHARS = MAX_NAME_LENGTH


CASE_COLUMNS = (
    "id, discord_user_id, guild_id, owner, hf_account, status, created_at, updated_at, locale"
)


def case_from_row(row: aiosqlite.Row) -> Case:
    """A `cases` row as a `Case`."""
    return Case.model_validate({key: row[key] for key in row.keys()})  # noqa: SIM118 (Row has no __iter__ of keys)


def event_from_row(row: aiosqlite.Row) -> Event:
    """An `events` row as an `Event`."""
    return Event(
        id=row["id"],
        case_id=row["case_id"],
        kind=EventKind(row["kind"]),
        actor_id=row["actor_id"],
        payload=json.loads(row["payload"]),
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def payload_json(payload: Mapping[str, Any] | None) -> str:
    """An event's payload as stored: JSON text of at most `MAX_PAYLOAD_BYTES`."""
    text = json.dumps(dict(payload or {}), ensure_ascii=False, sort_keys=True, default=str)
    if len(text.encode()) > MAX_PAYLOAD_BYTES:
        raise CaseError("payload", limit=MAX_PAYLOAD_BYTES)
    return text
