"""Data model and JSON payload builders of the fake Discord (users, guilds, messages, records)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
ADMINISTRATOR = discord.Permissions(administrator=True).value
ALL_PERMISSIONS = discord.Permissions.all().value
EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_application_commands=True,
    use_external_emojis=True,
).value
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | discord.Permissions(manage_messages=True).value

EPHEMERAL = discord.MessageFlags(ephemeral=True).value
LOADING = discord.MessageFlags(loading=True).value


class FakeDiscordError(Exception):
    """A test asked the fake for something Discord itself would never deliver."""


class SnowflakeGen:
    """Time-based, strictly increasing snowflakes (discord.py derives created_at from them)."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = max((ms << 22) | (1 << 17), self._last + 1)
        self._last = value
        return value


def iso_now() -> str:
    """The current time as Discord's ISO 8601 timestamp."""
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass
class FakeUser:
    """A Discord user; ``dms_open=False`` makes DMs to them fail with 50007."""

    id: int
    name: str
    bot: bool = False
    dms_open: bool = True
    dm_error_code: int = 50007  # the code a refused DM answers with

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass
class FakeRole:
    """A guild role; ``permissions`` is the raw permission integer."""

    id: int
    name: str
    permissions: int = 0
    position: int = 1

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }


@dataclass
class FakeChannel:
    """A guild text channel."""

    id: int
    name: str
    guild_id: int
    position: int = 0

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": discord.ChannelType.text.value,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        return data


@dataclass
class FakeMember:
    """A user's membership in a guild."""

    user: FakeUser
    roles: list[int] = field(default_factory=list)
    joined_at: str = field(default_factory=iso_now)

    def payload(self, *, permissions: int | None = None, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.roles],
            "nick": None,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class FakeGuild:
    """A guild with its roles, channels and members; the @everyone role has the guild's id."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)
    # False: a server the bot was never added to (reachable only through a user install): no
    # GUILD_CREATE, no guild commands, and the bot cannot post in its channels.
    bot_installed: bool = True
    # The server's "Community" language (Guild object `preferred_locale`, default "en-US"); an
    # interaction in the server carries it as `guild_locale` (Interaction object, docs).
    preferred_locale: str = "en-US"

    def first_text_channel(self) -> FakeChannel:
        """The first channel (interactions default to it)."""
        for channel in self.channels.values():
            return channel
        raise FakeDiscordError(f"guild {self.id} has no text channel")

    def permissions_for(self, roles: list[int], user_id: int) -> int:
        """Guild-level permissions of a member holding ``roles`` (no channel overwrites)."""
        value = self.roles[self.id].permissions if self.id in self.roles else 0
        for role_id in roles:
            if role_id in self.roles:
                value |= self.roles[role_id].permissions
        if user_id == self.owner_id or value & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return value

    def create_payload(self, *, include_members: bool, bot_member: FakeMember) -> dict[str, Any]:
        """The GUILD_CREATE payload; members only with the GUILD_MEMBERS intent (like Discord)."""
        members = list(self.members.values()) if include_members else []
        if bot_member.user.id not in {m.user.id for m in members}:
            members.append(bot_member)
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": self.preferred_locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "channels": [c.payload() for c in self.channels.values()],
            "threads": [],
            "members": [m.payload() for m in members],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "joined_at": bot_member.joined_at,
            "large": False,
            "lazy": True,
            "unavailable": False,
            "member_count": len(self.members | {bot_member.user.id: bot_member}),
        }


def dm_channel_payload(channel_id: int, user: FakeUser) -> dict[str, Any]:
    """A DM channel object."""
    return {
        "id": str(channel_id),
        "type": discord.ChannelType.private.value,
        "recipients": [user.payload()],
        "last_message_id": None,
        "flags": 0,
    }
