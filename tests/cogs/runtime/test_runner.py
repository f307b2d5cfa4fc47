"""`hf-support-bot sync`: exit codes from what Discord answered."""

from __future__ import annotations

import asyncio


async def test_sync_command_exits_non_zero_when_discord_refuses(env, caplog):
    from cogs.runtime.runner import run_sync
    from tests.fakes.fake_discord_runner import patch_discord

    env.discord.refuse_syncs = 1
    with patch_discord(env.discord):
        assert await asyncio.to_thread(run_sync, env.settings) == 1
        assert await asyncio.to_thread(run_sync, env.settings) == 0
    assert len(env.discord.syncs) == 2
