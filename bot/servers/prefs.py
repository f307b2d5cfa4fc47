"""A person's preferences: whether moderators' updates about their case reach them by DM."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db import Database


class PersonPrefs:
    """One row per person who changed a preference; everyone else has the defaults."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def status_dms(self, discord_user_id: int) -> bool:
        """Whether the person gets a DM when a moderator moves their case or writes to them
        (on unless they turned it off)."""
        row = await self.db.fetchone(
            "SELECT status_dms FROM person_prefs WHERE discord_user_id = ?", (discord_user_id,)
        )
        return True if row is None else bool(row["status_dms"])

    async def set_status_dms(self, discord_user_id: int, on: bool) -> None:
        """Turn those DMs on or off."""
        async with self.db.write() as conn:
            await conn.execute(
                "INSERT INTO person_prefs (discord_user_id, status_dms, updated_at) "
                "VALUES (?, ?, ?) ON CONFLICT (discord_user_id) DO UPDATE SET "
                "status_dms = excluded.status_dms, updated_at = excluded.updated_at",
                (discord_user_id, int(on), datetime.now(UTC).isoformat()),
            )
