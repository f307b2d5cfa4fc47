"""The command picker in the person's language: discord.py asks this translator for every
command name, description, option and choice, per Discord locale, when it syncs the tree
(`name_localizations` / `description_localizations`). The catalogues hold them under a gettext
context naming what they are (`command_name`, `parameter_description`, ...)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import pgettext
from bot.i18n.locales import ENGLISH, catalogue_name

NAME_LOCATIONS = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
    }
)



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
