"""Everything an appeal says, in one place: the wording of each stage (subject, opening,
closing, why this address, next step, checklist extras), the checklist and warnings every draft
shares, and the plain-text email body built from them.

Templates name their placeholders in braces; `bot.appeal.routing` picks the stage and fills
them, `bot.appeal.draft.draft_appeal` fills the shared lines, and `compose_body` lays the email
out from text that is already cleaned and truncated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.appeal.stages import Sent, Stage

PLACEHOLDER = "[FILL IN:"
"""Start of every placeholder the person must replace (or delete) before sending."""

EMAIL_PLACEHOLDER = f"{PLACEHOLDER} the email address registered on this account]"
LOCK_PLACEHOLDER = f"{PLACEHOLDER} the exact lock message, or attach a screenshot of it]"
LINKS_PLACEHOLDER = f"{PLACEHOLDER} links to the affected Spaces or repos, or write none]"
ACTIVITY_PLACEHOLDER = f"{PLACEHOLDER} your activity in the days before the lock]"
ARGUMENTS_PLACEHOLDER = f"{PLACEHOLDER} why the decision should be reviewed, and your evidence]"


@dataclass(frozen=True)
class StageWording:
    """What one stage's draft says. `opening`, `why` and `next_step` map a case of the stage
    (chosen by the routing) to its template; `checklist` lines come on top of the shared ones."""

    subject: str
    opening: Mapping[str, str]
    closing: str
    why: Mapping[str, str]
    next_step: Mapping[str, str]
    checklist: tuple[str, ...] = ()


_LOCKED = (
    "My Hugging Face account {account} seems to be locked. I do not know what caused it, and "
    "I would be grateful if someone could look at it."
)
_FOLLOW_UP_OPENING = {
    "same-address": _LOCKED
    + " I am following up on my earlier email, which has not been answered yet.",
    "new-address": _LOCKED
    + " I have written before (see below) without a reply so far, so I am also writing to this "
    "address, since it may be the one that handles account, login and internal-alert reviews.",
}
_CLOSING = (
    "If I broke a rule, it was not on purpose, and I am sorry. Please tell me which things to "
    "remove, disable or change, and I will take care of it. I would be grateful to have the "
    "account restored. If that is not an option, is there a way to get temporary access or an "
    "export of my data?"
)
_SAME_THREAD = (
    "If there is no reply by {reply_by}, reply once in the same thread; please do not open "
    "new tickets."
)
_FOLLOW_UP_SUBJECT = "Follow-up: review request for locked account {account}"
_SEND_LATER = "If no reply has come by then, send this draft to {to} from your registered address."

STAGES: dict[Stage, StageWording] = {
    "first": StageWording(
        subject="Review request for locked account: {account}",
        opening={"usual": _LOCKED},
        closing=_CLOSING,
        why={
            "named": "{named_address} Here that is {to}.",
            "usual": "{to}: {use_when} If the lock screen or a safety review points to "
            "{safety}, send it there instead.",
        },
        next_step={
            "then-follow-up": "If there is no reply by {reply_by}, send one short follow-up to "
            "{follow_up} from the same address.",
            "same-thread": _SAME_THREAD,
        },
    ),
    "wait": StageWording(
        subject=_FOLLOW_UP_SUBJECT,
        opening=_FOLLOW_UP_OPENING,
        closing=_CLOSING,
        why={
            "dated": "You wrote to {last_address} on {sent}, {waited} ago. Give it "
            "{days} before following up; this draft is the follow-up for {to}.",
            "recent": "You wrote to {last_address} less than {days} ago. Give it {days} "
            "before following up; this draft is the follow-up for {to}.",
        },
        next_step={
            "dated": "Wait until {send_after}. " + _SEND_LATER,
            "recent": "Wait until {send_after}: that is {days} from today, because the day "
            "of your earlier email was not given (if you know it, {days} after it is "
            "enough). " + _SEND_LATER,
        },
        checklist=("Do not send it before {send_after}.",),
    ),
    "follow-up": StageWording(
        subject=_FOLLOW_UP_SUBJECT,
        opening=_FOLLOW_UP_OPENING,
        closing=_CLOSING,
        why={
            "same-address": "Your earlier email has had no reply for {days} or more, so "
            "follow up once more, in the same thread, with {to}. {use_when}",
            "new-address": "Your earlier email has had no reply for {days} or more, so "
            "follow up with {to}. {use_when}",
        },
        next_step={"same-thread": _SAME_THREAD},
    ),
    "formal": StageWording(
        subject="Contesting a moderation decision: account {account}",
        opening={
            "usual": "My Hugging Face account {account} seems to be locked. I would like to "
            "formally contest this moderation decision, as the Hugging Face Content Policy "
            "({policy_url}) allows."
        },
        closing="If something needs to be removed, disabled or changed, please tell me which "
        "things and I will take care of it. I am asking for the account to be restored. If "
        "that is not an option, is there a way to get temporary access or an export of my data?",
        why={
            "usual": "You want to contest a moderation decision formally: the Content Policy "
            "({policy_url}) names {to} for that, with your arguments and evidence."
        },
        next_step={
            "usual": "Allow {days}. If nothing has come by {reply_by}, reply once in the "
            "same thread rather than writing again from scratch."
        },
        checklist=(
            "Add your arguments and the evidence you have: the Content Policy asks for both.",
        ),
    ),
}
"""The wording of each stage."""

CHECKLIST = {
    "send-from": "{send_from} Put that address in the Registered email line (the bot never "
    "asks for it).",
    "attach-lock": "Attach a screenshot of the lock message.",
    "paste-lock": "Paste the exact lock message into the draft, or attach a screenshot of it.",
    "placeholders": "Fill in or delete every line marked {placeholder} …] before sending.",
    "policy": 'What you ticked may look like what the Content Policy calls "{section}". {note}',
    "send-once": "Send it once, then allow {days} for a reply. {one_ticket}",
}
"""Checklist lines every stage may use, in the order they are shown; `send_from`, `note` and
`one_ticket` are the knowledge file's words."""

