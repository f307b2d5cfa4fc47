"""Every string of the command tree (names, descriptions, choices), as discord.py hands them to a
translator: what `python -m bot.i18n.extract` puts in the catalogues for the command picker."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands

from bot.config import Settings
from cogs.runtime.client import SupportBot
from cogs.runtime.extensions import load_features
from cogs.runtime.translator import NAME_LOCATIONS

_NAMES = frozenset(location.name for location in NAME_LOCATIONS)


class _Collector(app_commands.Translator):
    """Notes every string discord.py would have translated, with its location."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], str] = {}

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        location = context.location
        data: Any = context.data
        where = getattr(data, "qualified_name", None) or getattr(data, "name", "")
        if isinstance(data, app_commands.Parameter):
            where = f"{data.command.qualified_name} {data.name}"
        self.found.setdefault((string.message, location.name), str(where))
        return None


def command_strings() -> list[tuple[str, str, str, str]]:
    """(text, gettext context, "name" or "description", which command) of every string of the
    command tree, as discord.py hands them to a translator."""

    async def collect() -> list[tuple[str, str, str, str]]:
        bot = SupportBot(Settings(_env_file=None), sync_on_start=False)
        await load_features(bot)
        collector = _Collector()
        for command in bot.tree.get_commands():
            await command.get_translated_payload(bot.tree, collector)
        await bot.close()
        return [
            (text, location, "name" if location in _NAMES else "description", where)
            for (text, location), where in collector.found.items()
        ]

    return asyncio.run(collect())
