"""The wording tables people read, each with where it is shown and the tightest Discord limit
there. A table entry names a module attribute: a string or a `Plural`, or a dict / tuple /
`StageWording` of them. A new wording table is registered here."""

from __future__ import annotations

from dataclasses import dataclass, field

CONTENT, EMBED_TITLE, DESCRIPTION, FIELD_NAME, FIELD_VALUE = 2000, 256, 4096, 256, 1024
BUTTON, OPTION, MODAL_TITLE, INPUT_LABEL, PLACEHOLDER = 80, 100, 45, 45, 100
COMMAND_NAME, COMMAND_DESCRIPTION = 32, 100


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
    Table("bot.check.wording:ABOUT_MINUTES", "a rough wait inside the queue messages", 40),
    Table("bot.i18n:UNITS", "a quantity inside a sentence (days, cases, events)", 60),
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
    Table("bot.conversations.wording:TRANSCRIPT", "a case transcript, HTML page (moderators)", 400),
    Table(
        "bot.conversations.wording:CONVERSATION",
        "DM conversations: the person's DMs, buttons, and moderators' thread posts",
        CONTENT,
        limits={k: BUTTON for k in ("check_button", "backup_button", "draft_button",
                                    "talk_button", "end_button", "reply_button")}
        | {"reply_title": MODAL_TITLE, "reply_label": INPUT_LABEL, "sign_label": INPUT_LABEL,
           "sign_anonymous": OPTION - 40, "sign_me": OPTION - 40},
    ),
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
