"""Tests of the fake Discord, driven by a real discord.py client (a minimal bot defined here)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import ButtonStyle, ComponentType, app_commands
from discord import InteractionResponseType as R
from discord.ext import commands

from tests.fakes.fake_discord import FakeDiscord, FakeDiscordError, run_client
from tests.fakes.fake_discord_models import EPHEMERAL

GUILD, GENERAL, MODLOG, MOD_ROLE = 1000, 1010, 1011, 1020
ALICE, BOB, CLOSED = 2001, 2002, 2003
MANAGE_MESSAGES = discord.Permissions(manage_messages=True)


class ConfirmView(discord.ui.View):
    @discord.ui.button(label="Yes", custom_id="confirm:yes")
    async def yes(
        self, interaction: discord.Interaction, button: discord.ui.Button[ConfirmView]
    ) -> None:
        await interaction.response.edit_message(content="confirmed", view=None)


class PickView(discord.ui.View):
    @discord.ui.select(
        custom_id="pick",
        options=[discord.SelectOption(label=x, value=x) for x in ("a", "b", "c")],
        max_values=2,
    )
    async def pick(
        self, interaction: discord.Interaction, select: discord.ui.Select[PickView]
    ) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content=f"picked {select.values}", view=None)


class PanelView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Ping", custom_id="panel:ping")
    async def ping(
        self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]
    ) -> None:
        await interaction.response.send_message(
            f"pong from {interaction.client.user}", ephemeral=True
        )


class AppealModal(discord.ui.Modal, title="Appeal"):
    reason: discord.ui.TextInput[AppealModal] = discord.ui.TextInput(
        label="Reason", custom_id="reason", max_length=200
    )
    kind: discord.ui.Label[AppealModal] = discord.ui.Label(
        text="Kind",
        component=discord.ui.Select(
            custom_id="kind",
            options=[
                discord.SelectOption(label="Spam", value="spam"),
                discord.SelectOption(label="Other", value="other"),
            ],
        ),
    )

    def __init__(self) -> None:
        super().__init__(custom_id="appeal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        select = self.kind.component
        assert isinstance(select, discord.ui.Select)
        await interaction.response.send_message(
            f"appeal: {self.reason.value} ({select.values[0]})", ephemeral=True
        )


class MiniBot(commands.Bot):
    """A tiny bot exercising every path the fake serves."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.errors: list[Exception] = []
        self.errored = asyncio.Event()
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        self._add_commands()

    async def setup_hook(self) -> None:
        self.add_view(PanelView())

    async def _on_tree_error(self, interaction: discord.Interaction, error: Exception) -> None:
        self.errors.append(getattr(error, "original", error))
        self.errored.set()

    def _add_commands(self) -> None:
        tree = self.tree

        @tree.command(description="Echo a text")
        async def echo(interaction: discord.Interaction, text: str) -> None:
            await interaction.response.send_message(f"echo {text}", ephemeral=True)

        @tree.command(description="Who is that")
        async def whois(interaction: discord.Interaction, who: discord.User) -> None:
            await interaction.response.send_message(f"{who.name} {type(who).__name__}")

        @tree.command(description="Ask for confirmation")
        async def confirm(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("sure?", view=ConfirmView())

        @tree.command(description="Pick letters")
        async def pick(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pick some", view=PickView())

        @tree.command(description="Post the panel")
        async def panel(interaction: discord.Interaction) -> None:
            channel = interaction.client.get_channel(MODLOG)
            assert isinstance(channel, discord.TextChannel)
            await channel.send("panel", view=PanelView())
            await interaction.response.send_message("posted", ephemeral=True)

        @tree.command(description="Appeal")
        async def appeal(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(AppealModal())

        @tree.command(description="Too slow")
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(3.5)
            await interaction.response.send_message("late")

        @tree.command(description="Answers twice")
        async def double(interaction: discord.Interaction) -> None:
            await asyncio.gather(
                interaction.response.send_message("one"), interaction.response.send_message("two")
            )

        case = app_commands.Group(
            name="case", description="Cases", guild_only=True, default_permissions=MANAGE_MESSAGES
        )

        @case.command(name="view", description="View a case")
        async def view(interaction: discord.Interaction, case_id: int) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            report = discord.File(io.BytesIO(f"case {case_id}".encode()), "case.txt")
            await interaction.followup.send(f"case {case_id}", file=report, ephemeral=True)
            await interaction.followup.send("second followup")

        tree.add_command(case)


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        fake.add_guild(
            GUILD,
            channels=[("general", GENERAL), ("mod-log", MODLOG)],
            roles=[("Moderator", MOD_ROLE, MANAGE_MESSAGES.value)],
        )
        fake.add_user(ALICE, "alice")
        fake.add_user(BOB, "bob")
        fake.add_user(CLOSED, "closed", dms_open=False)
        fake.add_member(GUILD, ALICE)
        fake.add_member(GUILD, BOB, roles=[MOD_ROLE])
        yield fake


@pytest_asyncio.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[MiniBot]:
    async with run_client(fake, MiniBot()) as client:
        await client.tree.sync()
        yield client


def assert_no_mentions(fake: FakeDiscord) -> None:
    payloads = list(fake.all_message_payloads())
    assert payloads
    for payload in payloads:
        assert payload["allowed_mentions"]["parse"] == []
        assert not payload["allowed_mentions"].get("replied_user")


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


async def test_raw_http_contract(fake: FakeDiscord, bot: MiniBot) -> None:
    echo = await fake.inject_command("echo", {"text": "x"}, user=ALICE, guild_id=GUILD)
    await echo.wait_response()
    # A click no view handles: the bot stays silent, so the test answers it by hand.
    it = await fake.inject_component(
        echo.original_message or {}, "nobody", user=ALICE, component_type=ComponentType.button
    )
    api = f"{fake.url}/api/v10"
    callback = f"{api}/interactions/{it.id}/{it.token}/callback"
    body = {
        "type": R.channel_message.value,
        "data": {"content": "by hand", "allowed_mentions": {"parse": []}},
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(callback, json=body) as resp:
            assert resp.status == 204
        async with http.get(f"{api}/webhooks/{fake.app_id}/{it.token}/messages/@original") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["content"] == "by hand"
        async with http.post(callback + "?with_response=1", json=body) as resp:
            assert resp.status == 400 and (await resp.json())["code"] == 40060
        async with http.post(f"{api}/interactions/1/nope/callback", json=body) as resp:
            assert resp.status == 404 and (await resp.json())["code"] == 10062
        attachment = f"{fake.url}/attachments/0/0/none.txt"
        async with http.get(attachment) as resp:
            assert resp.status == 404
    kinds = [v.kind for v in fake.violations]
    assert kinds == ["already_acknowledged", "unknown_interaction"]


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


async def test_late_response_is_unknown_interaction(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("slow", user=ALICE, guild_id=GUILD)
    response = await it.wait_response(timeout=5)
    assert not response.accepted and (response.status, response.error_code) == (404, 10062)
    await asyncio.wait_for(bot.errored.wait(), 5)
    assert isinstance(bot.errors[0], discord.NotFound) and bot.errors[0].code == 10062
    assert [v.kind for v in fake.violations] == ["late_response"]


async def test_double_response_is_already_acknowledged(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("double", user=ALICE, guild_id=GUILD)
    await asyncio.wait_for(bot.errored.wait(), 5)
    assert [r.accepted for r in it.responses] == [True, False]
    assert it.responses[1].error_code == 40060
    assert isinstance(bot.errors[0], discord.HTTPException) and bot.errors[0].code == 40060
    assert [v.kind for v in fake.violations] == ["already_acknowledged"]


async def test_invalid_body_and_unknown_route_are_recorded(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("x" * 2001)
    assert info.value.code == 50035 and fake.violations[0].kind == "invalid_form_body"
    with pytest.raises(discord.NotFound):
        await channel.guild.fetch_emojis()
    assert fake.unhandled == [f"GET /guilds/{GUILD}/emojis"]


async def test_resume_after_reconnect(fake: FakeDiscord, bot: MiniBot) -> None:
    await fake.request_reconnect()
    await fake.wait_until(lambda: bool(fake.gateway.resumes) and fake.gateway.active is not None)
    it = await fake.inject_command("echo", {"text": "again"}, user=ALICE, guild_id=GUILD)
    assert await it.wait_done() and it.texts() == ["echo again"]
    assert len(fake.gateway.identifies) == 1
    fake.assert_clean()


async def test_bodies_are_checked_against_discords_spec(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    body = {  # the spec: a button's custom_id is 1-100 characters
        "content": "x",
        "components": [
            {
                "type": ComponentType.action_row.value,
                "components": [
                    {
                        "type": ComponentType.button.value,
                        "style": ButtonStyle.primary.value,
                        "custom_id": "",
                    }
                ],
            }
        ],
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{fake.url}/api/v10/channels/{channel.id}/messages", json=body) as resp,
    ):
        assert resp.status == 400 and (await resp.json())["code"] == 50035
    [violation] = fake.violations
    assert "POST /channels/{channel_id}/messages" in violation.detail
    assert "custom_id" in violation.detail and "schema path" in violation.detail
    assert "minLength" in violation.detail


async def test_a_mailto_link_button_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Mail", url="mailto:someone@example.com"))
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("x", view=view)
    assert info.value.code == 50035 and "url scheme" in fake.violations[0].detail
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Site", url="https://example.com/" + "a" * 500))
    with pytest.raises(discord.HTTPException):  # 512 characters at most
        await channel.send("x", view=view)


async def test_tokens_expire_after_15_minutes(fake: FakeDiscord, bot: MiniBot) -> None:
    echo = await fake.inject_command("echo", {"text": "x"}, user=ALICE, guild_id=GUILD)
    await echo.wait_done()
    fake.advance(15 * 60 + 1)
    api = f"{fake.url}/api/v10/webhooks/{fake.app_id}/{echo.token}"
    body = {"content": "late", "allowed_mentions": {"parse": []}}
    async with aiohttp.ClientSession() as http:
        async with http.post(api, json=body) as resp:
            assert resp.status == 401 and (await resp.json())["code"] == 50027
        async with http.patch(f"{api}/messages/@original", json=body) as resp:
            assert resp.status == 401 and (await resp.json())["code"] == 50027


async def test_uploads_past_the_limits_are_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    files = [discord.File(io.BytesIO(b"x"), filename=f"{i}.txt") for i in range(11)]
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(files=files)
    assert info.value.code == 50035
    big = discord.File(io.BytesIO(b"x" * (10 * 1024 * 1024 + 1)), filename="big.bin")
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(file=big)
    assert info.value.status == 413 and info.value.code == 40005
    assert fake.violations[-1].kind == "upload_limit"


async def test_a_select_cannot_ask_for_more_values_than_it_has(
    fake: FakeDiscord, bot: MiniBot
) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    view = discord.ui.View()
    view.add_item(
        discord.ui.Select(
            custom_id="few", options=[discord.SelectOption(label="a")], min_values=2, max_values=2
        )
    )
    with pytest.raises(discord.HTTPException):
        await channel.send("x", view=view)
    assert "min/max values" in fake.violations[0].detail
