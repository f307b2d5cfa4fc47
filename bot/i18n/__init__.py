"""Speaking the person's language. The English text of every message is its gettext message id;
`t()` translates it into the language of the current context and fills its named placeholders
(`str.format` style; numbers as the language writes them, `bot.i18n.numbers`). A missing or
empty translation gives the English text.

The language is a context variable: the Discord side sets it from `interaction.locale` when an
interaction starts (each interaction runs in its own task, so it cannot leak into another), a
DM sent later sets it from the locale stored on the case, the CLI from `--lang` / `LANG`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import NamedTuple

from bot.i18n.catalogues import translations
from bot.i18n.locales import ENGLISH, catalogue_name
from bot.i18n.numbers import format_items, format_number, shown_values

__all__ = [
    "Plural",
    "current_language",
    "english",
    "gettext",
    "listing",
    "ngettext",
    "nt",
    "number",
    "pgettext",
    "set_language",
    "t",
    "use_language",
]

_language: ContextVar[str] = ContextVar("hfsb_language", default=ENGLISH)


def current_language() -> str:
    """The catalogue name of the current context (`en`, `es`, `pt_BR`, ...)."""
    return _language.get()


def set_language(locale: str | None) -> str:
    """Speak `locale` (a Discord or POSIX locale) from here on in this context; returns the
    catalogue chosen."""
    name = catalogue_name(locale)
    _language.set(name)
    return name


@contextmanager
def use_language(locale: str | None) -> Iterator[str]:
    """Speak `locale` inside the block (a DM sent later, in the case's language)."""
    token = _language.set(catalogue_name(locale))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


# A slash-command mention in a message: `/name` and the subcommand words after it.
_MENTION = re.compile(r"(?<![\w/])/([a-z][a-z0-9_-]*(?: [a-z][a-z0-9_-]*)*)")
_NAME_CONTEXTS = ("group_name", "command_name")


def gettext(message: str, language: str | None = None) -> str:
    """`message` (English) in `language` (default: the current one), unfilled. Slash-command
    mentions in it (`/appeal`, `/mycase show`) name the commands as the command picker shows
    them in that language, so the text and the picker agree."""
    if not message:
        return message
    language = language or _language.get()
    text = translations(language).gettext(message)
    return text if language == ENGLISH else _MENTION.sub(lambda m: _mention(m, language), text)


def _mention(match: re.Match[str], language: str) -> str:
    """`/path` with each command or group name of the path translated; the words after the
    path (ordinary text) are left as they are."""
    words = match.group(1).split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        translated = _command_word(word, language)
        if translated is None:
            return "/" + " ".join(out + words[i:])
        out.append(translated)
    return "/" + " ".join(out)


def _command_word(word: str, language: str) -> str | None:
    """The picker's name of a command or group in `language`, None when `word` is not one."""
    catalogue = translations(ENGLISH if language == ENGLISH else language)
    for context in _NAME_CONTEXTS:
        translated = str(catalogue.pgettext(context, word))
        if translated != word or _is_command_name(context, word):
            return translated
    return None


@cache
def _is_command_name(context: str, word: str) -> bool:
    """Whether the English catalogue has `word` as a command or group name."""
    return (context, word) in _command_names()


@cache
def _command_names() -> frozenset[tuple[str, str]]:
    from bot.i18n.catalogues import read_template

    return frozenset(
        (str(m.context), str(m.id))
        for m in read_template()
        if m.context in _NAME_CONTEXTS and isinstance(m.id, str)
    )


class Plural(NamedTuple):
    """A message whose wording depends on a number: its English singular and plural (the
    gettext `msgid` and `msgid_plural`); each language has as many forms as its grammar needs."""

    one: str
    many: str


_DAYS = Plural("{count} day", "{count} days")
UNITS: dict[str, Plural] = {
    "days": _DAYS,
    "waited": _DAYS,
    "median_days": _DAYS,
    "cases": Plural("{count} case", "{count} cases"),
    "events": Plural("{count} event", "{count} events"),
    "new_cases": Plural("{count} new case", "{count} new cases"),
}
"""Placeholders that hold a quantity, filled with a whole phrase in the language's plural form:
`{days}` given 7 reads "7 days", "7 дней", "7 gün"; a message says "wait {days}", never
"{days} days"."""


def ngettext(plural: Plural, count: int, language: str | None = None) -> str:
    """The form of `plural` for `count` in `language` (default: the current one), unfilled,
    with slash-command mentions named as in `gettext`."""
    language = language or _language.get()
    text = translations(language).ngettext(plural.one, plural.many, count)
    return text if language == ENGLISH else _MENTION.sub(lambda m: _mention(m, language), text)


def nt(plural: Plural, count: int, /, **values: object) -> str:
    """The form of `plural` for `count` in the current language, its placeholders filled
    (`{count}` is `count` unless given)."""
    return _fill(ngettext(plural, count), {"count": count, **values})


def pgettext(context: str, message: str, language: str | None = None) -> str:
    """`message` with a gettext context (the command picker's names and descriptions)."""
    return str(translations(language or _language.get()).pgettext(context, message))


def t(message: str, /, **values: object) -> str:
    """`message` (English) in the current language, its `{named}` placeholders filled (numbers
    as the language writes them, `UNITS` as whole phrases)."""
    return _fill(gettext(message), values)


def _fill(template: str, values: dict[str, object]) -> str:
    """`template` filled; a value that ends a sentence itself ("5 января 2026 г.") takes the
    place of the full stop after it, so a sentence never ends "г.."."""
    shown = _shown(values)
    for key, value in shown.items():
        if isinstance(value, str) and value.endswith("."):
            template = template.replace(f"{{{key}}}.", f"{{{key}}}")
    return template.format_map(shown)


def _shown(values: dict[str, object]) -> dict[str, object]:
    """Placeholder values as shown in the current language: numbers in its format, quantities
    (`UNITS`) as whole phrases."""
    language = _language.get()
    shown = shown_values(values, language)
    for key, plural in UNITS.items():
        value = values.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            shown[key] = ngettext(plural, value, language).format(count=shown[key])
    return shown


def english(message: str, /, **values: object) -> str:
    """`message` filled as `t()` fills it, in English whatever the context (logs, `str()` of
    errors, the email)."""
    with use_language(ENGLISH):
        return t(message, **values)


def number(value: int | float) -> str:
    """`value` as the current language writes numbers ("1,500", "1.500", "1 500")."""
    return format_number(value, _language.get())


def listing(values: list[str] | tuple[str, ...], *, alternatives: bool = False) -> str:
    """A list as the current language writes it ("a, b and c"; "a、b和c"); `alternatives`:
    "a, b or c"."""
    return format_items(values, _language.get(), alternatives=alternatives)
