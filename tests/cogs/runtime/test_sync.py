"""Command sync: once, then only when the tree or its target changed; a refusal never keeps the
bot offline."""

from __future__ import annotations

import logging

from cogs.runtime.client import create_bot
from tests.cogs.helpers import GUILD, text_of
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
        "config",
        "stats",
        "wave",
        "reply",
        "transcript",
    }
    # install types and contexts are explicit on every command (Discord's
    # ApplicationCommand object: integration_types 0 = guild install, 1 = user install;
    # contexts 0 = guild, 1 = bot DM, 2 = private channel)
    for command in sync["body"]:
        if command["name"] == "case":
            assert command["integration_types"] == [0] and command["contexts"] == [0]
        else:
            assert sorted(command["integration_types"]) == [0, 1]
            assert sorted(command["contexts"]) == [0, 1, 2]
    dm_ready = {c["name"] for c in sync["body"] if 1 in (c.get("contexts") or [])}
    assert dm_ready == EXPECTED - {"case"}
    async with env.running() as bot:  # same tree, same database: no second sync
        assert bot.synced is False
    assert len(env.discord.syncs) == 1
    async with run_client(env.discord, create_bot(env.settings, force_sync=True)) as bot:
        assert bot.sync_task is not None
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
