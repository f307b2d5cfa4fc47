"""The INTERACTION_CREATE payloads the fake Discord dispatches when a test runs a command, clicks
a component or submits a form: who is acting where (roles, permissions), and the payload built by
`fake_discord_commands` and `fake_discord_inject`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from discord import ComponentType, InteractionType

from tests.fakes import fake_discord_commands as commands
from tests.fakes import fake_discord_inject as inject
from tests.fakes.fake_discord_interaction import FakeInteraction
from tests.fakes.fake_discord_models import FakeDiscordError, FakeUser

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord


def member_context(
    fake: FakeDiscord, user: int, guild_id: int | None, roles: Sequence[int], permissions: int | None
) -> tuple[FakeUser, list[int], int]:
    """The user, their roles and interaction permissions (computed from roles if None)."""
    fake_user = fake.user(user)
    if guild_id is None:
        return fake_user, [], 0
    if guild_id not in fake.guilds:
        raise FakeDiscordError(f"unknown guild {guild_id}; add it with add_guild()")
    guild = fake.guilds[guild_id]
    member = guild.members.get(fake_user.id) or fake.add_member(
        guild_id, fake_user.id, roles=roles
    )
    role_ids = list(roles) or member.roles
    perms = (
        permissions
        if permissions is not None
        else guild.permissions_for(role_ids, fake_user.id)
    )
    return fake_user, role_ids, perms

def command_payload(
    fake: FakeDiscord,
    name: str,
    options: Mapping[str, Any] | None = None,
    *,
    user: int,
    guild_id: int | None = None,
    channel_id: int | None = None,
    roles: Sequence[int] = (),
    permissions: int | None = None,
    subcommand: str | None = None,
    check_permissions: bool = True,
    context: int | None = None,
    install: str = "guild",
    locale: str = "en-US",
) -> dict[str, Any]:
    """The payload of ``/name [subcommand] options`` as ``user`` (``guild_id=None``: in the bot's DM),
    whose Discord client speaks ``locale``.

    ``name`` may hold the whole path (``"case view"``). Options are validated against the
    synced command; user/channel/role options take ids or Fake* objects, attachment options
    ``(filename, bytes)``. ``permissions=None`` derives them from the member's roles.
    ``context`` 2 (with ``install="user"``) is a group DM; ``install="user"`` in a guild is
    the app reached through the person's own install (``bot_installed=False`` guilds).
    """
    if context is None:
        context = 0 if guild_id is not None else 1
    path = name.split() + (subcommand.split() if subcommand else [])
    fake_user, role_ids, perms = member_context(fake, user, guild_id, roles, permissions)
    data = commands.command_data(
        fake,
        path,
        options or {},
        guild_id,
        perms,
        check_permissions=check_permissions,
        context=context,
        install=install,
    )
    payload = inject.base_payload(
        fake,
        InteractionType.application_command,
        data,
        fake_user,
        guild_id,
        channel_id,
        role_ids,
        perms,
        context=context,
        install=install,
        locale=locale,
    )
    return payload

def component_payload(
    fake: FakeDiscord,
    message: Mapping[str, Any] | int,
    custom_id: str,
    *,
    user: int,
    values: Sequence[Any] | None = None,
    component_type: ComponentType | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    """The payload of a click on a button / choose in a select of a message the bot sent (dict or message id).
    The message's current state is used; ``component_type`` is only needed for components
    the fake does not find on the message."""
    msg = fake.store.get(message if isinstance(message, int) else int(message["id"]))
    if msg is None:
        raise FakeDiscordError(f"unknown (or deleted) message {message!r}")
    guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
    fake_user, role_ids, perms = member_context(fake, user, guild_id, (), None)
    data = inject.component_data(msg, custom_id, values, component_type)
    in_group = int(msg["channel_id"]) in fake.group_dms
    channel_id = int(msg["channel_id"]) if guild_id is not None or in_group else None
    owners = (msg.get("interaction_metadata") or {}).get("authorizing_integration_owners", {})
    payload = inject.base_payload(
        fake,
        InteractionType.component,
        data,
        fake_user,
        guild_id,
        channel_id,
        role_ids,
        perms,
        context=2 if in_group else None,
        install="user" if set(owners) == {"1"} else "guild",
        locale=locale,
    )
    payload["message"] = msg
    return payload

def modal_submit_payload(
    fake: FakeDiscord,
    custom_id: str | FakeInteraction,
    fields: Mapping[str, Any],
    *,
    user: int | None = None,
) -> dict[str, Any]:
    """The payload of a submit of a modal the bot showed (a ``modal`` response). ``custom_id`` is the modal's
    custom_id or the interaction that opened it. ``fields`` maps a text input's custom_id or
    label to its value (list of values for selects). Context (guild, channel, message, user)
    is that of the interaction that opened the modal."""
    opener = find_modal(fake, custom_id)
    modal = opener.modal or {}
    components = inject.modal_submit_components(modal, fields)
    fake_user, role_ids, perms = member_context(fake,
        user if user is not None else opener.user_id, opener.guild_id, (), None
    )
    data = {"custom_id": modal["custom_id"], "components": components}
    context = opener.payload.get("context")
    channel_id = opener.channel_id if opener.guild_id is not None or context == 2 else None
    owners = opener.payload.get("authorizing_integration_owners", {})
    payload = inject.base_payload(
        fake,
        InteractionType.modal_submit,
        data,
        fake_user,
        opener.guild_id,
        channel_id,
        role_ids,
        perms,
        context=context,
        install="user" if set(owners) == {"1"} else "guild",
        locale=str(opener.payload.get("locale", "en-US")),  # the same person's client
    )
    if opener.message_id is not None and fake.store.get(opener.message_id):
        payload["message"] = fake.store.get(opener.message_id)
    return payload

def find_modal(fake: FakeDiscord, key: str | FakeInteraction) -> FakeInteraction:
    for opener in reversed(fake.modals):
        if opener is key or (opener.modal or {}).get("custom_id") == key:
            return opener
    shown = [(m.modal or {}).get("custom_id") for m in fake.modals]
    raise FakeDiscordError(f"no modal {key!r} was shown; shown: {shown}")
