"""Recording an interaction on the person's case (`CaseStore.record`), and the mod-log notice
posted when that opened a new case."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.cases.models import Case, EventKind
from cogs.client import services
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
        interaction.user.id, interaction.guild_id, account, kind, payload
    )
    if case.created:
        await _modlog(interaction, case, kind)
    return case


async def _modlog(interaction: discord.Interaction[Any], case: Case, kind: EventKind) -> None:
    via = interaction.command.qualified_name if interaction.command else kind.value
    text = (
        f"New case {case.ref}: account `{case.hf_account}`, opened by "
        f"{interaction.user.mention} via /{via}."
    )
    await post_to_modlog(interaction.client, services(interaction).settings.modlog_channel_id, text)
    services(interaction).waves.kick()


async def post_to_modlog(
    client: discord.Client, channel_id: int | None, text: str, **kwargs: Any
) -> bool:
    """Post `text` (and `embed`, `file`, ... in `kwargs`) to the mod-log channel `channel_id`,
    mentions off; a refusal is logged. Whether it was posted."""
    if channel_id is None:
        return False
    try:
        channel = client.get_channel(channel_id) or await client.fetch_channel(channel_id)
        if isinstance(channel, discord.abc.Messageable):
            await channel.send(text, allowed_mentions=NO_MENTIONS, **kwargs)
            return True
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)
    return False