WARNINGS = {
    "cut": "{what} was longer than {limit} characters and was cut; the draft marks where.",
    "future": "The date given for {address} is after today; it was read as today.",
    "undated": "No date was given for the email to {address}: if it was sent less than {days} "
    "ago, wait until then before sending this follow-up.",
}
"""Notes about the input, shown next to the draft."""

CUT_PARTS = {
    "lock": "The lock message",
    "activity": "The activity description",
    "summary": "The account summary",
}
"""What a "cut" warning names."""

FIELD_LABELS = {
    "account": "account",
    "lock_message": "lock message",
    "links": "link",
    "activity": "activity",
    "signals": "signal",
    "contacted": "contacted",
}
"""The appeal input's fields as an error names them."""

FORM_ERRORS = {
    "field": "{field}: {problem}",
    "numbered": "link {number}",
    "input": "input",
    "link_too_long": "{shown} is too long; paste one full address per link",
    "link_not_single": "{shown} is not a single link; paste one full address per link",
    "link_invalid": "{shown} is not a valid link",
    "link_not_link": "{shown} is not a link; paste a full address such as "
    "https://huggingface.co/spaces/NAME/SPACE",
    "too_many_links": "at most {count} links, please: keep the most relevant ones",
    "unknown_signal": "unknown signal {signal}; choose from: {known}",
    "no_such_signal": "unknown signal {signal}",
    "contact_date": "when {key} was emailed must be a date (YYYY-MM-DD), {choices}, not {sent}",
    "contact_unknown": "{key} is not an email address or one of {ids}",
}
"""Why the appeal form's input was refused (`AppealInputError`), "field: problem"; the values
are what the person typed (quoted) or fixed names."""

_SENT = {
    "dated": "on {sent}",
    "undated": "(date not noted)",
    "recent": "less than {days} days ago",
    "old": "{days} or more days ago",
}
"""When an earlier email was sent, as the body says it: only what the person told us."""


def compose_body(
    *,
    account: str,
    opening: str,
    closing: str,
    formal: bool,
    lock_message: str,
    links: Sequence[str],
    activity: str,
    fragments: Sequence[str],
    summary: str,
    contacts: Sequence[tuple[str, Sent]],
    days: int,
) -> str:
    """The email body; `opening` and `closing` come filled in from `STAGES`."""
    parts = ["Hello Hugging Face team,", opening]
    parts.append(
        "Account\n"
        f"- Username: {account}\n"
        f"- Registered email: {EMAIL_PLACEHOLDER}\n"
        + (
            f"- Lock message:\n{_quoted(lock_message)}"
            if lock_message
            else f"- Lock message: {LOCK_PLACEHOLDER}"
        )
    )
    parts.append("Affected Spaces and repos\n" + _bullets(list(links) or [LINKS_PLACEHOLDER]))
    activity_lines = ([activity] if activity else []) + list(fragments)
    parts.append(
        "Recent activity before the lock\n" + _bullets(activity_lines or [ACTIVITY_PLACEHOLDER])
    )
    if summary:
        parts.append("Still publicly visible\n" + _bullets([summary]))
    if contacts:
        parts.append(
            "Earlier emails about this\n"
            + _bullets([contact_line(a, s, days) for a, s in contacts])
        )
    if formal:
        parts.append("Why I am asking for a review\n" + _bullets([ARGUMENTS_PLACEHOLDER]))
    parts.append(closing)
    parts.append(f"Thank you for your time,\n{account}")
    return "\n\n".join(parts) + "\n"


def contact_line(address: str, sent: Sent, days: int) -> str:
    """One earlier email, as the person told us about it."""
    if isinstance(sent, date):
        when = _SENT["dated"].format(sent=sent.isoformat())
    else:
        when = _SENT[sent or "undated"].format(days=days)
    return f"{address} {when}, no reply so far"


def _quoted(text: str) -> str:
    return "\n".join(f"  > {line}" if line else "  >" for line in text.split("\n"))


def _bullets(items: Sequence[str]) -> str:
    """`- item` lines; continuation lines of a multi-line item are indented under it."""
    lines = ("- " + item.replace("\n", "\n  ") for item in items)
    return "\n".join(line.rstrip() for line in "\n".join(lines).split("\n"))
