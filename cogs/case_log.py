"""Recording an interaction on the person's case (`CaseStore.record`), and the mod-log notice
posted when that opened a new case."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.cases.models import Case, EventKind
from bot.cases.scope import HOME
from cogs.client import services
from cogs.permissions import case_guild
from cogs.replies import NO_MENTIONS

log = logging.getLogger(__name__)


async def record(
    interaction: discord.Interaction[Any],
    account: str,
    kind: EventKind,
    payload: dict[str, Any] | None = None,
) -> Case:
    """Record the interaction on the person's case for `account`; post a notice to the mod-log
    channel when the case is new. Returns the case."""
    case = await services(interaction).cases.record(
        interaction.user.id, case_guild(interaction), account, kind, payload
    )
    if case.created:
        await _modlog(interaction, case, kind)
    return case


async def _modlog(interaction: discord.Interaction[Any], case: Case, kind: EventKind) -> None:
    """Post to the mod-log channel of the server that handles the case (the home server for DM
    and user-install cases), and only if that channel is in that server."""
    svc = services(interaction)
    guild_id = svc.settings.home_guild() if case.owner == HOME else case.owner
    if guild_id is None or guild_id <= 0:
        return
    channel_id = (await svc.servers.get(guild_id)).modlog_channel_id
    if channel_id is None:
        return
    via = interaction.command.qualified_name if interaction.command else kind.value
    text = (
        f"New case {case.ref}: account `{case.hf_account}`, opened by "
        f"{interaction.user.mention} via /{via}."
    )
    try:
        channel = interaction.client.get_channel(
            channel_id
        ) or await interaction.client.fetch_channel(channel_id)
        if getattr(getattr(channel, "guild", None), "id", None) != guild_id:
            log.warning("mod-log channel %s is not in server %s; not posted", channel_id, guild_id)
        elif isinstance(channel, discord.abc.Messageable):
            await channel.send(text, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)
