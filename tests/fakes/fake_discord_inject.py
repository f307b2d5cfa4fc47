"""Builders of INTERACTION_CREATE payloads: the common fields, component clicks and modal submits
(slash commands: `fake_discord_commands`)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from discord import (
    ChannelType,
    ComponentType,
    InteractionType,
)
from discord.enums import try_enum

from tests.fakes import fake_discord_dms as dms
from tests.fakes.fake_discord_commands import (
    BOT_DM,
    GUILD_CONTEXT,
    GUILD_INSTALL,
    PRIVATE_CONTEXT,
    USER_INSTALL,
    C,
)
from tests.fakes.fake_discord_models import (
    ATTACHMENT_SIZE_LIMIT,
    FakeDiscordError,
    FakeUser,
)
from tests.fakes.fake_discord_spec import spec_schema
from tests.fakes.fake_discord_validate import walk_components

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

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
        context = GUILD_CONTEXT if guild_id is not None else BOT_DM
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
    if context == PRIVATE_CONTEXT:
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
            context=PRIVATE_CONTEXT,
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
            context=BOT_DM,
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
        context=GUILD_CONTEXT,
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
        return {USER_INSTALL: str(user.id)}
    if install != "guild":
        raise FakeDiscordError(f"unknown install {install!r}: 'guild' or 'user'")
    if context == PRIVATE_CONTEXT:
        raise FakeDiscordError("group DMs reach the app only through a user install")
    if guild_id is not None and not fake.guilds[guild_id].bot_installed:
        raise FakeDiscordError(f"the bot is not in guild {guild_id}; use install='user'")
    return {GUILD_INSTALL: str(guild_id) if guild_id is not None else "0"}
