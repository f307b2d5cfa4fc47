"""DMs written *to* the bot and private threads, for the fake Discord.

- ``send_dm``: a person writes to the bot in their DM (text and attachments). The message is
  stored (attachments served from the fake's CDN route, so ``Attachment.read()`` works) and
  dispatched as MESSAGE_CREATE, but only to a session that identified with the
  ``DIRECT_MESSAGES`` intent (docs, Events → Gateway → "List of Intents": MESSAGE_CREATE in DMs
  needs ``DIRECT_MESSAGES``, 1 << 12). The content is sent in full without ``MESSAGE_CONTENT``:
  docs, Events → Gateway → "Message Content Intent": apps without it still receive "Content in
  DMs with the app".
- ``create_thread``: ``POST /channels/{channel_id}/threads`` (docs, Resources → Channel →
  "Start Thread without Message"): body checked against the OpenAPI spec (name 1-100 chars,
  ``auto_archive_duration`` one of 60/1440/4320/10080, type 10/11/12) plus the rules the spec
  leaves to prose: a thread starts in a guild *text* channel, ``invitable`` is "only available
  when creating a private thread", a private thread needs CREATE_PRIVATE_THREADS (docs,
  Permissions → "Permissions for Threads"). The bot, its creator, gets THREAD_CREATE with
  ``newly_created`` (docs, Events → "Thread Create": "Sent when a thread is created, relevant
  to the current user").
- Messages in a thread go through the usual ``POST /channels/{id}/messages``; posting needs
  SEND_MESSAGES_IN_THREADS (docs, Permissions: "Allows for sending messages in threads").
- The bot's own channel messages come back to it as MESSAGE_CREATE like any message (docs,
  Events → "Message Create"; DMs with ``DIRECT_MESSAGES``, guild channels and threads with
  ``GUILD_MESSAGES``): a bot that answers every DM must ignore its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord
from aiohttp import web

from tests.fakes.fake_discord_models import (
    ATTACHMENT_SIZE_LIMIT,
    FakeChannel,
    FakeDiscordError,
    iso_now,
)
from tests.fakes.fake_discord_records import (
    RecordedFile,
    RecordedRequest,
)
from tests.fakes.fake_discord_validate import MAX_FILES
from tests.fakes.fake_discord_webhooks import error, json_response

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

DIRECT_MESSAGES = discord.Intents(dm_messages=True).value
GUILD_MESSAGES = discord.Intents(guild_messages=True).value
MESSAGE_CONTENT = discord.Intents(message_content=True).value
CREATE_PRIVATE_THREADS = discord.Permissions(create_private_threads=True).value
CREATE_PUBLIC_THREADS = discord.Permissions(create_public_threads=True).value
SEND_MESSAGES_IN_THREADS = discord.Permissions(send_messages_in_threads=True).value
MANAGE_THREADS = discord.Permissions(manage_threads=True).value
PRIVATE_THREAD = discord.ChannelType.private_thread.value  # 12
PUBLIC_THREAD = discord.ChannelType.public_thread.value  # 11
NEWS_THREAD = discord.ChannelType.news_thread.value  # 10
THREADS_ROUTE = "/channels/{channel_id}/threads"
# a person's message: 2,000 characters, 4,000 with Nitro (Discord support, "Nitro perks":
# longer messages); the API's own limit for bots stays 2,000 (Create Message `content`)
MAX_DM_CHARS = 4000


@dataclass
class FakeThread(FakeChannel):
    """A thread started in a guild text channel (``parent_id``) by ``owner_id``."""

    parent_id: int = 0
    owner_id: int = 0
    type: int = PRIVATE_THREAD
    invitable: bool = True
    auto_archive_duration: int = 4320
    archived: bool = False
    created_at: str = field(default_factory=iso_now)
    member_ids: set[int] = field(default_factory=set)

    def payload(self) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "archived": self.archived,
            "archive_timestamp": self.created_at,
            "auto_archive_duration": self.auto_archive_duration,
            "locked": False,
            "create_timestamp": self.created_at,
        }
        if self.type == PRIVATE_THREAD:
            metadata["invitable"] = self.invitable
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "parent_id": str(self.parent_id),
            "owner_id": str(self.owner_id),
            "name": self.name,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
            "message_count": 0,
            "member_count": len(self.member_ids),
            "total_message_sent": 0,
            "thread_metadata": metadata,
        }


def _session_intents(fake: FakeDiscord) -> int | None:
    conn = fake.gateway.active
    if conn is None or conn.session is None or conn.ws.closed:
        return None
    return conn.session.intents


async def send_dm(
    fake: FakeDiscord,
    user_id: int,
    content: str = "",
    *,
    attachments: Sequence[tuple[str, bytes]] = (),
) -> dict[str, Any]:
    """``user_id`` writes ``content`` (and ``(filename, bytes)`` attachments) to the bot in their
    DM. Returns the stored message; it is dispatched only when the bot asked for DMs (see the
    module docstring), else it lands in ``fake.undelivered`` (Discord sends nothing)."""
    if not content and not attachments:
        raise FakeDiscordError("Discord sends no empty message (content or attachments needed)")
    if len(content) > MAX_DM_CHARS:
        raise FakeDiscordError(f"a user cannot send more than {MAX_DM_CHARS} characters")
    if len(attachments) > MAX_FILES:
        raise FakeDiscordError(f"a message holds at most {MAX_FILES} attachments")
    too_big = [name for name, data in attachments if len(data) > ATTACHMENT_SIZE_LIMIT]
    if too_big:
        raise FakeDiscordError(f"Discord refuses uploads over the limit: {too_big}")
    user = fake.user(user_id)
    channel_id = fake.dm_channel_id(user.id)
    files = [
        RecordedFile(f"files[{i}]", name, data, _content_type(name))
        for i, (name, data) in enumerate(attachments)
    ]
    message = fake.store.create(
        channel_id=channel_id,
        guild_id=None,
        author=user.payload(),
        body={"content": content, "attachments": [{"id": i} for i in range(len(files))]},
        files=files,
    )
    intents = _session_intents(fake)
    if intents is None or not intents & DIRECT_MESSAGES:
        fake.undelivered.append(("MESSAGE_CREATE", message))
        fake.notify()
        return message
    await fake.gateway.dispatch("MESSAGE_CREATE", message)
    return message


def _content_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "txt": "text/plain"}.get(
        ext, "application/octet-stream"
    )


async def echo_own_message(fake: FakeDiscord, message: dict[str, Any]) -> None:
    """The bot's own new channel message, back to it as MESSAGE_CREATE when its intents cover
    that channel (DM: DIRECT_MESSAGES; guild channel or thread: GUILD_MESSAGES)."""
    intents = _session_intents(fake)
    wanted = GUILD_MESSAGES if message.get("guild_id") else DIRECT_MESSAGES
    if intents is not None and intents & wanted:
        await fake.gateway.dispatch("MESSAGE_CREATE", message)


def thread_post_refusal(fake: FakeDiscord, channel: FakeChannel) -> web.Response | None:
    """Why the bot may not post in ``channel`` when it is a thread (None: it may)."""
    if not isinstance(channel, FakeThread):
        return None
    if not _bot_permissions(fake, channel.guild_id) & SEND_MESSAGES_IN_THREADS:
        return error(403, 50013, "Missing Permissions")
    channel.archived = False  # docs, Threads: sending a message unarchives a thread
    return None


def _bot_permissions(fake: FakeDiscord, guild_id: int) -> int:
    guild = fake.guilds[guild_id]
    member = fake.bot_member(guild_id)
    return guild.permissions_for(member.roles, fake.bot_user.id)


def thread_errors(body: dict[str, Any], channel: FakeChannel | None) -> list[str]:
    """Rules of Start Thread without Message that the spec does not encode."""
    errors: list[str] = []
    if channel is None or isinstance(channel, FakeThread):
        return ["threads start in a guild text channel"]
    kind = body.get("type")
    if kind is None:
        # docs: "type ... (in API v9 and below) defaults to PRIVATE_THREAD; in API v10 this will
        # be required" -- discord.py always sends it
        errors.append("type: required in API v10")
    if body.get("invitable") is not None and kind != PRIVATE_THREAD:
        errors.append("invitable: only available when creating a private thread")
    if kind == NEWS_THREAD:
        errors.append("type 10 (announcement thread) needs an announcement channel")
    return errors


async def create_thread(fake: FakeDiscord, rec: RecordedRequest, cid: str) -> web.Response:
    """``POST /channels/{cid}/threads`` (without a message)."""
    body = rec.json if isinstance(rec.json, dict) else {}
    channel = fake.find_channel(int(cid))
    if channel is None:
        return error(404, 10003, "Unknown Channel")
    if not fake.guilds[channel.guild_id].bot_installed:
        return error(403, 50001, "Missing Access")
    errors = rec.spec_errors + thread_errors(body, channel)
    if errors:
        fake.violation("invalid_form_body", f"{rec.method} {rec.path}: {errors}", None)
        return error(400, 50035, "Invalid Form Body", {"_errors": errors})
    kind = int(body["type"])
    needed = CREATE_PRIVATE_THREADS if kind == PRIVATE_THREAD else CREATE_PUBLIC_THREADS
    if not _bot_permissions(fake, channel.guild_id) & needed:
        return error(403, 50013, "Missing Permissions")
    guild = fake.guilds[channel.guild_id]
    thread = FakeThread(
        fake.new_id(),
        str(body["name"]),
        channel.guild_id,
        position=0,
        parent_id=channel.id,
        owner_id=fake.bot_user.id,
        type=kind,
        invitable=bool(body.get("invitable", True)) if kind == PRIVATE_THREAD else True,
        auto_archive_duration=int(body.get("auto_archive_duration") or 4320),
        member_ids={fake.bot_user.id},
    )
    fake.threads[thread.id] = thread
    payload = thread.payload()
    created = dict(payload, newly_created=True, member=_thread_member(thread, fake.bot_user.id))
    if _session_intents(fake) is not None and guild.bot_installed:
        await fake.gateway.dispatch("THREAD_CREATE", created)
    return json_response(dict(payload, member=_thread_member(thread, fake.bot_user.id)))


def _thread_member(thread: FakeThread, user_id: int) -> dict[str, Any]:
    joined = dt.datetime.now(dt.UTC).isoformat()
    return {"id": str(thread.id), "user_id": str(user_id), "join_timestamp": joined, "flags": 0}


def thread_messages(fake: FakeDiscord, thread_id: int) -> list[dict[str, Any]]:
    """Messages posted in a thread, oldest first."""
    if thread_id not in fake.threads:
        raise FakeDiscordError(f"no thread {thread_id}")
    return fake.channel_messages(thread_id)


def visible_thread(
    fake: FakeDiscord, guild_id: int, channel_id: int | None, user_id: int, permissions: int
) -> FakeThread | None:
    """The thread an interaction comes from (None: not a thread). A private thread is seen only
    by its members and by those with MANAGE_THREADS (docs, Threads: "Private threads are only
    viewable by those who are invited or have the MANAGE_THREADS permission"), so Discord
    delivers no click from anyone else: asking for one is a test error."""
    thread = fake.threads.get(channel_id or 0)
    if not isinstance(thread, FakeThread) or thread.guild_id != guild_id:
        return None
    sees_all = permissions & (MANAGE_THREADS | discord.Permissions(administrator=True).value)
    if thread.type == PRIVATE_THREAD and user_id not in thread.member_ids and not sees_all:
        raise FakeDiscordError(f"user {user_id} cannot see private thread {thread.id}")
    return thread


async def add_thread_member(
    fake: FakeDiscord, rec: RecordedRequest, cid: str, uid: str
) -> web.Response:
    """``PUT /channels/{thread}/thread-members/{user}`` (docs, "Add Thread Member": needs the
    ability to send messages in the thread; the thread must not be archived; 204)."""
    thread = fake.threads.get(int(cid))
    if not isinstance(thread, FakeThread):
        return error(404, 10003, "Unknown Channel")
    if int(uid) not in fake.guilds[thread.guild_id].members:
        return error(404, 10007, "Unknown Member")
    if not _bot_permissions(fake, thread.guild_id) & SEND_MESSAGES_IN_THREADS:
        return error(403, 50013, "Missing Permissions")
    if thread.archived:
        return error(400, 50083, "Thread is archived")
    thread.member_ids.add(int(uid))
    return web.Response(status=204)
