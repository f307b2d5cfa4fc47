"""The bot built by `create_bot`: command sync, restart, error handler, clean shutdown."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from cogs.client import create_bot
from tests.cogs.helpers import ALICE, GUILD, text_of
from tests.fakes.fake_discord import run_client

EXPECTED = {"checkaccount", "backup", "appeal", "mycase", "precedents", "case"}


async def test_commands_sync_once_then_only_when_forced(env):
    async with env.running() as bot:
        assert bot.synced is True
    assert len(env.discord.syncs) == 1
    sync = env.discord.syncs[0]
    assert int(sync["guild_id"]) == GUILD and {c["name"] for c in sync["body"]} == EXPECTED
    case = next(c for c in sync["body"] if c["name"] == "case")
    assert str(case["default_member_permissions"]) == "32"  # Manage Server
    assert {o["name"] for o in case["options"]} == {
        "view",
        "list",
        "note",
        "status",
        "export",
        "forget",
    }
    dm_ready = {c["name"] for c in sync["body"] if 1 in (c.get("contexts") or [])}
    assert dm_ready == EXPECTED - {"case"}
    async with env.running() as bot:  # same tree, same database: no second sync
        assert bot.synced is False
    assert len(env.discord.syncs) == 1
    async with run_client(env.discord, create_bot(env.settings, force_sync=True)) as bot:
        await bot.sync_task
        assert bot.synced is True
    assert len(env.discord.syncs) == 2
    async with env.running(guild_ids=[]) as bot:  # another target: a new (global) sync
        assert bot.synced is True
    pushed = [sync for sync in env.discord.syncs if sync["body"]]
    assert pushed[-1]["guild_id"] is None


async def test_switching_target_clears_the_old_one(env):
    async with env.running():  # to the server
        pass
    async with env.running(guild_ids=[]):  # then global: the server's copies are cleared
        pass
    assert env.discord.commands[GUILD] == [] and len(env.discord.commands[None]) == 6
    async with env.running():  # back to the server: the global copies are cleared
        pass
    assert env.discord.commands[None] == [] and len(env.discord.commands[GUILD]) == 6


async def test_another_application_syncs_again(env):
    async with env.running():
        pass
    env.discord.app_id += 1  # same tree and target, another bot application
    async with env.running() as bot:
        assert bot.synced is True
    assert len(env.discord.syncs) == 2


async def test_a_rate_limited_sync_does_not_keep_the_bot_offline(env, caplog):
    env.discord.rate_limit_syncs = 1  # Discord asks to wait 60 s
    with caplog.at_level(logging.ERROR):
        async with env.running() as bot:  # online anyway; the sync gave up instead of waiting
            assert bot.synced is False and not bot.is_closed()
    assert "could not sync slash commands" in caplog.text
    async with env.running() as bot:  # the next start syncs
        assert bot.synced is True


async def test_sync_command_exits_non_zero_when_discord_refuses(env, caplog):
    from cogs.runner import run_sync
    from tests.fakes.fake_discord_runner import patch_discord

    env.discord.refuse_syncs = 1
    with patch_discord(env.discord):
        assert await asyncio.to_thread(run_sync, env.settings) == 1
        assert await asyncio.to_thread(run_sync, env.settings) == 0
    assert len(env.discord.syncs) == 2


async def test_unexpected_errors_get_a_reference_and_a_log(env, caplog):
    async with env.running():
        with sqlite3.connect(env.settings.database_path) as raw:
            raw.execute("DROP TABLE events")  # break the store under the running bot
        with caplog.at_level(logging.ERROR):
            it = await env.command("checkaccount", {"account": "alice-hf"}, user=ALICE)
            [message] = await it.wait_done(timeout=5)
        text = text_of(message)
        assert "something went wrong on our side" in text and "reference" in text
        ref = text.split("reference `")[1].split("`")[0]
        assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)
        assert "fake-token" not in caplog.text


async def test_close_releases_the_database_and_hub_client(env):
    async with env.running() as bot:
        services = bot.services
    assert bot.is_closed()
    with pytest.raises(ValueError, match="no active connection"):
        await services.db.fetchone("SELECT 1")


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


async def test_a_refused_sync_does_not_stop_the_bot_and_is_retried(env, caplog):
    async with env.running():  # commands synced to the server once
        pass
    env.discord.refuse_syncs = 1
    with caplog.at_level(logging.ERROR):
        async with env.running(guild_ids=[]) as bot:  # a global sync, refused
            assert bot.synced is False
            it = await env.command("precedents")  # still answers with the commands it has
            assert "Public precedents" in text_of(it.response.data)
    assert "could not sync slash commands" in caplog.text
    async with env.running(guild_ids=[]) as bot:
        assert bot.synced is True
