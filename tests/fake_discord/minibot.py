"""A small discord.py bot that exercises the fake Discord: commands, components, forms, files,
DMs. Ids of the fake's one server and its people."""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands
from discord.ext import commands

from tests.fakes.fake_discord import FakeDiscord

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
        self.refused: list[int] = []  # the JSON error codes of refused followups
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

        @tree.command(description="Send several followups")
        @app_commands.allowed_installs(guilds=True, users=True)
        @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
        async def many(interaction: discord.Interaction, count: int) -> None:
            await interaction.response.defer(ephemeral=True)
            for part in range(count):
                try:
                    await interaction.followup.send(f"part {part}", ephemeral=True)
                except discord.HTTPException as exc:
                    self.refused.append(exc.code)

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

def assert_no_mentions(fake: FakeDiscord) -> None:
    payloads = list(fake.all_message_payloads())
    assert payloads
    for payload in payloads:
        assert payload["allowed_mentions"]["parse"] == []
        assert not payload["allowed_mentions"].get("replied_user")

