"""Builders of INTERACTION_CREATE payloads: slash commands, component clicks, modal submits."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from discord import (
    AppCommandOptionType,
    AppCommandType,
    ChannelType,
    ComponentType,
    InteractionType,
)
from discord.app_commands import AppCommandContext, AppInstallationType
from discord.enums import try_enum

from tests.fakes import fake_discord_dms as dms
from tests.fakes.fake_discord_models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    ATTACHMENT_SIZE_LIMIT,
    FakeDiscordError,
    FakeUser,
)
from tests.fakes.fake_discord_spec import spec_schema
from tests.fakes.fake_discord_validate import walk_components

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

Opt, C = AppCommandOptionType, ComponentType
_SCALARS: dict[Any, Callable[[Any], Any]] = {
    Opt.string: str,
    Opt.integer: int,
    Opt.boolean: bool,
    Opt.number: float,
}
_SUBCOMMANDS = (Opt.subcommand.value, Opt.subcommand_group.value)
_CHAT_INPUT = AppCommandType.chat_input.value
# Interaction contexts (docs: Interactions → Interaction Context Types): 0 a guild, 1 the DM with
# the app's bot user, 2 group DMs and DMs other than with the bot (user installs only).
_GUILD, _BOT_DM = AppCommandContext.GUILD, AppCommandContext.DM_CHANNEL
_PRIVATE = AppCommandContext.PRIVATE_CHANNEL
# Installation contexts (docs: Application Commands → Installation Context): the keys of
# authorizing_integration_owners and the values of a command's integration_types.
_GUILD_INSTALL = str(AppInstallationType.GUILD)
_USER_INSTALL = str(AppInstallationType.USER)
INSTALLS = {"guild": AppInstallationType.GUILD, "user": AppInstallationType.USER}


def snowflake_of(value: Any) -> int:
    """An id given as an int."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FakeDiscordError(f"not an id: {value!r}")
    return value


def find_command(
    fake: FakeDiscord, path: Sequence[str], guild_id: int | None
) -> tuple[dict[str, Any], int | None]:
    """The synced command named ``path[0]``: guild commands first, then global ones."""
    scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
    for scope in scopes:
        for cmd in fake.commands.get(scope, []):
            if cmd["name"] == path[0] and cmd.get("type", _CHAT_INPUT) == _CHAT_INPUT:
                return cmd, scope
    where = f"guild {guild_id} or global" if guild_id else "global (DM)"
    raise FakeDiscordError(f"/{path[0]} was never synced ({where}); synced: {fake.synced_names()}")


def check_command_access(
    cmd: dict[str, Any],
    guild_id: int | None,
    permissions: int,
    scope: int | None,
    *,
    context: int = _GUILD,
    install: str = "guild",
) -> None:
    """Refuse what Discord's client would not let the user run: a command is offered only in
    the interaction contexts of its `contexts` and through the installs of its
    `integration_types` (docs: Application Commands → Contexts; unset integration_types mean
    the app's default, a guild install); guild commands exist only in their guild, through its
    guild install."""
    name = cmd["name"]
    kinds = cmd.get("integration_types") or [INSTALLS["guild"]]
    if INSTALLS[install] not in kinds:
        raise FakeDiscordError(f"/{name} is not available through a {install} install")
    if scope is not None and (install != "guild" or context != _GUILD):
        raise FakeDiscordError(f"/{name} is a guild command; it exists only in guild {scope}")
    contexts = cmd.get("contexts")
    if contexts is not None and context not in contexts:
        raise FakeDiscordError(f"/{name} is not available in interaction context {context}")
    if guild_id is None:
        if context == _BOT_DM and cmd.get("dm_permission") is False:
            raise FakeDiscordError(f"/{name} is not available in DMs")
        return
    required = cmd.get("default_member_permissions")
    if (
        required is not None
        and not permissions & ADMINISTRATOR
        and int(required) & permissions != int(required)
    ):
        raise FakeDiscordError(
            f"/{cmd['name']} needs permissions {required}; the member has {permissions}"
            " (Discord hides it; pass check_permissions=False to inject anyway)"
        )


def _check_value(opt: dict[str, Any], value: Any, where: str) -> None:
    choices = opt.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise FakeDiscordError(f"{where}: {value!r} is not one of the choices {choices}")
    if isinstance(value, str):
        if len(value) < opt.get("min_length", 0) or len(value) > opt.get("max_length", 6000):
            raise FakeDiscordError(f"{where}: length of {value!r} outside the allowed range")
    elif isinstance(value, int | float):
        low, high = opt.get("min_value"), opt.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise FakeDiscordError(f"{where}: {value!r} outside [{low}, {high}]")


