"""Each interaction speaks the person's language: `activate` sets the language of the current
task from `interaction.locale` (Discord's client language). discord.py runs every command,
button, select and form in a task of its own, so the language never leaks to another person.
Entry points call it: the command tree's check, the views', forms' and persistent items'."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.i18n import set_language


def activate(interaction: discord.Interaction[Any]) -> str:
    """Speak the person's language from here on in this task; the catalogue chosen."""
    return set_language(interaction.locale.value)


class LocalisedTree(app_commands.CommandTree[Any]):
    """The command tree: every slash command answers in the person's language."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        activate(interaction)
        return True
