"""Who asks and where the moderators hear of it: an interaction as the core's `Asker`, the
mod-log notice of a new case, and posting to a server's mod-log channel."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import discord

from bot.cases.models import Case, EventKind
from bot.cases.scope import HOME
from bot.check.flow import Announce, Asker, record_on_case
from bot.i18n import use_language
from bot.i18n.locales import catalogue_name
from cogs.services import services, services_of
from cogs.ui.permissions import case_guild
from cogs.ui.replies import NO_MENTIONS
from cogs.ui.wording import CASES, say

log = logging.getLogger(__name__)

Compose = Callable[[], dict[str, Any] | Awaitable[dict[str, Any]]]
"""What to post (`channel.send` keyword arguments), made in the server's language."""


def asker(interaction: discord.Interaction[Any]) -> Asker:
    """Who asks, as the core knows them: the person's id, the server a new case belongs to, the
    language of their client."""
    return Asker(interaction.user.id, case_guild(interaction), interaction.locale.value)


def announcer(interaction: discord.Interaction[Any]) -> Announce:
    """Posts the notice of a new case to the mod-log channel of the server that handles it (the
    home server for DM and user-install cases), in that server's language, and wakes the wave
    watcher. Keeps only the client and two strings of the interaction."""
    client = interaction.client
    via = interaction.command.qualified_name if interaction.command else None
    person = interaction.user.mention

    async def announce(case: Case, kind: EventKind) -> None:
        def notice() -> dict[str, Any]:
            return {"content": say(CASES, "new_case", ref=case.ref, account=case.hf_account,
                                   person=person, command=via or kind.value)}  # fmt: skip

        svc = services_of(client)
        guild_id = svc.settings.home_guild() if case.owner == HOME else case.owner
        await post_to_modlog(client, guild_id, notice)
        svc.waves.kick()

    return announce


Record = Callable[[str, EventKind, dict[str, Any]], Awaitable[Case]]
"""Records an event on the person's case for an account (`bot.check.flow.record_on_case`)."""


def recorder(interaction: discord.Interaction[Any]) -> Record:
    """`record_on_case` bound to who asks and to the mod-log notice of a new case; keeps no
    Discord object but the client (a check finished later holds it)."""
    cases = services(interaction).cases
    return partial(record_on_case, cases, asker(interaction), announce=announcer(interaction))


async def record(
    interaction: discord.Interaction[Any],
    account: str,
    kind: EventKind,
    payload: dict[str, Any] | None = None,
) -> Case:
    """Record the interaction on the person's case for `account`; a new case is announced in the
    mod-log channel. Returns the case."""
    return await recorder(interaction)(account, kind, payload or {})


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