def _resolve_user(
    fake: FakeDiscord, value: Any, guild_id: int | None, resolved: dict[str, dict[str, Any]]
) -> str:
    """Fill ``resolved`` for a user option; returns the option's value."""
    target = snowflake_of(value)
    guild = fake.guilds.get(guild_id) if guild_id is not None else None
    user = fake.users.get(target) or fake.add_user(target, f"user{target}")
    resolved.setdefault("users", {})[str(target)] = user.payload()
    if guild and target in guild.members:
        member = guild.members[target]
        perms = guild.permissions_for(member.roles, target)
        members = resolved.setdefault("members", {})
        members[str(target)] = member.payload(permissions=perms, with_user=False)
    return str(target)


def _resolve_guild_item(
    fake: FakeDiscord,
    kind: AppCommandOptionType,
    opt: dict[str, Any],
    value: Any,
    guild_id: int | None,
    resolved: dict[str, dict[str, Any]],
    where: str,
) -> str:
    """Fill ``resolved`` for a channel or role option. Discord's client offers only the current
    guild's channels (of the option's ``channel_types``) and roles; resolved channels are partial
    (docs: Interactions → Resolved Data Structure: id, name, type, permissions)."""
    target = snowflake_of(value)
    guild = fake.guilds.get(guild_id) if guild_id is not None else None
    if guild is None:
        raise FakeDiscordError(f"{where}: channel and role options need a guild")
    if kind is Opt.role:
        if target not in guild.roles:
            raise FakeDiscordError(f"{where}: guild {guild_id} has no role {target}")
        resolved.setdefault("roles", {})[str(target)] = guild.roles[target].payload()
        return str(target)
    channel = guild.channels.get(target)
    if channel is None:
        raise FakeDiscordError(f"{where}: guild {guild_id} has no channel {target}")
    full = channel.payload()
    types = opt.get("channel_types")
    if types is not None and full["type"] not in types:
        raise FakeDiscordError(f"{where}: channel type {full['type']} is not one of {types}")
    resolved.setdefault("channels", {})[str(target)] = {
        "id": full["id"],
        "name": full["name"],
        "type": full["type"],
        "permissions": str(ALL_PERMISSIONS),
    }
    return str(target)


def build_options(
    fake: FakeDiscord,
    schema: list[dict[str, Any]],
    values: Mapping[str, Any],
    guild_id: int | None,
    resolved: dict[str, dict[str, Any]],
    where: str,
) -> list[dict[str, Any]]:
    """Typed option list for a leaf command, validated against its synced schema."""
    by_name = {o["name"]: o for o in schema}
    unknown = set(values) - set(by_name)
    if unknown:
        raise FakeDiscordError(f"{where}: unknown options {sorted(unknown)}; has {list(by_name)}")
    out: list[dict[str, Any]] = []
    for opt in schema:
        name = opt["name"]
        if name not in values or values[name] is None:
            if opt.get("required"):
                raise FakeDiscordError(f"{where}: required option {name!r} missing")
            continue
        value, opt_type = values[name], opt["type"]
        kind = try_enum(Opt, opt_type)
        if kind in _SCALARS:
            value = _SCALARS[kind](value)
        elif kind is Opt.user:
            value = _resolve_user(fake, value, guild_id, resolved)
        elif kind in (Opt.channel, Opt.role):
            value = _resolve_guild_item(fake, kind, opt, value, guild_id, resolved, where)
        else:
            raise FakeDiscordError(f"{where} {name}: the fake cannot inject option type {opt_type}")
        if kind in (Opt.string, Opt.integer, Opt.number):
            _check_value(opt, value, f"{where} {name}")
        out.append({"type": opt_type, "name": name, "value": value})
    return out


def command_data(
    fake: FakeDiscord,
    path: Sequence[str],
    options: Mapping[str, Any],
    guild_id: int | None,
    permissions: int,
    *,
    check_permissions: bool,
    context: int = _GUILD,
    install: str = "guild",
) -> dict[str, Any]:
    """The ``data`` of a CHAT_INPUT interaction for ``/path[0] path[1:]`` with ``options``."""
    installed = guild_id is not None and fake.guilds[guild_id].bot_installed
    cmd, scope = find_command(fake, path, guild_id if installed and install == "guild" else None)
    if check_permissions:
        check_command_access(
            cmd, guild_id, permissions, scope, context=context, install=install
        )
    resolved: dict[str, dict[str, Any]] = {}
    schema: list[dict[str, Any]] = cmd.get("options") or []
    chain: list[dict[str, Any]] = []
    for part in path[1:]:
        sub = next((o for o in schema if o["name"] == part and o["type"] in _SUBCOMMANDS), None)
        if sub is None:
            raise FakeDiscordError(f"/{' '.join(path)}: no subcommand {part!r}")
        chain.append({"type": sub["type"], "name": part})
        schema = sub.get("options") or []
    if any(o["type"] in _SUBCOMMANDS for o in schema):
        raise FakeDiscordError(f"/{' '.join(path)} needs a subcommand")
    leaf = build_options(fake, schema, options, guild_id, resolved, f"/{' '.join(path)}")
    for link in reversed(chain):
        link["options"] = leaf
        leaf = [link]
    data: dict[str, Any] = {
        "id": cmd["id"],
        "name": cmd["name"],
        "type": _CHAT_INPUT,
        "options": leaf,
    }
    if scope is not None:
        data["guild_id"] = str(scope)
    if resolved:
        data["resolved"] = resolved
    return data


