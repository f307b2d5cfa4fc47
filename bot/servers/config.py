"""Per-server settings (mod-log channel, moderator role), set by each server's moderators.

The environment's `MODLOG_CHANNEL_ID` and `MODERATOR_ROLE_IDS` are the home server's defaults; a
value stored for a server replaces its default. Other servers have no defaults.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel

from bot.config import Settings
from bot.db import Database


class ServerConfig(BaseModel):
    """What applies in one server."""

    guild_id: int
    modlog_channel_id: int | None = None
    moderator_role_ids: tuple[int, ...] = ()
    home: bool = False


class ServerConfigStore:
    """Read and write per-server settings (one row per server)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    async def get(self, guild_id: int) -> ServerConfig:
        """The settings in force in `guild_id`: stored values, else the home server's defaults."""
        home = guild_id == self.settings.home_guild()
        config = ServerConfig(guild_id=guild_id, home=home)
        if home:
            config.modlog_channel_id = self.settings.modlog_channel_id
            config.moderator_role_ids = tuple(self.settings.moderator_role_ids)
        row = await self.db.fetchone(
            "SELECT modlog_channel_id, moderator_role_id FROM server_settings WHERE guild_id = ?",
            (guild_id,),
        )
        if row is not None:
            if row["modlog_channel_id"] is not None:
                config.modlog_channel_id = int(row["modlog_channel_id"])
            if row["moderator_role_id"] is not None:
                config.moderator_role_ids = (int(row["moderator_role_id"]),)
        return config

    async def set_modlog(self, guild_id: int, channel_id: int, actor_id: int) -> None:
        """Set the server's mod-log channel."""
        await self._set(guild_id, "modlog_channel_id", channel_id, actor_id)

    async def set_moderator_role(self, guild_id: int, role_id: int, actor_id: int) -> None:
        """Set the server's moderator role."""
        await self._set(guild_id, "moderator_role_id", role_id, actor_id)

    async def _set(self, guild_id: int, column: str, value: int, actor_id: int) -> None:
        if column not in ("modlog_channel_id", "moderator_role_id"):
            raise ValueError(f"not a server setting: {column}")
        now = datetime.now(UTC).isoformat()
        async with self.db.write() as conn:
            await conn.execute(
                f"INSERT INTO server_settings (guild_id, {column}, updated_by, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
                f"{column} = excluded.{column}, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                (guild_id, value, actor_id, now),
            )
