"""The fake Discord driven by a real discord.py client: login, the gateway, commands, components,
forms, DMs and a resume."""

from __future__ import annotations

import aiohttp
import discord
import pytest
from discord import InteractionResponseType as R

from tests.fake_discord.minibot import (
    ALICE,
    BOB,
    CLOSED,
    GUILD,
    MANAGE_MESSAGES,
    MOD_ROLE,
    MODLOG,
    MiniBot,
    assert_no_mentions,
)
from tests.fakes.fake_discord import FakeDiscord, FakeDiscordError, run_client
from tests.fakes.fake_discord_models import EPHEMERAL


async def test_login_connect_and_guild_cache(fake: FakeDiscord, bot: MiniBot) -> None:
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    guild = bot.get_guild(GUILD)
    assert guild is not None and guild.get_channel(MODLOG) is not None
    assert guild.get_role(MOD_ROLE) is not None
    assert [r.path for r in fake.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    assert len(fake.gateway.identifies) == 1
    fake.assert_clean()


async def test_members_intent_chunks_and_on_ready(fake: FakeDiscord) -> None:
    intents = discord.Intents.default()
    intents.members = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    async with run_client(fake, client, wait_ready=True):
        guild = client.get_guild(GUILD)
        assert guild is not None and guild.chunked
        bob = guild.get_member(BOB)
        assert bob is not None and [r.id for r in bob.roles[1:]] == [MOD_ROLE]
    assert client.is_closed()
    fake.assert_clean()


async def test_command_sync_is_recorded(fake: FakeDiscord, bot: MiniBot) -> None:
    bot.tree.copy_global_to(guild=discord.Object(GUILD))
    synced = await bot.tree.sync(guild=discord.Object(GUILD))
    assert [s["guild_id"] for s in fake.syncs] == [None, GUILD]
    case = next(c for c in fake.commands[GUILD] if c["name"] == "case")
    assert case["default_member_permissions"] == str(MANAGE_MESSAGES.value)
    assert {c.name for c in synced} >= {"echo", "case", "appeal"}
    assert next(c for c in synced if c.name == "case").default_member_permissions == MANAGE_MESSAGES


async def test_string_option_gets_a_fast_response(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("echo", {"text": "hi"}, user=ALICE, guild_id=GUILD)
    response = await it.wait_response()
    assert response.accepted and response.type == R.channel_message.value and it.ephemeral
    assert it.texts() == ["echo hi"]
    assert it.ack_latency is not None and it.ack_latency < 1
    assert_no_mentions(fake)
    fake.assert_clean()


async def test_subcommand_defer_then_followups_with_file(fake: FakeDiscord, bot: MiniBot) -> None:
    with pytest.raises(FakeDiscordError, match="needs permissions"):
        await fake.inject_command("case view", {"case_id": 3}, user=ALICE, guild_id=GUILD)
    it = await fake.inject_command(
        "case", {"case_id": 3}, subcommand="view", user=BOB, guild_id=GUILD
    )
    assert (await it.wait_response()).type == R.deferred_channel_message.value
    first = await it.wait_followup(1)
    assert [f.data for f in first.files] == [b"case 3"]
    assert first.message is not None and first.message["attachments"][0]["filename"] == "case.txt"
    async with (
        aiohttp.ClientSession() as http,
        http.get(first.message["attachments"][0]["url"]) as r,
    ):
        assert await r.read() == b"case 3"
    await it.wait_followup(2)
    original, second = it.final_messages()
    assert (
        original["id"] == first.message["id"] and original["flags"] & EPHEMERAL
    )  # filled "thinking"
    assert second["content"] == "second followup" and not it.is_loading
    assert_no_mentions(fake)
    fake.assert_clean()


async def test_user_option_resolves_to_member(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("whois", {"who": BOB}, user=ALICE, guild_id=GUILD)
    assert await it.wait_done() and it.texts() == ["bob Member"]
    dm = await fake.inject_command("whois", {"who": BOB}, user=ALICE)
    assert await dm.wait_done() and dm.texts() == ["bob User"]
    fake.assert_clean()


async def test_button_click_updates_the_message(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("confirm", user=ALICE, guild_id=GUILD)
    await it.wait_response()
    click = await fake.inject_component(it.original_message or {}, "confirm:yes", user=ALICE)
    assert (await click.wait_response()).type == R.message_update.value
    assert it.original_message is not None
    assert it.original_message["content"] == "confirmed" and it.original_message["components"] == []
    fake.assert_clean()


async def test_select_values_then_deferred_update_and_edit(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("pick", user=ALICE, guild_id=GUILD)
    await it.wait_response()
    message = it.original_message or {}
    with pytest.raises(FakeDiscordError, match="not all in"):
        await fake.inject_component(message, "pick", user=ALICE, values=["z"])
    choice = await fake.inject_component(message, "pick", user=ALICE, values=["a", "c"])
    assert (await choice.wait_response()).type == R.deferred_message_update.value
    edit = await choice.wait_edit()
    assert edit.message is not None and edit.message["id"] == message["id"]
    assert choice.texts() == ["picked ['a', 'c']"] and it.texts() == choice.texts()
    assert_no_mentions(fake)
    fake.assert_clean()


async def test_persistent_view_survives_a_restart(fake: FakeDiscord) -> None:
    async with run_client(fake, MiniBot()) as first:
        await first.tree.sync()
        it = await fake.inject_command("panel", user=BOB, guild_id=GUILD)
        await it.wait_response()
    panel = fake.channel_messages(MODLOG)[0]
    async with run_client(fake, MiniBot()):
        click = await fake.inject_component(panel, "panel:ping", user=ALICE)
        await click.wait_done()
        assert click.texts() == ["pong from hf-support-bot"]
    assert len(fake.gateway.identifies) == 2
    fake.assert_clean()


async def test_modal_submit_reaches_on_submit(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("appeal", user=ALICE)
    assert (await it.wait_response()).type == R.modal.value and it.modal is not None
    with pytest.raises(FakeDiscordError, match="no fields"):
        await fake.inject_modal_submit("appeal", {"Reasn": "typo"})
    submit = await fake.inject_modal_submit("appeal", {"Reason": "not spam", "kind": ["other"]})
    assert await submit.wait_done() and submit.texts() == ["appeal: not spam (other)"]
    fake.assert_clean()


async def test_dm_open_and_closed(fake: FakeDiscord, bot: MiniBot) -> None:
    alice = await bot.fetch_user(ALICE)
    await alice.send("hello")
    assert [m["content"] for m in fake.dm_messages(ALICE)] == ["hello"]
    closed = await bot.fetch_user(CLOSED)
    with pytest.raises(discord.Forbidden) as info:
        await closed.send("hello")
    assert info.value.code == 50007 and fake.blocked_dms == [(CLOSED, fake.sent[-1].payload)]
    assert fake.dm_messages(CLOSED) == []
    fake.assert_clean()


async def test_resume_after_reconnect(fake: FakeDiscord, bot: MiniBot) -> None:
    await fake.request_reconnect()
    await fake.wait_until(lambda: bool(fake.gateway.resumes) and fake.gateway.active is not None)
    it = await fake.inject_command("echo", {"text": "again"}, user=ALICE, guild_id=GUILD)
    assert await it.wait_done() and it.texts() == ["echo again"]
    assert len(fake.gateway.identifies) == 1
    fake.assert_clean()

