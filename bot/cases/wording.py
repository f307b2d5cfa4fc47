"""Why the case store refused something (`CaseError`): shown to the person or a moderator in
their language (`CaseError.text()`), in English in logs and the terminal."""

from __future__ import annotations

from bot.i18n import Plural

REFUSALS = {
    "payload": "event payload too large (over {limit} bytes)",
    "account": "{account} is not a Hugging Face account name (letters, digits, -, _ and ., 1 to "
    "{limit} characters)",
    "no_case": "there is no case #{case_id}",
    "not_yours": "case {ref} is not yours",
    "empty_note": "a note cannot be empty",
    "long_note": "a note can be at most {limit} characters",
    "unknown_status": "unknown status {status}; use one of: {allowed}",
    "reopen_taken": "cannot reopen #{case_id}: the same person already has {other} open for "
    "{account}",
    "cannot_move": "case {ref} is {status}; it cannot move to {target}",
    "moderator_reopens": "only a moderator can reopen case {ref}",
    "move_days": "a reminder moves by 1 to {days}",
}
"""The store's refusals, by key; `{status}` and `{target}` are case statuses (shown with their
label in the reader's language)."""

EVENT_LABELS = {
    "opened": "opened",
    "check_ran": "check_ran",
    "backup_shown": "backup_shown",
    "appeal_drafted": "appeal_drafted",
    "dm_sent": "dm_sent",
    "dm_failed": "dm_failed",
    "note": "note",
    "status_changed": "status_changed",
    "user_update": "user_update",
    "appeal_sent": "appeal_sent",
    "reminder": "reminder",
}
"""A timeline entry's kind in `/case view` (moderators), by `EventKind` value; the English shows
the code moderators also see in exports."""

EVENT_WORDS = {
    "by": " by {actor}",
    "to": "to {to}",
}
"""The rest of a timeline entry: who did it, where a draft was addressed."""

CHECK_EVENT = Plural("{verdict}, {count} public repo", "{verdict}, {count} public repos")
"""A check in the timeline: its verdict code and the public repos it saw."""
