"""Recording an interaction on the person's case (`CaseStore.record`), and the mod-log notice
posted when that opened a new case."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.cases.models import Case, EventKind
from bot.cases.scope import HOME
from bot.i18n import use_language
from cogs.client import services
from cogs.permissions import case_guild
from cogs.replies import NO_MENTIONS
from cogs.wording import CASES, say

if TYPE_CHECKING:
    from cogs.client import SupportBot

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
        interaction.user.id,
        case_guild(interaction),
        account,
        kind,
        payload,
        locale=interaction.locale.value,
    )
    if case.created:
        await _modlog(interaction, case, kind)
    return case


async def _modlog(interaction: discord.Interaction[Any], case: Case, kind: EventKind) -> None:
    """Post to the mod-log channel of the server that handles the case (the home server for DM
    and user-install cases)."""
    via = interaction.command.qualified_name if interaction.command else kind.value
    with use_language(str(interaction.guild_locale or "")):  # the server's language
        text = say(
            CASES,
            "new_case",
            ref=case.ref,
            account=case.hf_account,
            person=interaction.user.mention,
            command=via,
        )
    svc = services(interaction)
    guild_id = svc.settings.home_guild() if case.owner == HOME else case.owner
    await post_to_modlog(interaction.client, guild_id, text)
    svc.waves.kick()


async def post_to_modlog(
    client: discord.Client, guild_id: int | None, text: str, **kwargs: Any
) -> bool:
    """Post `text` (and `embed`, `file`, ... in `kwargs`) to server `guild_id`'s mod-log channel
    (its `/case config modlog`, else for the home server `MODLOG_CHANNEL_ID`), only if that
    channel is in that server; mentions off; a refusal is logged. Whether it was posted."""
    if guild_id is None or guild_id <= 0:
        return False
    channel_id = (await cast("SupportBot", client).services.servers.get(guild_id)).modlog_channel_id
    if channel_id is None:
        return False
    try:
        channel = client.get_channel(channel_id) or await client.fetch_channel(channel_id)
        if getattr(getattr(channel, "guild", None), "id", None) != guild_id:
            log.warning("mod-log channel %s is not in server %s; not posted", channel_id, guild_id)
        elif isinstance(channel, discord.abc.Messageable):
            await channel.send(text, allowed_mentions=NO_MENTIONS, **kwargs)
            return True
    except discord.RateLimited as exc:  # a 429 over the client's wait: not an HTTPException
        log.warning("mod-log channel %s rate limited (%.0f s); not posted", channel_id, exc.retry_after)
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)
    return False
