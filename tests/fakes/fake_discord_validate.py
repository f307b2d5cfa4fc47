"""Discord's documented limits, checked on what the bot sends (a 400 50035 on real Discord)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from discord import AppCommandOptionType, AppCommandType, ButtonStyle, ComponentType, MessageFlags

from tests.fakes.fake_discord_records import (
    RecordedFile,
)
from tests.fakes.fake_discord_spec import spec_schema

_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
# Discord docs, Application Commands → "Localization": the keys of `name_localizations` and
# `description_localizations` are Discord locales (the spec's AvailableLocalesEnum), localized
# names follow the naming rule (Application Command Naming: `^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]
# {1,32}$`, lower-case variants of letters that have one), localized descriptions and choice
# names have the same 1-100 characters as the default ones.
_SCRIPTS = ("DEVANAGARI", "THAI")


def _locales() -> frozenset[str]:
    return frozenset(o["const"] for o in spec_schema("AvailableLocalesEnum")["oneOf"])


def localized_name_ok(name: str) -> bool:
    r"""Whether `name` passes Discord's naming rule (Python's `re` has no `\p{sc=...}`)."""
    return (
        1 <= len(name) <= 32
        and name == name.lower()
        and all(
            c.isalnum() or c in "-_'" or unicodedata.name(c, "").startswith(_SCRIPTS) for c in name
        )
    )


def _localization_errors(obj: dict[str, Any], here: str, *, named: bool = True) -> list[str]:
    errors: list[str] = []
    locales = _locales()
    for field, is_name in (("name_localizations", named), ("description_localizations", False)):
        for locale, text in (obj.get(field) or {}).items():
            if locale not in locales:
                errors.append(f"{here}: {field} has unknown locale {locale!r}")
            elif is_name and not localized_name_ok(text):
                errors.append(f"{here}: invalid {locale} name {text!r}")
            elif not is_name and not 1 <= len(text) <= 100:
                errors.append(f"{here}: {locale} {field} must be 1-100 characters")
    return errors


def _unique_localized(items: list[dict[str, Any]], here: str) -> list[str]:
    """Sibling commands or options must keep distinct names in every locale."""
    seen: dict[tuple[str, str], str] = {}
    errors = []
    for item in items:
        for locale, text in (item.get("name_localizations") or {}).items():
            other = seen.setdefault((locale, text), item.get("name", ""))
            if other != item.get("name", ""):
                errors.append(f"{here}: {locale} name {text!r} used twice")
    return errors

COMPONENTS_V2 = MessageFlags(components_v2=True).value
C = ComponentType
_SUBCOMMANDS = (AppCommandOptionType.subcommand.value, AppCommandOptionType.subcommand_group.value)
_CHAT_INPUT = AppCommandType.chat_input.value


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every component, depth first, through rows, sections, containers and labels."""
    for comp in components:
        yield comp
        yield from walk_components(comp.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(comp.get(key), dict):
                yield from walk_components([comp[key]])


def _too_long(errors: list[str], where: str, value: Any, limit: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        errors.append(f"{where} is {len(value)} characters (max {limit})")


def embed_errors(embeds: list[dict[str, Any]]) -> list[str]:
    """What Discord refuses in `embeds`. Limits:
    https://discord.com/developers/docs/resources/message#embed-object-embed-limits
    (the 6,000 total counts title, description, field names and values, footer text and author
    name)."""
    errors: list[str] = []
    if len(embeds) > 10:
        errors.append(f"{len(embeds)} embeds (max 10)")
    total = 0
    for i, embed in enumerate(embeds):
        parts = {
            "title": (embed.get("title"), 256),
            "description": (embed.get("description"), 4096),
            "footer.text": ((embed.get("footer") or {}).get("text"), 2048),
            "author.name": ((embed.get("author") or {}).get("name"), 256),
        }
        fields = embed.get("fields") or []
        if len(fields) > 25:
            errors.append(f"embeds[{i}] has {len(fields)} fields (max 25)")
        for j, fld in enumerate(fields):
            parts[f"fields[{j}].name"] = (fld.get("name"), 256)
            parts[f"fields[{j}].value"] = (fld.get("value"), 1024)
            if not fld.get("name") or not fld.get("value"):
                errors.append(f"embeds[{i}].fields[{j}] needs a non-empty name and value")
        for name, (value, limit) in parts.items():
            _too_long(errors, f"embeds[{i}].{name}", value, limit)
            total += len(value) if isinstance(value, str) else 0
    if total > 6000:
        errors.append(f"embeds total {total} characters (max 6000)")
    return errors


# Docs, Components → Button: a link button's url is an http, https or discord URL of at most
# 512 characters (the OpenAPI spec says only `format: uri`; Discord answers 50035 for mailto:).
_LINK_SCHEMES = ("http://", "https://", "discord://")


def _link_errors(url: Any) -> list[str]:
    if not isinstance(url, str) or not url:
        return ["a link button needs a url"]
    errors = []
    if not url.lower().startswith(_LINK_SCHEMES):
        errors.append(f"link button url scheme not http/https/discord: {url[:40]!r}")
    _too_long(errors, "link button url", url, 512)
    return errors


def _select_range_errors(comp: dict[str, Any], options: int) -> list[str]:
    """Docs, Components → String Select: min_values 0-25 (default 1), max_values 1-25 (default
    1); neither may exceed the number of options, and min_values <= max_values."""
    low, high = comp.get("min_values", 1), comp.get("max_values", 1)
    low = 1 if low is None else low
    high = 1 if high is None else high
    if low > high or high > options or low > options:
        return [f"select {comp.get('custom_id')!r}: min/max values {low}/{high}, {options} options"]
    return []


def component_errors(components: list[dict[str, Any]], *, top_level_max: int = 5) -> list[str]:
    """Limits of message or modal components (5 rows; 40 with the components v2 flag)."""
    errors: list[str] = []
    if len(components) > top_level_max:
        errors.append(f"{len(components)} top-level components (max {top_level_max})")
    custom_ids: list[str] = []
    for comp in walk_components(components):
        ctype = comp.get("type")
        style = comp.get("style")
        if "custom_id" in comp:
            custom_ids.append(comp["custom_id"])
            _too_long(errors, f"custom_id {comp['custom_id'][:20]!r}", comp["custom_id"], 100)
        if ctype == C.action_row.value and len(comp.get("components") or []) > 5:
            errors.append("an action row holds more than 5 components")
        if ctype == C.button.value:
            _too_long(errors, "button label", comp.get("label"), 80)
            no_id = (ButtonStyle.link.value, ButtonStyle.premium.value)
            if style not in no_id and not comp.get("custom_id"):
                errors.append("a non-link button needs a custom_id")
            if style == ButtonStyle.link.value:
                errors += _link_errors(comp.get("url"))
        if ctype == C.select.value:
            options = comp.get("options") or []
            if not 1 <= len(options) <= 25:
                errors.append(f"select {comp.get('custom_id')!r} has {len(options)} options (1-25)")
            errors += _select_range_errors(comp, len(options))
            _too_long(errors, "select placeholder", comp.get("placeholder"), 150)
            for opt in options:
                for key in ("label", "value", "description"):
                    _too_long(errors, f"select option {key}", opt.get(key), 100)
        if ctype == C.text_input.value:
            _too_long(errors, "text input label", comp.get("label"), 45)
            _too_long(errors, "text input placeholder", comp.get("placeholder"), 100)
            _too_long(errors, "text input value", comp.get("value"), 4000)
        if ctype == C.label.value:
            _too_long(errors, "label text", comp.get("label"), 45)
            _too_long(errors, "label description", comp.get("description"), 100)
    dupes = {c for c in custom_ids if custom_ids.count(c) > 1}
    if dupes:
        errors.append(f"duplicate custom_ids {sorted(dupes)}")
    return errors


# Docs, Reference → Uploading Files: up to 10 files per message, and the request must fit the
# upload size limit (10 MiB for bots; `attachment_size_limit` in interactions), else 413/40005.
MAX_FILES = 10


def upload_errors(files: list[RecordedFile], limit: int) -> tuple[int, int, str] | None:
    """(status, code, message) Discord answers for too many or too large uploads, else None."""
    if len(files) > MAX_FILES:
        return 400, 50035, f"{len(files)} files (max {MAX_FILES})"
    total = sum(len(f.data) for f in files)
    if total > limit:
        return 413, 40005, f"Request entity too large ({total} bytes, limit {limit})"
    return None


def message_errors(
    body: dict[str, Any], files: list[RecordedFile], *, edit: bool = False
) -> list[str]:
    """What Discord would reject in a message body (create or edit)."""
    errors: list[str] = []
    _too_long(errors, "content", body.get("content"), 2000)
    errors += embed_errors(body.get("embeds") or [])
    v2 = bool((body.get("flags") or 0) & COMPONENTS_V2)
    errors += component_errors(body.get("components") or [], top_level_max=40 if v2 else 5)
    if v2 and (body.get("content") or body.get("embeds")):
        errors.append("content and embeds cannot be used with the components v2 flag")
    empty = not (
        body.get("content")
        or body.get("embeds")
        or files
        or body.get("components")
        or body.get("attachments")
        or body.get("poll")
        or body.get("sticker_ids")
    )
    if empty and not edit:
        errors.append("Cannot send an empty message")
    return errors


def modal_errors(data: dict[str, Any] | None) -> list[str]:
    """What Discord would reject in a modal (a ``modal`` response)."""
    if not data:
        return ["modal without data"]
    errors: list[str] = []
    _too_long(errors, "modal title", data.get("title"), 45)
    if not data.get("title"):
        errors.append("modal without title")
    if not data.get("custom_id"):
        errors.append("modal without custom_id")
    components = data.get("components") or []
    if not components:
        errors.append("modal without components")
    errors += component_errors(components)
    return errors


def _option_errors(options: list[dict[str, Any]], where: str) -> list[str]:
    errors: list[str] = _unique_localized(options, where)
    if len(options) > 25:
        errors.append(f"{where}: {len(options)} options (max 25)")
    seen_optional = False
    for opt in options:
        name = opt.get("name", "")
        here = f"{where} {name}"
        if not _COMMAND_NAME.match(name) or name != name.lower():
            errors.append(f"{here}: invalid name")
        if not 1 <= len(opt.get("description") or "") <= 100:
            errors.append(f"{here}: description must be 1-100 characters")
        errors += _localization_errors(opt, here)
        for choice in opt.get("choices") or []:
            errors += _localization_errors(choice, f"{here} choice", named=False)
        if opt.get("type") in _SUBCOMMANDS:
            errors += _option_errors(opt.get("options") or [], here)
            continue
        if opt.get("required"):
            if seen_optional:
                errors.append(f"{here}: required option after an optional one")
        else:
            seen_optional = True
        if len(opt.get("choices") or []) > 25:
            errors.append(f"{here}: more than 25 choices")
    return errors


def command_errors(commands: list[dict[str, Any]]) -> list[str]:
    """What Discord would reject in a bulk command overwrite."""
    errors: list[str] = []
    if len(commands) > 100:
        errors.append(f"{len(commands)} commands (max 100)")
    keys = [(c.get("name"), c.get("type", _CHAT_INPUT)) for c in commands]
    if len(keys) != len(set(keys)):
        errors.append("duplicate command names")
    errors += _unique_localized(commands, "commands")
    for cmd in commands:
        name = cmd.get("name", "")
        if cmd.get("type", _CHAT_INPUT) == _CHAT_INPUT:
            if not _COMMAND_NAME.match(name) or name != name.lower():
                errors.append(f"/{name}: invalid name")
            if not 1 <= len(cmd.get("description") or "") <= 100:
                errors.append(f"/{name}: description must be 1-100 characters")
            errors += _localization_errors(cmd, f"/{name}")
            errors += _option_errors(cmd.get("options") or [], f"/{name}")
    return errors
