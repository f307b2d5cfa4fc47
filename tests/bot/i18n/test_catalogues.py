"""The catalogues: up to date with the sources, complete for the finished languages, the same
placeholders as the English, within Discord's limits, command names Discord accepts."""

from __future__ import annotations

import string
import unicodedata
from functools import cache

import pytest
from babel.messages.catalog import Catalog

from bot.i18n.catalogues import SHIPPED, read_catalogue
from bot.i18n.extract import files, main
from bot.i18n.locales import LANGUAGES
from bot.i18n.sources import Message, all_messages


@cache
def _messages() -> dict[tuple[str | None, object], Message]:
    found: dict[tuple[str | None, object], Message] = {}
    for message in all_messages():
        key = (message.context, message.id)
        if key not in found or message.limit < found[key].limit:
            found[key] = message
    return found


@cache
def _catalogue(language: str) -> Catalog:
    return read_catalogue(language)


def _forms(string: object) -> tuple[str, ...]:
    """A translation's texts: one, or each plural form."""
    if isinstance(string, str):
        return (string,)
    assert isinstance(string, tuple | list), string
    return tuple(string)


def _translated(language: str) -> list[tuple[Message, str]]:
    """(message, translated text) of every translation, one per plural form."""
    messages = _messages()
    return [
        (messages[(m.context, m.id)], text)
        for m in _catalogue(language)
        if m.id and not m.fuzzy and (m.context, m.id) in messages
        for text in _forms(m.string)
        if text
    ]


def _english(message: Message) -> tuple[str, ...]:
    """The English text, or both English forms of a plural message."""
    return _forms(message.id)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _required() -> list[str]:
    """The shipped languages, and any other a translator has started (no half catalogue)."""
    started = [lang for lang in LANGUAGES if any(m.id and m.string for m in _catalogue(lang))]
    return sorted(set(SHIPPED) | set(started))


def test_catalogues_are_up_to_date(tmp_path):
    """`python -m bot.i18n.extract --check` passes: the .pot and every .po hold exactly the
    messages of the tables, the knowledge file and the slash commands."""
    assert main(["--check"]) == 0
    assert len(files(tmp_path)) == len(LANGUAGES) + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_missing_or_unused_message(language):
    ids = {(m.context, m.id) for m in _catalogue(language) if m.id}
    assert ids == set(_messages())


def test_shipped_languages_are_complete():
    assert {"en", "es"} <= set(SHIPPED) <= set(LANGUAGES)
    for language in _required():
        missing = [
            m.id for m in _catalogue(language) if m.id and (not all(_forms(m.string)) or m.fuzzy)
        ]
        assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language):
    for message, text in _translated(language):
        # a plural message's forms all have the English plural's placeholders
        assert _fields(text) == _fields(_english(message)[-1]), (language, message.id, text)
        text.format_map({name: 1 for name in _fields(text)})  # well-formed braces


@pytest.mark.parametrize("language", LANGUAGES)
def test_discord_length_limits_hold(language):
    """Each message within the tightest limit of where it is shown (embed title 256, field 1024,
    button 80, option 100, modal title 45, command description 100, ...; the tables' limits
    leave room for what fills the placeholders)."""
    english = [(m, text) for m in _messages().values() for text in _english(m)]
    for message, text in english + _translated(language):
        assert len(text) <= message.limit, (language, message.where, text)


def _name_ok(name: str) -> bool:
    # Discord docs, Application Command Naming: ^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$,
    # lower case where the script has it.
    return (
        1 <= len(name) <= 32
        and name == name.lower()
        and all(
            c.isalnum() or c in "-_" or unicodedata.name(c, "").startswith(("DEVANAGARI", "THAI"))
            for c in name
        )
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_command_names_follow_discords_rule(language):
    for message, text in _translated(language):
        if message.context in ("command_name", "group_name", "parameter_name"):
            assert _name_ok(text), (language, message.id, text)


def test_the_name_rule_itself():
    assert _name_ok("revisar-cuenta") and _name_ok("estadísticas") and _name_ok("जाँच")
    assert not _name_ok("Revisar") and not _name_ok("two words") and not _name_ok("x" * 33)


def test_the_email_itself_is_not_translated():
    """Subject, opening and closing of the draft go to Hugging Face staff: never in a catalogue."""
    from bot.appeal.wording import STAGES

    ids = {text for _, message in _messages() for text in _forms(message)}
    for stage in STAGES.values():
        assert stage.subject not in ids and stage.closing not in ids
        assert not set(stage.opening.values()) & ids
