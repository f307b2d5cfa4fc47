"""Per-server settings: the environment is the home server's default only; stored values win."""

from __future__ import annotations

from pathlib import Path

from bot.servers.config import ServerConfigStore
from bot.servers.prefs import PersonPrefs
from tests.helpers import make_hub_settings

A, B = 111, 222


async def test_env_defaults_are_the_home_servers_only(tmp_path):
    from bot.db import Database

    settings = make_hub_settings(
        "http://127.0.0.1:1",
        tmp_path / "x.db",
        guild_ids=[A],
        moderator_role_ids=[7, 8],
        modlog_channel_id=9,
    )
    db = await Database.open(settings.database_path)
    try:
        servers = ServerConfigStore(db, settings)
        home, other = await servers.get(A), await servers.get(B)
        assert (home.home, home.modlog_channel_id, home.moderator_role_ids) == (True, 9, (7, 8))
        assert (other.home, other.modlog_channel_id, other.moderator_role_ids) == (False, None, ())
        await servers.set_modlog(B, 20, actor_id=1)
        await servers.set_moderator_role(B, 21, actor_id=1)
        await servers.set_modlog(A, 30, actor_id=1)
        other, home = await servers.get(B), await servers.get(A)
        assert (other.modlog_channel_id, other.moderator_role_ids) == (20, (21,))
        assert (home.modlog_channel_id, home.moderator_role_ids) == (30, (7, 8))
        prefs = PersonPrefs(db)
        assert await prefs.status_dms(5) is True
        await prefs.set_status_dms(5, False)
        assert await prefs.status_dms(5) is False and await prefs.status_dms(6) is True
    finally:
        await db.close()


def test_home_server_setting():
    settings = make_hub_settings("http://127.0.0.1:1", Path("x.db"))
    assert settings.home_guild() is None
    assert settings.model_copy(update={"guild_ids": [A]}).home_guild() == A
    assert settings.model_copy(update={"guild_ids": [A, B]}).home_guild() is None
    assert settings.model_copy(update={"guild_ids": [A, B], "home_guild_id": B}).home_guild() == B