def find_component(message: Mapping[str, Any], custom_id: str) -> dict[str, Any] | None:
    """The component with ``custom_id`` anywhere in a message's components."""
    for comp in walk_components(list(message.get("components") or [])):
        if comp.get("custom_id") == custom_id:
            return comp
    return None


def component_data(
    message: Mapping[str, Any],
    custom_id: str,
    values: Sequence[Any] | None,
    component_type: ComponentType | None,
) -> dict[str, Any]:
    """The ``data`` of a MESSAGE_COMPONENT interaction (button click or select choice)."""
    comp = find_component(message, custom_id)
    if comp is None and component_type is None:
        ids = [c.get("custom_id") for c in walk_components(list(message.get("components") or []))]
        raise FakeDiscordError(f"message {message.get('id')} has no {custom_id!r}; has {ids}")
    if comp is not None and comp.get("disabled"):
        raise FakeDiscordError(f"component {custom_id!r} is disabled")
    kind = component_type
    if kind is None:
        kind = try_enum(C, comp["type"])  # type: ignore[index]
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind.value}
    if comp is not None and "id" in comp:
        data["id"] = comp["id"]
    if kind is C.button:
        return data
    if kind is not C.select:
        raise FakeDiscordError(f"the fake cannot choose in a component of type {kind.value}")
    chosen = [str(v) for v in values or []]
    if comp is not None:
        low, high = comp.get("min_values", 1), comp.get("max_values", 1)
        if not low <= len(chosen) <= high:
            raise FakeDiscordError(f"select {custom_id!r} takes {low}-{high} values, got {chosen}")
        allowed = [o["value"] for o in comp.get("options") or []]
        if any(v not in allowed for v in chosen):
            raise FakeDiscordError(f"select {custom_id!r}: {chosen} not all in {allowed}")
    data["values"] = chosen
    return data


def _submitted(
    comp: dict[str, Any], fields: Mapping[str, Any], label: str | None
) -> dict[str, Any]:
    """One submitted leaf component; ``fields`` is keyed by custom_id or label."""
    ctype, custom_id = comp["type"], comp.get("custom_id")
    label = comp.get("label") or label
    key = custom_id if custom_id in fields else label
    value = fields.get(key) if key is not None else None
    out: dict[str, Any] = {"type": ctype, "custom_id": custom_id, "id": comp.get("id", 0)}
    if ctype == C.text_input.value:
        text = comp.get("value", "") if value is None else str(value)
        if comp.get("required", True) and not text:
            raise FakeDiscordError(f"text input {label or custom_id!r} is required")
        if text and not comp.get("min_length", 0) <= len(text) <= comp.get("max_length", 4000):
            raise FakeDiscordError(
                f"text input {label or custom_id!r}: length {len(text)} not allowed"
            )
        out["value"] = text
    else:
        chosen = [] if value is None else [value] if isinstance(value, str) else list(value)
        if comp.get("required", True) and not chosen:
            raise FakeDiscordError(f"modal component {label or custom_id!r} is required")
        out["values"] = [str(v) for v in chosen]
    return out


