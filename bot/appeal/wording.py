"""The wording of the appeal email: plain text, calm and short, with marked placeholders.

Used by `bot.appeal.draft.draft_appeal`, which has already cleaned and truncated every piece of text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

PLACEHOLDER = "[FILL IN:"
"""Start of every placeholder the person must replace (or delete) before sending."""

EMAIL_PLACEHOLDER = f"{PLACEHOLDER} the email address registered on this account]"
LOCK_PLACEHOLDER = f"{PLACEHOLDER} the exact lock message, or attach a screenshot of it]"
LINKS_PLACEHOLDER = f"{PLACEHOLDER} links to the affected Spaces or repos, or write none]"
ACTIVITY_PLACEHOLDER = f"{PLACEHOLDER} your activity in the days before the lock]"
ARGUMENTS_PLACEHOLDER = f"{PLACEHOLDER} why the decision should be reviewed, and your evidence]"

CLOSING = (
    "If I broke a rule, it was not on purpose, and I am sorry. Please tell me which things to "
    "remove, disable or change, and I will take care of it. I would be grateful to have the "
    "account restored. If that is not an option, is there a way to get temporary access or an "
    "export of my data?"
)
FORMAL_CLOSING = (
    "If something needs to be removed, disabled or changed, please tell me which things and I "
    "will take care of it. I am asking for the account to be restored. If that is not an "
    "option, is there a way to get temporary access or an export of my data?"
)


def compose_body(
    *,
    account: str,
    stage: str,
    lock_message: str,
    links: Sequence[str],
    activity: str,
    fragments: Sequence[str],
    summary: str,
    contacts: Sequence[tuple[str, date | None]],
    follow_up_address: str,
    policy_url: str,
) -> str:
    """The email body. `stage` is one of first, follow-up, wait, formal."""
    parts = [
        "Hello Hugging Face team,",
        _opening(account, stage, contacts, follow_up_address, policy_url),
    ]
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
            "Earlier emails about this\n" + _bullets([_contact_line(a, d) for a, d in contacts])
        )
    if stage == "formal":
        parts.append("Why I am asking for a review\n" + _bullets([ARGUMENTS_PLACEHOLDER]))
    parts.append(FORMAL_CLOSING if stage == "formal" else CLOSING)
    parts.append(f"Thank you for your time,\n{account}")
    return "\n\n".join(parts) + "\n"


def _opening(
    account: str,
    stage: str,
    contacts: Sequence[tuple[str, date | None]],
    follow_up_address: str,
    policy_url: str,
) -> str:
    text = (
        f"My Hugging Face account {account} seems to be locked. I do not know what caused it, and "
        "I would be grateful if someone could look at it."
    )
    if stage == "formal":
        return (
            f"My Hugging Face account {account} seems to be locked. I would like to formally "
            f"contest this moderation decision, as the Hugging Face Content Policy "
            f"({policy_url}) allows."
        )
    if stage in ("follow-up", "wait") and contacts:
        if any(address == follow_up_address for address, _ in contacts):
            return text + " I am following up on my earlier email, which has not been answered yet."
        return (
            text + " I have written before (see below) without a reply so far, so I am also "
            "writing to this address, since it may be the one that handles account, login and "
            "internal-alert reviews."
        )
    return text


def _contact_line(address: str, when: date | None) -> str:
    on = f"on {when.isoformat()}" if when is not None else "(date not noted)"
    return f"{address} {on}, no reply so far"


def _quoted(text: str) -> str:
    return "\n".join(f"  > {line}" if line else "  >" for line in text.split("\n"))


def _bullets(items: Sequence[str]) -> str:
    """`- item` lines; continuation lines of a multi-line item are indented under it."""
    lines = ("- " + item.replace("\n", "\n  ") for item in items)
    return "\n".join(line.rstrip() for line in "\n".join(lines).split("\n"))
