"""The case store's data: statuses with their labels and allowed moves, the progress a person can
report, event kinds, errors, and the `Case` / `Event` / `DeletionReport` models (see
`bot.cases.store` for the API)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from bot.cases.wording import REFUSALS
from bot.i18n import english, gettext, t


class CaseStatus(StrEnum):
    """Where a case stands."""

    OPEN = "open"
    WAITING_ON_HF = "waiting_on_hf"
    RESTORED = "restored"
    CLOSED = "closed"


# How each status reads to people (Discord and the terminal); the value is what is stored and typed.
STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.OPEN: "open",
    CaseStatus.WAITING_ON_HF: "waiting on Hugging Face",
    CaseStatus.RESTORED: "restored",
    CaseStatus.CLOSED: "closed",
}

ACTIVE_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.WAITING_ON_HF})

# The allowed moves (anything else raises `TransitionError`)::
#
#     open ──► waiting_on_hf ──► restored | closed
#       └────────────────────► restored | closed   (restored without a reply, or a moderator closes)
#     restored | closed ──► open                  (moderators only: reopen)
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.WAITING_ON_HF, CaseStatus.RESTORED, CaseStatus.CLOSED}),
    CaseStatus.WAITING_ON_HF: frozenset({CaseStatus.RESTORED, CaseStatus.CLOSED}),
    CaseStatus.RESTORED: frozenset({CaseStatus.OPEN}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}
MODERATOR_ONLY = frozenset(
    {(CaseStatus.RESTORED, CaseStatus.OPEN), (CaseStatus.CLOSED, CaseStatus.OPEN)}
)


class Progress(StrEnum):
    """What a person can report about their own case (`CaseStore.record_progress`)."""

    REPLIED = "replied"  # Hugging Face replied: the case waits on Hugging Face
    RESTORED = "restored"  # the account is back: the case is restored
    LOCKED = "locked"  # still locked: noted, nothing moves


class EventKind(StrEnum):
    """What happened on a case."""

    OPENED = "opened"
    CHECK_RAN = "check_ran"
    BACKUP_SHOWN = "backup_shown"
    APPEAL_DRAFTED = "appeal_drafted"
    DM_SENT = "dm_sent"
    DM_FAILED = "dm_failed"
    NOTE = "note"
    STATUS_CHANGED = "status_changed"
    USER_UPDATE = "user_update"
    APPEAL_SENT = "appeal_sent"  # the person says they sent the email
    REMINDER = "reminder"  # a follow-up reminder was delivered, or could not be


class CaseError(Exception):
    """Base of the store's errors: a `bot.cases.wording.REFUSALS` sentence. `str()` is English
    (statuses as their codes), `text()` the reader's language (statuses as their labels)."""

    def __init__(self, reason: str, /, **values: object) -> None:
        self.reason, self.values = reason, values
        codes = {k: v.value if isinstance(v, CaseStatus) else v for k, v in values.items()}
        super().__init__(english(REFUSALS[reason], **codes))

    def text(self) -> str:
        """The refusal in the current language."""
        shown = {
            k: gettext(STATUS_LABELS[v]) if isinstance(v, CaseStatus) else v
            for k, v in self.values.items()
        }
        return t(REFUSALS[self.reason], **shown)


class CaseNotFound(CaseError):
    """No case has that id."""


class TransitionError(CaseError):
    """The status change is not allowed."""


class NotYourCase(CaseError):
    """Someone other than the case's person (and not a moderator) tried to change it."""


class Case(BaseModel):
    """One case. `guild_id` is the server it was opened in through the bot's server install (None:
    a DM, a group DM or a user-install context). `created` is True only on the object that
    `open_case` has just created."""

    id: int
    discord_user_id: int
    guild_id: int | None
    owner: int  # whose moderators handle it (`bot.cases.scope`)
    hf_account: str
    status: CaseStatus
    created_at: datetime
    updated_at: datetime
    locale: str | None = None  # the person's Discord locale at their last interaction
    created: bool = False

    @property
    def ref(self) -> str:
        """The number people see, e.g. `#42`."""
        return f"#{self.id}"

    @property
    def status_label(self) -> str:
        """The status as people read it, e.g. `waiting on Hugging Face`."""
        return gettext(STATUS_LABELS[self.status])

    @property
    def active(self) -> bool:
        """Whether the case is `open` or `waiting_on_hf`."""
        return self.status in ACTIVE_STATUSES


class Event(BaseModel):
    """One entry of a case's timeline."""

    id: int
    case_id: int
    kind: EventKind
    actor_id: int | None
    payload: dict[str, Any]
    created_at: datetime


class DeletionReport(BaseModel):
    """What `delete_user_data` removed."""

    discord_user_id: int
    case_ids: list[int]
    cases: int
    events: int
    events_anonymised: int


def check_move(case: Case, target: CaseStatus, moderator: bool) -> None:
    """Raise `TransitionError` unless `TRANSITIONS` allows the move (and, for a reopen, the
    mover is a moderator)."""
    if target not in TRANSITIONS[case.status]:
        raise TransitionError("cannot_move", ref=case.ref, status=case.status, target=target)
    if (case.status, target) in MODERATOR_ONLY and not moderator:
        raise TransitionError("moderator_reopens", ref=case.ref)
