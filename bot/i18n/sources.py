"""Where the messages come from, for the extraction script and the catalogue tests: the wording
tables (`bot.i18n.tables`, with where each is shown and Discord's length limit there), the
knowledge file's text people read, and the slash commands' names and descriptions (read from the
Discord side). Only what people read is listed: the email draft itself (subject, opening, closing, body) stays
English and is not here."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from bot.i18n import Plural
from bot.i18n.tables import COMMAND_DESCRIPTION, COMMAND_NAME, FIELD_NAME, OPTION, TABLES
from bot.knowledge import Knowledge, load_knowledge


@dataclass(frozen=True)
class Message:
    """One message to translate: its English text (the id; a plural message's is its singular
    and plural, as gettext's `msgid` and `msgid_plural`), an optional gettext context, where it
    is shown and the tightest Discord limit it must fit."""

    id: str | tuple[str, str]
    where: str
    limit: int
    context: str | None = None


def _walk(
    value: Any, limit: int, only: tuple[str, ...], limits: dict[str, int]
) -> Iterator[tuple[str | tuple[str, str], int]]:
    if isinstance(value, str):
        yield value, limit
    elif isinstance(value, Plural):
        yield (value.one, value.many), limit
    elif isinstance(value, dict):
        for key, item in value.items():
            if not only or key in only:
                yield from _walk(item, limits.get(str(key), limit), (), limits)
            elif is_dataclass(item):  # a table of records: `only` names the records' fields
                yield from _walk(item, limit, only, limits)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _walk(item, limit, (), limits)
    elif is_dataclass(value):
        for f in fields(value):
            if not only or f.name in only:
                yield from _walk(getattr(value, f.name), limit, (), limits)


def table_messages() -> Iterator[Message]:
    """Every message of the wording tables."""
    for table in TABLES:
        module, _, attribute = table.path.partition(":")
        value = getattr(importlib.import_module(module), attribute)
        for text, limit in _walk(value, table.limit, table.only, table.limits):
            yield Message(text, f"{table.path}: {table.where}", limit)


def knowledge_messages(knowledge: Knowledge | None = None) -> Iterator[Message]:
    """The knowledge file's text that people read (never the email's fragments)."""
    k = knowledge or load_knowledge()
    where = "data/knowledge.toml"
    yield Message(k.contact.send_from, f"{where} contact.send_from: the draft's checklist", 500)
    yield Message(k.contact.named_address, f"{where} contact.named_address: why this address", 500)
    for route in k.contact.routes:
        yield Message(route.use_when, f"{where} routes.{route.id}.use_when: why this address", 500)
    yield Message(k.policy.section, f"{where} policy.section: /precedents field name", 150)
    for theme in k.policy.themes:
        yield Message(theme, f"{where} policy.themes: /precedents", 150)
    yield Message(k.policy.note, f"{where} policy.note: /precedents and the checklist", 500)
    for signal in k.signals:
        yield Message(signal.label, f"{where} signals.{signal.id}.label: select option", OPTION)
    for p in k.precedents:
        yield Message(p.title, f"{where} precedents.title: /precedents field name", FIELD_NAME)
        yield Message(p.what_happened, f"{where} precedents.what_happened: /precedents", 500)
        yield Message(p.why_it_matters, f"{where} precedents.why_it_matters: /precedents", 300)
    for advice in k.advice:
        yield Message(advice.text, f"{where} advice.{advice.id}: /precedents, /mycase", 300)
    for r in k.recovery:
        yield Message(r.case, f"{where} recovery.{r.id}.case: /backup", 100)
        yield Message(r.expectation, f"{where} recovery.{r.id}.expectation: /backup", 300)


_NAME_RULE = " (a name: lower case, no spaces; letters, digits, - and _ only)"


def command_messages() -> list[Message]:
    """The slash commands' names, descriptions, options and choices, with the gettext context
    discord.py's translator gives each (`command_name`, `parameter_description`, ...)."""
    from cogs.runtime.command_text import command_strings  # the Discord side; imported only here

    limits = {"name": COMMAND_NAME, "description": COMMAND_DESCRIPTION}
    return [
        Message(
            text,
            f"slash command picker: {where}{_NAME_RULE if kind == 'name' else ''}",
            limits[kind],
            context=context,
        )
        for text, context, kind, where in command_strings()
    ]


def all_messages() -> list[Message]:
    """Every message, in a stable order."""
    return [*table_messages(), *knowledge_messages(), *command_messages()]
