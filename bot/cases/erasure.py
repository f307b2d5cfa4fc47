"""Erasing a person's data: their cases and events in a scope, their id on the events they wrote
elsewhere, and (for the person's own request) their preferences and waiting checks."""

from __future__ import annotations

from bot.cases.models import DeletionReport
from bot.cases.scope import Scope
from bot.db import Database


async def erase_person(db: Database, discord_user_id: int, scope: Scope) -> DeletionReport:
    """Erase a person's cases in `scope` with their events, and remove their id from events
    they wrote on other cases in `scope`. With `Scope.everything()` (the person's own
    request, or the terminal) their preferences go too. Reports what it removed."""
    scope_sql, scope_params = scope.where()
    async with db.write() as conn:
        async with conn.execute(
            f"SELECT id FROM cases WHERE discord_user_id = ? AND {scope_sql} ORDER BY id",
            (discord_user_id, *scope_params),
        ) as cur:
            ids = [int(r[0]) for r in await cur.fetchall()]
        events = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cur = await conn.execute(
                f"DELETE FROM events WHERE case_id IN ({marks})",
                chunk,
            )
            events += cur.rowcount
            await conn.execute(f"DELETE FROM cases WHERE id IN ({marks})", chunk)
        if scope.owners is None:
            cur = await conn.execute(
                "UPDATE events SET actor_id = NULL WHERE actor_id = ?", (discord_user_id,)
            )
            await conn.execute(  # their answers as a moderator on others' conversations
                "UPDATE conversation_messages SET author_id = NULL WHERE author_id = ?",
                (discord_user_id,),
            )
            for table in ("person_prefs", "waiting_checks"):
                await conn.execute(
                    f"DELETE FROM {table} WHERE discord_user_id = ?", (discord_user_id,)
                )
        else:
            cur = await conn.execute(
                "UPDATE events SET actor_id = NULL WHERE actor_id = ? AND case_id IN "
                f"(SELECT id FROM cases WHERE {scope_sql})",
                (discord_user_id, *scope_params),
            )
        anonymised = cur.rowcount
    return DeletionReport(
        discord_user_id=discord_user_id,
        case_ids=ids,
        cases=len(ids),
        events=events,
        events_anonymised=anonymised,
    )
