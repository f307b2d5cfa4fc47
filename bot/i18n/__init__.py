"""Speaking the person's language. The English text of every message is its gettext message id;
`t()` translates it into the language of the current context and fills its named placeholders
(`str.format` style). A missing or empty translation gives the English text.

The language is a context variable: the Discord side sets it from `interaction.locale` when an
interaction starts (each interaction runs in its own task, so it cannot leak into another), a
DM sent later sets it from the locale stored on the case, the CLI from `--lang` / `LANG`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bot.i18n.catalogues import translations
from bot.i18n.locales import ENGLISH, LANGUAGES, catalogue_name

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "catalogue_name",
    "current_language",
    "gettext",
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


def gettext(message: str, language: str | None = None) -> str:
    """`message` (English) in `language` (default: the current one), unfilled."""
    if not message:
        return message
    return translations(language or _language.get()).gettext(message)


def pgettext(context: str, message: str, language: str | None = None) -> str:
    """`message` with a gettext context (the command picker's names and descriptions)."""
    return str(translations(language or _language.get()).pgettext(context, message))


def t(message: str, /, **values: object) -> str:
    """`message` (English) in the current language, its `{named}` placeholders filled."""
    return gettext(message).format_map(values)
