"""The command picker in the person's language: discord.py asks this translator for every
command name, description, option and choice, per Discord locale, when it syncs the tree
(`name_localizations` / `description_localizations`). The catalogues hold them under a gettext
context naming what they are (`command_name`, `parameter_description`, ...)."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands

from bot.config import Settings
from bot.i18n import pgettext
from bot.i18n.locales import ENGLISH, catalogue_name

NAME_LOCATIONS = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
    }
)


_NAMES = frozenset(location.name for location in NAME_LOCATIONS)


class CatalogueTranslator(app_commands.Translator):
    """Names, descriptions and choices from the gettext catalogues; None (Discord shows the
    English default) when a language has no translation of a string."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        language = catalogue_name(locale.value)
        if language == ENGLISH:
            return None
        text = pgettext(context.location.name, string.message, language)
        return None if text == string.message else text


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
        from cogs import setup_cogs
        from cogs.client import SupportBot

        bot = SupportBot(Settings(_env_file=None), sync_on_start=False)
        await setup_cogs(bot)
        collector = _Collector()
        for command in bot.tree.get_commands():
            await command.get_translated_payload(bot.tree, collector)
        await bot.close()
        return [
            (text, location, "name" if location in _NAMES else "description", where)
            for (text, location), where in collector.found.items()
        ]

    return asyncio.run(collect())
