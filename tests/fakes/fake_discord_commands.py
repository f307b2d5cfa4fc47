"""Slash commands as the fake Discord knows them: finding a synced command, who may run it
where (contexts and installs), and its options checked and resolved into INTERACTION_CREATE data."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from discord import (
    AppCommandOptionType,
    AppCommandType,
    ComponentType,
)
from discord.app_commands import AppCommandContext, AppInstallationType
from discord.enums import try_enum

from tests.fakes.fake_discord_models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    FakeDiscordError,
)

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
GUILD_CONTEXT, BOT_DM = AppCommandContext.GUILD, AppCommandContext.DM_CHANNEL
PRIVATE_CONTEXT = AppCommandContext.PRIVATE_CHANNEL
# Installation contexts (docs: Application Commands → Installation Context): the keys of
# authorizing_integration_owners and the values of a command's integration_types.
GUILD_INSTALL = str(AppInstallationType.GUILD)
USER_INSTALL = str(AppInstallationType.USER)
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
    context: int = GUILD_CONTEXT,
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
    if scope is not None and (install != "guild" or context != GUILD_CONTEXT):
        raise FakeDiscordError(f"/{name} is a guild command; it exists only in guild {scope}")
    contexts = cmd.get("contexts")
    if contexts is not None and context not in contexts:
        raise FakeDiscordError(f"/{name} is not available in interaction context {context}")
    if guild_id is None:
        if context == BOT_DM and cmd.get("dm_permission") is False:
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
    context: int = GUILD_CONTEXT,
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
