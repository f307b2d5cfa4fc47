"""Which features the bot loads: a list of extension names (data, not imports), and the handlers
every command shares."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from cogs.ui.errors import report_error
from cogs.ui.steps import answer_expired

EXTENSIONS: tuple[str, ...] = (
    "cogs.check.extension",
    "cogs.appeal.extension",
    "cogs.mycase.extension",
    "cogs.precedents.extension",
    "cogs.moderation.extension",
    "cogs.conversations.extension",  # after /case: adds /case reply and /case transcript
)


async def load_features(bot: commands.Bot) -> None:
    """Load every feature extension, the expired-step answer and the app-command error handler."""
    for name in EXTENSIONS:
        await bot.load_extension(name)
    bot.add_listener(answer_expired, "on_interaction")

    async def on_error(
        interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)

    bot.tree.on_error = on_error  # type: ignore[method-assign]
