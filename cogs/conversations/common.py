"""What the conversation modules share: the store, which server handles a case, and how typed
text is shown to moderators and people."""

from __future__ import annotations

import io
from typing import cast

import discord

from bot.cases.models import Case
from bot.cases.scope import HOME
from bot.conversations.store import ConversationStore
from cogs.services import Services
from cogs.ui.markdown import escape_discord

EMBED_TEXT = 4000  # under an embed description's 4,096 characters


def talks(svc: Services) -> ConversationStore:
    """The conversation store over the bot's database and clock."""
    return ConversationStore(svc.db, clock=svc.clock)


def handling_guild(svc: Services, case: Case) -> int | None:
    """The server whose moderators handle the case."""
    return svc.settings.home_guild() if case.owner == HOME else case.owner


def server_name(client: discord.Client, svc: Services, case: Case) -> str:
    """The name of the server that handles the case, as the person reads it."""
    guild = client.get_guild(handling_guild(svc, case) or 0)
    return guild.name if guild is not None else "Hugging Face support"


def typed_embed(text: str) -> discord.Embed:
    """What someone typed, shown as text (Markdown escaped, mentions neutralised)."""
    shown = escape_discord(text)
    if len(shown) > EMBED_TEXT:
        shown = shown[: EMBED_TEXT - 1] + "…"
    return discord.Embed(description=shown)


def thread_channel(client: discord.Client, thread_id: int) -> discord.abc.Messageable:
    """The thread, from the cache or (after a restart) as a bare messageable by id."""
    found = client.get_channel(thread_id)
    if isinstance(found, discord.abc.Messageable):
        return cast(discord.abc.Messageable, found)
    return client.get_partial_messageable(thread_id)


def file_from(name: str, data: bytes) -> discord.File:
    """An attachment to upload again."""
    return discord.File(io.BytesIO(data), filename=name)
