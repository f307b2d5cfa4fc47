"""Whether the bot's direct messages reach a person, from what their cases recorded: every DM the
bot tried is a `dm_sent` or `dm_failed` event on a case. Used so that the bot promises "by DM"
only where its last DM arrived."""

from __future__ import annotations

from bot.cases.models import Event, EventKind
from bot.cases.rows import event_from_row
from bot.db import Database

LATE_RESULT = "late_result"
"""`what` of the DM event of a check result delivered by DM after Discord's 15 minutes."""


LAST_DM_SQL = (
    "SELECT e.id, e.case_id, e.kind, e.actor_id, e.payload, e.created_at "
    "FROM cases c JOIN events e ON e.case_id = c.id "
    "WHERE c.discord_user_id = ? AND e.kind IN (?, ?) ORDER BY e.id DESC LIMIT 1"
)
"""The person's cases through `idx_cases_user`, then each case's events through
`idx_events_case` (no table scan)."""


async def last_dm(db: Database, discord_user_id: int) -> Event | None:
    """The latest DM the bot tried to send the person, on any of their cases."""
    row = await db.fetchone(
        LAST_DM_SQL, (discord_user_id, EventKind.DM_SENT.value, EventKind.DM_FAILED.value)
    )
    return event_from_row(row) if row is not None else None


async def dms_fail(db: Database, discord_user_id: int) -> bool:
    """Whether the last DM the bot tried to send the person was refused."""
    last = await last_dm(db, discord_user_id)
    return last is not None and last.kind == EventKind.DM_FAILED


async def undelivered_result(db: Database, discord_user_id: int) -> Event | None:
    """The refused DM of a late check result, when it is the latest DM the bot tried."""
    last = await last_dm(db, discord_user_id)
    if last is None or last.kind != EventKind.DM_FAILED:
        return None
    return last if last.payload.get("what") == LATE_RESULT else None
