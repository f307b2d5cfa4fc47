"""Loading the gettext catalogues (`data/locales/<lang>/LC_MESSAGES/messages.po`) with Babel:
each is read and compiled in memory the first time a language is asked for, then kept.
Untranslated (empty) and fuzzy messages are left out, so they fall back to English."""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.i18n.locales import ENGLISH
from bot.paths import data_file

DOMAIN = "messages"
SHIPPED = ("en", "es", "pt_BR", "fr", "de", "zh_CN", "ja", "ru", "ko", "id", "hi", "tr")
"""Languages whose catalogue is finished: the tests require them complete. A translator adds
theirs here with the finished `.po`."""


def locales_dir() -> Path:
    """`data/locales` in a checkout, `bot/_data/locales` in an installed wheel."""
    return data_file("locales/messages.pot").parent


def po_path(language: str) -> Path:
    """The `.po` source of one language."""
    return locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_template() -> Catalog:
    """The parsed `messages.pot`: every message id, English."""
    with (locales_dir() / f"{DOMAIN}.pot").open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def read_catalogue(language: str) -> Catalog:
    """The parsed `.po` of `language` (FileNotFoundError when there is none)."""
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def catalogues_digest() -> str:
    """A digest of every `.po` (a changed translation must reach the command picker)."""
    digest = hashlib.sha256()
    for path in sorted(locales_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        digest.update(path.parent.parent.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language`; English (and a language without a `.po`) needs
    none: the English text is the message id."""
    if language == ENGLISH or not po_path(language).is_file():
        return NullTranslations()
    return compile_catalogue(read_catalogue(language))


def compile_catalogue(catalog: Catalog) -> Translations:
    """A parsed catalogue compiled in memory (Babel's `write_mo` leaves out empty and fuzzy
    translations, so those fall back to the English message id)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
