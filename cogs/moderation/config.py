"""`/case config ...`: a server's own settings, set by its moderators (`bot.servers.config`)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.servers.wording import say
from cogs.services import services
from cogs.ui.permissions import require_moderator
from cogs.ui.replies import reply


class ConfigGroup(app_commands.Group):
    """`/case config`: this server's mod-log channel and moderator role."""

    def __init__(self) -> None:
        super().__init__(name="config", description="This server's case settings")

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await require_moderator(interaction)

    @app_commands.command(name="modlog", description="Channel for this server's new-case notices")
    @app_commands.describe(channel="A text channel of this server (Discord offers only those)")
    async def modlog(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel,
    ) -> None:
        assert interaction.guild_id is not None  # /case is server-only
        await services(interaction).servers.set_modlog(
            interaction.guild_id, channel.id, interaction.user.id
        )
        await reply(interaction, say("modlog_set", channel=channel.id))

    @app_commands.command(name="moderator-role", description="Role that may use /case here")
    @app_commands.describe(role="The helpers' role")
    async def moderator_role(
        self, interaction: discord.Interaction[Any], role: discord.Role
    ) -> None:
        assert interaction.guild_id is not None
        if role.id == interaction.guild_id:
            await reply(interaction, say("role_everyone"))
            return
        await services(interaction).servers.set_moderator_role(
            interaction.guild_id, role.id, interaction.user.id
        )
        await reply(interaction, say("role_set", role=role.id))
