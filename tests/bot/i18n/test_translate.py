"""Choosing the language and translating: Discord and POSIX locales, fallbacks to English."""

from __future__ import annotations

import asyncio

import pytest

from bot.i18n import Plural, current_language, gettext, ngettext, nt, t, use_language
from bot.i18n.catalogues import compile_catalogue, read_catalogue
from bot.i18n.locales import ENGLISH, catalogue_name
from bot.reminders.wording import WORDS


@pytest.mark.parametrize(
    ("locale", "catalogue"),
    [
        ("en-US", "en"), ("en-GB", "en"), ("es-ES", "es"), ("es-419", "es"), ("pt-BR", "pt_BR"),
        ("fr", "fr"), ("de", "de"), ("zh-CN", "zh_CN"), ("zh-TW", "en"), ("ja", "ja"),
        ("ko", "ko"), ("ru", "ru"), ("hi", "hi"), ("id", "id"), ("tr", "tr"), ("sv-SE", "en"),
        ("de_DE.UTF-8", "de"), ("pt_BR.UTF-8", "pt_BR"), ("C.UTF-8", "en"), ("POSIX", "en"),
        ("", "en"), (None, "en"),
    ],
)  # fmt: skip
def test_locale_to_catalogue(locale, catalogue):
    assert catalogue_name(locale) == catalogue


def test_spanish_with_placeholders_filled():
    with use_language("es-ES"):
        text = t(WORDS["moved"], ref="#4", due="2026-03-01")
    assert text == "El recordatorio del caso #4 ahora es el 2026-03-01."
    assert current_language() == ENGLISH  # the block restored the language


def test_a_missing_message_falls_back_to_english():
    with use_language("es"):
        assert t("A sentence no catalogue has, {n}.", n=3) == "A sentence no catalogue has, 3."


def test_an_empty_or_fuzzy_translation_falls_back_to_english_never_to_an_id():
    catalog = read_catalogue("es")
    emptied, fuzzy = WORDS["cancelled"], WORDS["no_reminder"]
    catalog[emptied].string = ""
    catalog[fuzzy].flags.add("fuzzy")
    compiled = compile_catalogue(catalog)
    assert compiled.gettext(emptied) == emptied and compiled.gettext(fuzzy) == fuzzy
    assert compiled.gettext(WORDS["moved"]) != WORDS["moved"]  # the others still Spanish


def test_a_language_without_translations_speaks_english():
    """A catalogue not yet translated (empty msgstr everywhere) gives the English text."""
    catalog = read_catalogue("es")
    for message in catalog:
        if message.id:
            message.string = ""
    assert compile_catalogue(catalog).gettext(WORDS["moved"]) == WORDS["moved"]


async def test_each_task_keeps_its_own_language():
    """Two interactions at once, each in its own task (as discord.py runs them)."""

    async def speak(locale: str) -> str:
        with use_language(locale):
            await asyncio.sleep(0)
            return gettext(WORDS["field"])

    spanish, english = await asyncio.gather(speak("es-ES"), speak("en-US"))
    assert (spanish, english) == ("Recordatorios", "Reminders")


def test_command_mentions_name_the_commands_as_the_picker_shows_them():
    """A translator may keep `/appeal` in English; the text then shows the localised name, the
    one the person sees in the command picker (and subcommands with it)."""
    from bot.i18n import pgettext

    for language in ("fr", "de", "ja"):
        appeal = pgettext("command_name", "appeal", language)
        group = pgettext("group_name", "mycase", language)
        show = pgettext("command_name", "show", language)
        assert appeal != "appeal" and group != "mycase"
        message = "Run /appeal again, or see `/mycase show` for the rest."
        assert gettext(message, language) == (
            f"Run /{appeal} again, or see `/{group} {show}` for the rest."
        )
    # English is left alone; a slash that is not a command, and ordinary words after a command
    assert gettext("Run /appeal, see /mycase show.", ENGLISH) == "Run /appeal, see /mycase show."
    assert gettext("and/or /nothing-here", "fr") == "and/or /nothing-here"


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("ru", {1: "1 модель", 2: "2 модели", 5: "5 моделей", 11: "11 моделей", 21: "21 модель",
                22: "22 модели"}),
        ("fr", {0: "0 modèle", 1: "1 modèle", 2: "2 modèles"}),
        ("de", {1: "1 Modell", 2: "2 Modelle"}),
        ("ja", {1: "モデル1件", 7: "モデル7件"}),
        ("en", {1: "1 model", 0: "0 models", 3: "3 models"}),
    ],
)  # fmt: skip
def test_plural_forms_follow_each_languages_rule(language, counts):
    from bot.check.wording import COUNTS

    with use_language(language):
        assert {n: nt(COUNTS["model"], n) for n in counts} == counts


def test_a_plural_fills_a_count_given_as_text_and_falls_back_to_english():
    from bot.check.wording import COUNTS

    with use_language("ru"):
        assert nt(COUNTS["model"], 1000, count="1000+") == "1000+ моделей"
        assert nt(Plural("{count} thing", "{count} things"), 2) == "2 things"  # in no catalogue
    assert ngettext(COUNTS["model"], 1, "es") == "{count} modelo"
