"""The language a DM to the bot is answered in: the one the person chose there, else the one of
their last case (their Discord client's, recorded by every command), else English."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db import Database
from bot.i18n.locales import LANGUAGES

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "pt_BR": "Português (Brasil)",
    "fr": "Français",
    "de": "Deutsch",
    "zh_CN": "中文（简体）",
    "ja": "日本語",
    "ko": "한국어",
    "ru": "Русский",
    "hi": "हिन्दी",
    "id": "Bahasa Indonesia",
    "tr": "Türkçe",
}
"""Each catalogue's language in its own words (the picker shows them as they are)."""


async def stored_language(db: Database, user_id: int) -> str | None:
    """The person's chosen language, else their last case's; None when neither is known."""
    row = await db.fetchone(
        "SELECT locale FROM person_prefs WHERE discord_user_id = ? AND locale IS NOT NULL",
        (user_id,),
    )
    if row is not None:
        return str(row["locale"])
    row = await db.fetchone(
        "SELECT locale FROM cases WHERE discord_user_id = ? AND locale IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        (user_id,),
    )
    return None if row is None else str(row["locale"])


async def remember_language(db: Database, user_id: int, language: str) -> None:
    """Keep the language the person picked (one of `LANGUAGES`); erased by forget."""
    if language not in LANGUAGES:
        raise ValueError(f"not a catalogue: {language!r}")
    async with db.write() as conn:
        await conn.execute(
            "INSERT INTO person_prefs (discord_user_id, locale, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (discord_user_id) DO UPDATE SET locale = excluded.locale, "
            "updated_at = excluded.updated_at",
            (user_id, language, datetime.now(UTC).isoformat()),
        )
