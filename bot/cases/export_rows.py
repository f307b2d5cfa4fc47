"""Cases as flat rows for CSV/JSON exports, streamed in batches (memory stays flat)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from bot.cases.models import CaseStatus
from bot.cases.scope import Scope
from bot.db import Database


async def export_rows(
    db: Database, scope: Scope, *, status: CaseStatus | str | None = None, batch: int = 1000
) -> AsyncIterator[dict[str, Any]]:
    """Every case in `scope` (optionally of one status) as a flat row for CSV/JSON, oldest
    first, with its event count and last event time. Streams in batches; memory stays flat."""
    last_id = 0
    scope_sql, scope_params = scope.where("c.owner")
    status_sql, params = f"AND {scope_sql}", list[object]([*scope_params])
    if status is not None:
        status_sql += " AND c.status = ?"
        params.append(CaseStatus(status).value)
    while True:
        rows = await db.fetchall(
            f"SELECT c.id, c.discord_user_id, c.guild_id, c.owner, c.hf_account, c.status, "
            f"c.created_at, c.updated_at, "
            f"(SELECT COUNT(*) FROM events e WHERE e.case_id = c.id) AS events, "
            f"(SELECT MAX(created_at) FROM events e WHERE e.case_id = c.id) AS last_event_at, "
            f"(SELECT COUNT(*) FROM conversation_messages m WHERE m.case_id = c.id) AS messages "
            f"FROM cases c WHERE c.id > ? {status_sql} ORDER BY c.id LIMIT ?",
            [last_id, *params, batch],
        )
        if not rows:
            return
        for row in rows:
            yield {key: row[key] for key in row.keys()}  # noqa: SIM118
        last_id = int(rows[-1]["id"])
