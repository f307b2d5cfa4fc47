"""The case's private thread in the mod-log channel of the server that handles it (the home
server for DM cases), and what is relayed there from the person's DMs."""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord

from bot.cases.models import Case
from bot.conversations.limits import MAX_TEXT_CHARS
from bot.conversations.models import ConversationMessage
from bot.conversations.wording import CONVERSATION
from bot.i18n import use_language
from cogs.conversations.common import handling_guild, talks, thread_channel, typed_embed
from cogs.conversations.moderators import ReplyButton
from cogs.services import services_of
from cogs.ui.case_log import server_language
from cogs.ui.replies import NO_MENTIONS
from cogs.ui.views import buttons_view
from cogs.ui.wording import say

log = logging.getLogger(__name__)
ARCHIVE_MINUTES: Literal[10080] = 10080  # a week: one of Discord's auto_archive_duration values


async def open_thread(client: discord.Client, case: Case) -> int | None:
    """The case's private thread (created in the handling server's mod-log channel with the
    case summary and what the person wrote so far); None when there is no usable channel."""
    svc = services_of(client)
    store = talks(svc)
    found = await store.thread_of(case.id)
    if found is not None:
        return found
    guild_id = handling_guild(svc, case)
    if guild_id is None:
        return None
    channel_id = (await svc.servers.get(guild_id)).modlog_channel_id
    try:
        channel = client.get_channel(channel_id or 0)
        if channel is None and channel_id is not None:
            channel = await client.fetch_channel(channel_id)
        if not isinstance(channel, discord.TextChannel) or channel.guild.id != guild_id:
            return None
        with use_language(server_language(channel.guild)):
            thread = await channel.create_thread(
                name=f"{case.ref} {case.hf_account}"[:100],
                type=discord.ChannelType.private_thread,
                invitable=False,
                auto_archive_duration=ARCHIVE_MINUTES,
            )
            summary = say(CONVERSATION, "thread_summary", ref=case.ref, account=case.hf_account,
                          status=case.status_label, opened=f"{case.created_at:%Y-%m-%d}")  # fmt: skip
            await thread.send(summary, view=buttons_view(ReplyButton(case.id)),
                              allowed_mentions=NO_MENTIONS)  # fmt: skip
            for message in await store.messages(case.id, limit=20):
                await thread.send(**_relay_kwargs(case, message), allowed_mentions=NO_MENTIONS)
            notice = say(CONVERSATION, "thread_notice", ref=case.ref, account=case.hf_account,
                         thread=thread.mention)  # fmt: skip
            await channel.send(notice, allowed_mentions=NO_MENTIONS)
    except (discord.HTTPException, discord.RateLimited) as exc:
        log.warning("could not open the thread of case %s: %s", case.id, exc)
        return None
    await store.set_thread(case.id, thread.id, guild_id)
    return thread.id


def _relay_kwargs(
    case: Case, message: ConversationMessage, files: list[discord.File] | None = None
) -> dict[str, Any]:
    """A relayed message: who, the text as typed, files (uploaded, or their names and links)."""
    text = message.text
    if message.attachments and not files:
        listed = ", ".join(f"{a.name} <{a.url}>" for a in message.attachments)
        text = (text + "\n\n" if text else "") + say(CONVERSATION, "files", names=listed)
    kwargs: dict[str, Any] = {
        "content": say(CONVERSATION, "from_person"),
        "view": buttons_view(ReplyButton(case.id)),
    }
    if text:
        kwargs["embed"] = typed_embed(text[: MAX_TEXT_CHARS + 1000])
    if files:
        kwargs["files"] = files
    return kwargs


async def relay(
    client: discord.Client,
    case: Case,
    thread_id: int,
    message: ConversationMessage,
    files: list[discord.File],
) -> bool:
    """Post what the person wrote in the case's thread; whether Discord took it."""
    svc = services_of(client)
    thread = thread_channel(client, thread_id)
    guild = client.get_guild(handling_guild(svc, case) or 0)
    try:
        with use_language(server_language(guild)):
            kwargs = _relay_kwargs(case, message, files)
        await thread.send(allowed_mentions=NO_MENTIONS, **kwargs)
    except (discord.HTTPException, discord.RateLimited) as exc:
        log.warning("could not relay to the thread of case %s: %s", case.id, exc)
        return False
    return True


async def add_moderator(client: discord.Client, thread_id: int, user: discord.abc.User) -> None:
    """Add a moderator to the case's private thread, so they see it from now on (a private
    thread shows only to its members and to those with *Manage Threads*)."""
    try:
        thread = client.get_channel(thread_id) or await client.fetch_channel(thread_id)
        if isinstance(thread, discord.Thread):
            await thread.add_user(user)
    except (discord.HTTPException, discord.RateLimited) as exc:
        log.warning("could not add moderator %s to thread %s: %s", user.id, thread_id, exc)
