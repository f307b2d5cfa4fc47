"""Recording an interaction on the person's case (`CaseStore.record`), and the mod-log notice
posted when that opened a new case."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.cases.models import Case, EventKind
from bot.cases.scope import HOME
from bot.i18n import use_language
from bot.i18n.locales import catalogue_name
from cogs.services import services, services_of
from cogs.ui.permissions import case_guild
from cogs.ui.replies import NO_MENTIONS
from cogs.ui.wording import CASES, say

log = logging.getLogger(__name__)

Compose = Callable[[], dict[str, Any] | Awaitable[dict[str, Any]]]
"""What to post (`channel.send` keyword arguments), made in the server's language."""


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
    and user-install cases), in that server's language."""
    via = interaction.command.qualified_name if interaction.command else kind.value
    person = interaction.user.mention

    def notice() -> dict[str, Any]:
        return {"content": say(CASES, "new_case", ref=case.ref, account=case.hf_account,
                               person=person, command=via)}  # fmt: skip

    svc = services(interaction)
    guild_id = svc.settings.home_guild() if case.owner == HOME else case.owner
    await post_to_modlog(interaction.client, guild_id, notice)
    svc.waves.kick()


def server_language(guild: discord.Guild | None) -> str:
    """The catalogue for a server's language (its Community `preferred_locale`, mapped like an
    interaction's locale; English when unknown)."""
    locale = getattr(guild, "preferred_locale", None)
    return catalogue_name(str(locale.value) if isinstance(locale, discord.Locale) else None)


async def post_to_modlog(client: discord.Client, guild_id: int | None, compose: Compose) -> bool:
    """Post what `compose` makes (content, embed, file...), in the server's language whoever
    triggered it, to server `guild_id`'s mod-log channel (its `/case config modlog`, else for
    the home server `MODLOG_CHANNEL_ID`), only if that channel is in that server; mentions off;
    a refusal is logged. Whether it was posted."""
    if guild_id is None or guild_id <= 0:
        return False
    channel_id = (await services_of(client).servers.get(guild_id)).modlog_channel_id
    if channel_id is None:
        return False
    try:
        channel = client.get_channel(channel_id) or await client.fetch_channel(channel_id)
        guild = getattr(channel, "guild", None)
        if getattr(guild, "id", None) != guild_id:
            log.warning("mod-log channel %s is not in server %s; not posted", channel_id, guild_id)
        elif isinstance(channel, discord.abc.Messageable):
            with use_language(server_language(guild)):
                made = compose()
                kwargs = await made if inspect.isawaitable(made) else made
            await channel.send(allowed_mentions=NO_MENTIONS, **kwargs)
            return True
    except discord.RateLimited as exc:  # a 429 over the client's wait: not an HTTPException
        log.warning("mod-log channel %s rate limited (%.0f s); not posted", channel_id, exc.retry_after)
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)
    return False
