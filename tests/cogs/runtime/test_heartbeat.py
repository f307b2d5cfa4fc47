"""The heartbeat, read by `hf-support-bot health`."""

from __future__ import annotations

import asyncio

from cogs.runtime.client import create_bot
from tests.fakes.fake_discord import run_client


async def test_heartbeat_makes_health_green(env, monkeypatch):
    from bot.cli import main
    from bot.db import HEARTBEAT_KEY

    bot = create_bot(env.settings)
    bot._connection.guild_ready_timeout = 0.05  # on_ready soon after GUILD_CREATE
    async with run_client(env.discord, bot, wait_ready=True):
        for _ in range(100):
            if await bot.services.db.get_meta(HEARTBEAT_KEY):
                break
            await asyncio.sleep(0.02)
        assert await bot.services.db.get_meta(HEARTBEAT_KEY)
    monkeypatch.setenv("DATABASE_PATH", str(env.settings.database_path))
    assert await asyncio.to_thread(main, ["health"]) == 0
