"""Who may use what, and where: moderator checks and the contexts of the public commands."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from cogs.client import services

# The contexts of the commands anyone may use: servers, and DMs with the bot.
in_servers_and_dms = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)


class NotModerator(app_commands.CheckFailure):
    """A non-moderator tried a moderator command or button."""

    def __init__(self) -> None:
        super().__init__(
            "This is for server moderators only (a moderator role or the Manage Server permission)."
        )


def is_moderator(interaction: discord.Interaction[Any]) -> bool:
    """Manage Server (or Administrator) in this server, or one of `MODERATOR_ROLE_IDS`."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    wanted = set(services(interaction).settings.moderator_role_ids)
    return any(role.id in wanted for role in interaction.user.roles)


def require_moderator(interaction: discord.Interaction[Any]) -> bool:
    """`is_moderator`, raising `NotModerator` when not (for checks)."""
    if not is_moderator(interaction):
        raise NotModerator
    return True
