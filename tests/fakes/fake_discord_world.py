"""The configured world of the fake Discord: bot, users, guilds (roles, channels, members), DMs."""

from __future__ import annotations

from collections.abc import Iterable

from tests.fakes.fake_discord_models import (
    EVERYONE_PERMISSIONS,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    SnowflakeGen,
)


class FakeWorld:
    """Users and guilds. Configure them before the client connects: GUILD_CREATE is sent once."""

    def __init__(self, *, bot_id: int, bot_name: str) -> None:
        self.new_id = SnowflakeGen()
        self.bot_user = FakeUser(bot_id, bot_name, bot=True)
        self.owner = FakeUser(900000000000000002, "app-owner")
        self.users: dict[int, FakeUser] = {self.bot_user.id: self.bot_user}
        self.guilds: dict[int, FakeGuild] = {}
        self.dm_users: dict[int, int] = {}  # dm channel id -> user id
        self.group_dms: dict[int, set[int]] = {}  # group DM channel id -> users seen there
        self._dm_channels: dict[int, int] = {}  # user id -> dm channel id
        self.threads: dict[int, FakeChannel] = {}  # thread id -> FakeThread (fake_discord_dms)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_user(self, id: int, name: str | None = None, *, dms_open: bool = True) -> FakeUser:
        """Add (or update) a user; ``dms_open=False`` makes DMs to them fail with 50007."""
        user = self.users.get(id) or FakeUser(id, name or f"user{id}")
        user.name, user.dms_open = name or user.name, dms_open
        self.users[id] = user
        return user

    def close_dms(self, user_id: int, *, code: int = 50007) -> None:
        """The user no longer accepts DMs from the bot: sending one answers 403 with ``code``
        (50007 "Cannot send messages to this user" for closed DMs)."""
        user = self.user(user_id)
        user.dms_open, user.dm_error_code = False, code

    def user(self, user_id: int) -> FakeUser:
        """A known user (an unknown id is added on the fly)."""
        return self.users.get(user_id) or self.add_user(user_id)

    def add_guild(
        self,
        id: int,
        name: str = "Test Guild",
        *,
        owner_id: int | None = None,
        roles: Iterable[tuple[str, int] | tuple[str, int, int]] = (),
        channels: Iterable[tuple[str, int]] = (("general", 0),),
        bot_installed: bool = True,
    ) -> FakeGuild:
        """A guild with an @everyone role; ``roles`` are ``(name, id[, permissions])`` and
        ``channels`` ``(name, id)`` text channels (id 0 = generated). The bot is a member, unless
        ``bot_installed=False`` (a server people reach the app in only through a user install)."""
        owner = owner_id if owner_id is not None else self.owner.id
        guild = FakeGuild(id, name, owner, bot_installed=bot_installed)
        guild.roles[id] = FakeRole(id, "@everyone", EVERYONE_PERMISSIONS, position=0)
        self.guilds[id] = guild
        for role in roles:
            self.add_role(id, role[0], role[2] if len(role) > 2 else 0, id=role[1])
        for name, channel_id in channels:
            self.add_channel(id, name, id=channel_id)
        if bot_installed:
            self.add_member(id, self.bot_user.id)
        return guild

    def add_role(self, guild_id: int, name: str, permissions: int = 0, *, id: int = 0) -> FakeRole:
        guild = self.guilds[guild_id]
        role = FakeRole(id or self.new_id(), name, permissions, position=len(guild.roles))
        guild.roles[role.id] = role
        return role

    def add_channel(self, guild_id: int, name: str, *, id: int = 0) -> FakeChannel:
        guild = self.guilds[guild_id]
        channel = FakeChannel(id or self.new_id(), name, guild_id, len(guild.channels))
        guild.channels[channel.id] = channel
        return channel

    def add_member(self, guild_id: int, user: int, *, roles: Iterable[int] = ()) -> FakeMember:
        member = FakeMember(self.user(user), list(roles))
        self.guilds[guild_id].members[member.user.id] = member
        return member

    def bot_member(self, guild_id: int) -> FakeMember:
        members = self.guilds[guild_id].members
        return members.get(self.bot_user.id) or FakeMember(self.bot_user)

    def dm_channel_id(self, user_id: int) -> int:
        """The (stable) DM channel between the bot and a user."""
        if user_id not in self._dm_channels:
            channel_id = self.new_id()
            self._dm_channels[user_id], self.dm_users[channel_id] = channel_id, user_id
        return self._dm_channels[user_id]

    def find_channel(self, channel_id: int) -> FakeChannel | None:
        return next(
            (g.channels[channel_id] for g in self.guilds.values() if channel_id in g.channels),
            self.threads.get(channel_id),
        )