def modal_submit_components(
    modal: dict[str, Any], fields: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """MODAL_SUBMIT components mirroring the modal the bot sent (action rows and labels)."""
    known: set[str] = set()
    for comp in walk_components(modal.get("components") or []):
        known.update(k for k in (comp.get("custom_id"), comp.get("label")) if k)
    unknown = set(fields) - known
    if unknown:
        raise FakeDiscordError(f"modal {modal.get('title')!r} has no fields {sorted(unknown)}")
    out: list[dict[str, Any]] = []
    for comp in modal.get("components") or []:
        if comp["type"] == C.action_row.value:
            row = [_submitted(c, fields, None) for c in comp.get("components") or []]
            out.append({"type": comp["type"], "id": comp.get("id", 0), "components": row})
        elif comp["type"] == C.label.value:
            inner = _submitted(comp["component"], fields, comp.get("label"))
            out.append({"type": comp["type"], "id": comp.get("id", 0), "component": inner})
        else:
            raise FakeDiscordError(f"the fake cannot submit modal component {comp['type']}")
    return out


def spec_schema_locales() -> frozenset[str]:
    """Discord's locales (the spec's AvailableLocalesEnum)."""
    return frozenset(o["const"] for o in spec_schema("AvailableLocalesEnum")["oneOf"])


def base_payload(
    fake: FakeDiscord,
    itype: InteractionType,
    data: dict[str, Any],
    user: FakeUser,
    guild_id: int | None,
    channel_id: int | None,
    roles: Sequence[int],
    permissions: int,
    *,
    context: int | None = None,
    install: str = "guild",
    locale: str = "en-US",
) -> dict[str, Any]:
    """The fields every INTERACTION_CREATE carries (guild: member, DM: user). ``context`` is the
    interaction context (default: guild, or the bot's DM without a guild); ``install`` says
    through which install the app is reached ("guild" or "user"); ``locale`` is the person's
    client language (docs: Interaction object, `locale`: one of Discord's locales)."""
    if locale not in spec_schema_locales():
        raise FakeDiscordError(f"{locale!r} is not a Discord locale")
    if context is None:
        context = _GUILD if guild_id is not None else _BOT_DM
    owners = _integration_owners(fake, guild_id, user, context, install)
    payload: dict[str, Any] = {
        "id": str(fake.new_id()),
        "application_id": str(fake.app_id),
        "type": itype.value,
        "token": fake.new_token(),
        "version": 1,
        "data": data,
        "app_permissions": str(fake.app_permissions),
        "locale": locale,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "entitlements": [],
        "entitlement_sku_ids": [],
    }
    if context == _PRIVATE:
        if guild_id is not None:
            raise FakeDiscordError("a private-channel interaction has no guild")
        group_id = channel_id if channel_id is not None else fake.new_id()
        fake.group_dms.setdefault(group_id, set()).add(user.id)
        payload.update(  # a group DM (channel type 3; docs: Channel object, GROUP_DM)
            user=user.payload(),
            channel={
                "id": str(group_id),
                "type": ChannelType.group.value,
                "recipients": [user.payload()],
                "name": None,
                "icon": None,
                "owner_id": str(user.id),
                "last_message_id": None,
                "flags": 0,
            },
            channel_id=str(group_id),
            context=_PRIVATE,
            authorizing_integration_owners=owners,
        )
        return payload
    if guild_id is None:
        dm_id = fake.dm_channel_id(user.id)
        channel = {
            "id": str(dm_id),
            "type": ChannelType.private.value,
            "recipients": [user.payload()],
            "last_message_id": None,
            "flags": 0,
        }
        payload.update(
            user=user.payload(),
            channel=channel,
            channel_id=str(dm_id),
            context=_BOT_DM,
            authorizing_integration_owners=owners,
        )
        return payload
    guild = fake.guilds[guild_id]
    thread = dms.visible_thread(fake, guild_id, channel_id, user.id, permissions)
    if channel_id is not None and channel_id not in guild.channels and thread is None:
        raise FakeDiscordError(f"guild {guild_id} has no channel {channel_id}")
    chan = thread or (
        guild.channels[channel_id] if channel_id is not None else guild.first_text_channel()
    )
    member_payload = guild.members[user.id].payload(permissions=permissions)
    member_payload["roles"] = [str(r) for r in roles]
    channel = copy.deepcopy(chan.payload())
    channel["permissions"] = str(permissions)
    payload.update(
        guild_id=str(guild_id),
        guild={"id": str(guild_id), "locale": guild.preferred_locale, "features": []},
        guild_locale=guild.preferred_locale,
        member=member_payload,
        channel=channel,
        channel_id=str(chan.id),
        context=_GUILD,
        authorizing_integration_owners=owners,
    )
    return payload


def _integration_owners(
    fake: FakeDiscord, guild_id: int | None, user: FakeUser, context: int, install: str
) -> dict[str, str]:
    """authorizing_integration_owners (docs: Interactions → Authorizing Integration Owners
    Object): the guild install's key maps to the guild's id, or "0" in the bot's DM; the user
    install's key to the id of the user who installed the app. Group DMs and servers without
    the bot are reachable only through a user install."""
    if install == "user":
        return {_USER_INSTALL: str(user.id)}
    if install != "guild":
        raise FakeDiscordError(f"unknown install {install!r}: 'guild' or 'user'")
    if context == _PRIVATE:
        raise FakeDiscordError("group DMs reach the app only through a user install")
    if guild_id is not None and not fake.guilds[guild_id].bot_installed:
        raise FakeDiscordError(f"the bot is not in guild {guild_id}; use install='user'")
    return {_GUILD_INSTALL: str(guild_id) if guild_id is not None else "0"}
