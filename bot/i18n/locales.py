"""Which catalogue serves a language: Discord's locale codes (`es-ES`, `pt-BR`, `zh-CN`) and
POSIX ones (`LANG=de_DE.UTF-8`) both map to one of `LANGUAGES`; anything else is English."""

from __future__ import annotations

from typing import Final

ENGLISH: Final = "en"
LANGUAGES: Final[tuple[str, ...]] = (
    "en", "es", "pt_BR", "fr", "de", "zh_CN", "ja", "ko", "ru", "hi", "id", "tr",
)  # fmt: skip
"""Every catalogue under `data/locales/` (a folder each), English first."""

# Regional variants without a catalogue of their own (Discord's `es-419`, `pt-PT`, `zh-TW`...)
# use the language's catalogue; Traditional Chinese readers are better served by English than
# by Simplified characters, so `zh-TW` stays English.
_NOT_SHARED: Final = frozenset({"zh_TW", "zh_HK"})


def catalogue_name(locale: str | None) -> str:
    """The catalogue for a Discord or POSIX locale: exact match (`pt-BR` → `pt_BR`), else the
    language (`es-419` → `es`, `fr-CA` → `fr`), else English (`C`, `POSIX`, unknown, None)."""
    if not locale:
        return ENGLISH
    code = locale.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _, region = code.partition("_")
    exact = f"{language.lower()}_{region.upper()}" if region else language.lower()
    if exact in LANGUAGES:
        return exact
    if exact in _NOT_SHARED:
        return ENGLISH
    for name in LANGUAGES:
        if name.split("_", 1)[0] == language.lower():
            return name
    return ENGLISH
