"""Who may use what, and where: moderator checks, the scope of a moderator's cases, the install
types and contexts of every command, and whether a context is private (nothing personal may be
posted in its channel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.cases.scope import Scope
from cogs.services import services
from cogs.ui.wording import ERRORS

T = TypeVar("T")
_installs_everywhere = app_commands.allowed_installs(guilds=True, users=True)
_contexts_everywhere = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)


def in_servers_and_dms(func: T) -> T:
    """The commands anyone may use: installed to a server or to a person's account, usable in
    servers, in a DM with the bot and in group DMs."""
    return _installs_everywhere(_contexts_everywhere(func))


# `/case`: servers that installed the bot, nowhere else.
server_install_only: Callable[[T], T] = app_commands.allowed_installs(guilds=True, users=False)


class NotModerator(app_commands.CheckFailure):
    """A non-moderator tried a moderator command or button."""

    def __init__(self) -> None:
        super().__init__(ERRORS["moderators_only"])  # English; told in the person's language


def installed_here(interaction: discord.Interaction[Any]) -> bool:
    """Whether the interaction comes from a server that installed the bot (not a user install)."""
    return interaction.guild_id is not None and interaction.is_guild_integration()


def private_context(interaction: discord.Interaction[Any]) -> bool:
    """A group DM, or a server reached through a user install: answers must stay ephemeral and
    drafts go by DM only."""
    if interaction.context.private_channel:
        return True
    return interaction.guild_id is not None and not interaction.is_guild_integration()


def in_bot_dm(interaction: discord.Interaction[Any]) -> bool:
    """In the DM between the person and the bot (context 1), where a lasting message is private."""
    return interaction.guild_id is None and not interaction.context.private_channel


def case_guild(interaction: discord.Interaction[Any]) -> int | None:
    """The server a new case belongs to: this one when it installed the bot, else None (a DM or
    user-install case, handled by the home server)."""
    return interaction.guild_id if installed_here(interaction) else None


def moderator_scope(interaction: discord.Interaction[Any]) -> Scope:
    """The cases this server's moderators handle (only call after `require_moderator`)."""
    if interaction.guild_id is None:
        raise NotModerator
    return Scope.server(interaction.guild_id, services(interaction).settings.home_guild())


async def is_moderator(interaction: discord.Interaction[Any]) -> bool:
    """In a server that installed the bot: Manage Server (or Administrator), or the server's
    moderator role (`/case config moderator-role`; the home server's default is
    `MODERATOR_ROLE_IDS`)."""
    if not installed_here(interaction) or not isinstance(interaction.user, discord.Member):
        return False
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    assert interaction.guild_id is not None  # installed_here
    config = await services(interaction).servers.get(interaction.guild_id)
    wanted = set(config.moderator_role_ids)
    return any(role.id in wanted for role in interaction.user.roles)


async def require_moderator(interaction: discord.Interaction[Any]) -> bool:
    """`is_moderator`, raising `NotModerator` when not (for checks)."""
    if not await is_moderator(interaction):
        raise NotModerator
    return True
