"""Where the messages come from, for the extraction script and the catalogue tests: the wording
tables (with where each is shown and Discord's length limit there), the knowledge file's text
people read, and the slash commands' names and descriptions (read from the Discord side).

A table entry names a module attribute: a string or a `Plural`, or a dict / tuple /
`StageWording` of them.
Only what people read is listed: the email draft itself (subject, opening, closing, body) stays
English and is not here."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from bot.i18n import Plural
from bot.knowledge import Knowledge, load_knowledge

CONTENT, EMBED_TITLE, DESCRIPTION, FIELD_NAME, FIELD_VALUE = 2000, 256, 4096, 256, 1024
BUTTON, OPTION, MODAL_TITLE, INPUT_LABEL, PLACEHOLDER = 80, 100, 45, 45, 100
COMMAND_NAME, COMMAND_DESCRIPTION = 32, 100


@dataclass(frozen=True)
class Message:
    """One message to translate: its English text (the id; a plural message's is its singular
    and plural, as gettext's `msgid` and `msgid_plural`), an optional gettext context, where it
    is shown and the tightest Discord limit it must fit."""

    id: str | tuple[str, str]
    where: str
    limit: int
    context: str | None = None


@dataclass(frozen=True)
class Table:
    """A wording table: `module:attribute`, where it is shown, its limit, the keys to take
    (default all) and tighter limits for some keys."""

    path: str
    where: str
    limit: int = CONTENT
    only: tuple[str, ...] = ()
    limits: dict[str, int] = field(default_factory=dict)


TABLES: tuple[Table, ...] = (
    Table(
        "bot.appeal.wording:STAGES",
        "the draft's guidance (why this address, next step, checklist); embed field values",
        FIELD_VALUE,
        only=("why", "next_step", "checklist"),
    ),
    Table(
        "bot.appeal.wording:CHECKLIST", "the draft's checklist, an embed field value", FIELD_VALUE
    ),
    Table("bot.appeal.wording:CUT_PARTS", "inside the draft's cut-text note", 60),
    Table(
        "bot.appeal.wording:WARNINGS", "notes about the input, shown with the draft", FIELD_VALUE
    ),
    Table("bot.appeal.wording:FIELD_LABELS", "the appeal form's fields, in its errors", 40),
    Table(
        "bot.appeal.wording:FORM_ERRORS", "why the appeal form was refused, message content", 600
    ),
    Table("bot.accounts:REASONS", "why a text is not an account name, message content", 1500),
    Table(
        "bot.check.wording:VERDICT", "the check result's explanation, an embed description", 1000
    ),
    Table("bot.check.wording:VERDICT_COUNTS", "the check result's explanation, repo counts", 400),
    Table("bot.check.wording:PART_LIST", "a part of the check that failed, in a sentence", 60),
    Table("bot.check.wording:LINKED_NAME", "the repo a pasted link pointed to, in a sentence", 60),
    Table("bot.check.wording:COUNTS", "repo counts inside the check result's sentences", 60),
    Table("bot.check.wording:SPACE_STAGES", "a Space's stage, as its page says it", 40),
    Table("bot.hub.wording:TOKEN", "the bot's refused token: mod-log notice, CLI line", 600),
    Table(
        "bot.check.wording:COUNT_WORDS",
        "joining repo counts; a Space's state and error note (check result and repo list)",
        60,
    ),
    Table("bot.check.wording:QUEUED", "the check queue, message content"),
    Table("bot.check.wording:QUEUED_NO_DM", "the check queue when DMs fail, message content"),
    Table("bot.check.wording:ALREADY_QUEUED", "the check queue, message content"),
    Table("bot.check.wording:LATE_UNDELIVERED_TITLE", "/mycase show, an embed field name", 256),
    Table("bot.check.wording:LATE_UNDELIVERED", "/mycase show, an embed field value", FIELD_VALUE),
    Table("bot.check.wording:RESTARTING", "the check queue when the bot stops, message content"),
    Table("bot.check.wording:RESTARTED", "a DM after a restart dropped a waiting check"),
    Table("bot.check.wording:LATE_DM", "a DM with a check result that waited in the queue"),
    Table("bot.check.wording:MINUTES", "a rough wait inside the queue messages", 40),
    Table("bot.backup.plan:GATED_NEEDS", "the backup plan, an embed field value", 500),
    Table("bot.backup.plan:NOTES", "the backup plan's notes, an embed field value", FIELD_VALUE),
    Table("bot.check.repo_types:LABELS", "headings of the check result, embed field names", 64),
    Table(
        "bot.servers.wording:WORDING",
        "/case config, /mycase forget, case DMs",
        limits={
            "forget_button": BUTTON,
            "cancel_button": BUTTON,
            "dms_on_button": BUTTON,
            "dms_off_button": BUTTON,
        },
    ),
    Table(
        "bot.reminders.wording:WORDS",
        "follow-up reminders: DMs, buttons, answers",
        limits={
            "remind_button": BUTTON - 10,
            "sent_button": BUTTON,
            "cancel_button": BUTTON - 20,
            "move_button": BUTTON - 20,
            "field": FIELD_NAME,
            "next": 200,
            "mod_line": 200,
        },
    ),
    Table("bot.cases.wording:REFUSALS", "why a case could not be changed, in a sentence", 500),
    Table("bot.cases.wording:EVENT_LABELS", "/case view: a timeline entry's kind (moderators)", 40),
    Table("bot.cases.wording:EVENT_WORDS", "/case view: in a timeline entry (moderators)", 100),
    Table("bot.cases.wording:CHECK_EVENT", "/case view: a check in the timeline (moderators)", 100),
    Table("bot.reminders.wording:STATES", "/case view: a reminder's state (moderators)", 40),
    Table("bot.cases.models:STATUS_LABELS", "case statuses, in sentences and choices", 40),
    Table("bot.cases.outcomes:OUTCOME_LABELS", "case outcomes, in /case stats", 40),
    Table(
        "bot.cases.stats_report:WORDS",
        "/case stats and /precedents (moderators)",
        1000,
        only=(
            "title_server",
            "title_all",
            "as_of",
            "status",
            "open_age",
            "times",
            "no_times",
            "by_address",
            "address_item",
            "outcomes",
            "reminders",
            "per_day",
            "spread",
            "none",
            "local_title",
            "local",
        ),
        limits={"title_server": EMBED_TITLE, "title_all": EMBED_TITLE, "local_title": FIELD_NAME},
    ),
    # (the chart's labels stay English: its font has no CJK glyphs)
    Table("bot.waves.wording:TEXTS", "lock-wave alerts and /case wave (moderators)", 1000),
    Table(
        "cogs.ui.wording:CHECK",
        "/checkaccount: the result embed and its buttons",
        200,
        limits={
            "backup_button": BUTTON,
            "appeal_button": BUTTON,
            "invalid": CONTENT - 400,
            "cooldown": CONTENT,
            "title": EMBED_TITLE - 100,
        },
    ),
    Table(
        "cogs.ui.wording:BACKUP",
        "/backup: the plan embed",
        FIELD_NAME,
        limits={
            "some": DESCRIPTION,
            "none": DESCRIPTION,
            "title": EMBED_TITLE - 100,
        },
    ),
    Table(
        "cogs.ui.wording:APPEAL",
        "/appeal: the form and its step",
        CONTENT - 200,
        limits={
            "form_title": MODAL_TITLE,
            "account_label": INPUT_LABEL,
            "lock_label": INPUT_LABEL,
            "links_label": INPUT_LABEL,
            "activity_label": INPUT_LABEL,
            "account_placeholder": PLACEHOLDER,
            "signals_placeholder": PLACEHOLDER,
            "contacts_placeholder": PLACEHOLDER,
            "contact_recent": OPTION - 30,
            "contact_old": OPTION - 30,
            "retry_button": BUTTON,
            "formal_no": BUTTON,
            "formal_yes": BUTTON,
            "send_button": BUTTON,
        },
    ),
    Table(
        "cogs.ui.wording:DRAFT",
        "the DM with the draft: headings and embed",
        200,
        limits={
            "title": EMBED_TITLE - 100,
            "footer": 2048,
            "explain_title": FIELD_NAME,
        },
    ),
    Table(
        "cogs.ui.wording:MINE",
        "/mycase: the person's cases and buttons",
        CONTENT - 200,
        limits={
            "replied": BUTTON - 20,
            "restored": BUTTON - 20,
            "locked": BUTTON - 20,
            "erase_button": BUTTON,
            "title": EMBED_TITLE,
            "keep_up": FIELD_NAME,
            "keep_up_text": FIELD_VALUE,
            "updated": 60,
            "progress_button": BUTTON - 20,
        },
    ),
    Table(
        "cogs.ui.wording:CASES",
        "/case (moderators): embeds and answers",
        500,
        limits={
            "previous": BUTTON,
            "next": BUTTON,
            "title": EMBED_TITLE - 100,
        },
    ),
    Table(
        "cogs.ui.wording:PRECEDENTS",
        "/precedents: the embed",
        FIELD_NAME,
        limits={
            "intro": DESCRIPTION,
            "watched": FIELD_NAME - 60,
        },
    ),
    Table("cogs.ui.wording:ERRORS", "failures, refusals and expired steps; message content", CONTENT),
)


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
