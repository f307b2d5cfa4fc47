"""The case store's data: statuses and their allowed moves, event kinds, errors, and the
`Case` / `Event` / `DeletionReport` models (see `bot.cases.store` for the API)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class CaseStatus(StrEnum):
    """Where a case stands."""

    OPEN = "open"
    WAITING_ON_HF = "waiting_on_hf"
    RESTORED = "restored"
    CLOSED = "closed"


ACTIVE_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.WAITING_ON_HF})

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.WAITING_ON_HF, CaseStatus.RESTORED, CaseStatus.CLOSED}),
    CaseStatus.WAITING_ON_HF: frozenset({CaseStatus.RESTORED, CaseStatus.CLOSED}),
    CaseStatus.RESTORED: frozenset({CaseStatus.OPEN}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}
MODERATOR_ONLY = frozenset(
    {(CaseStatus.RESTORED, CaseStatus.OPEN), (CaseStatus.CLOSED, CaseStatus.OPEN)}
)


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


class CaseError(Exception):
    """Base of the store's errors; the message is fit to show a moderator."""


class CaseNotFound(CaseError):
    """No case has that id."""


class TransitionError(CaseError):
    """The status change is not allowed."""


class Case(BaseModel):
    """One case. `created` is True only on the object that `open_case` has just created."""

    id: int
    discord_user_id: int
    guild_id: int | None
    hf_account: str
    status: CaseStatus
    created_at: str
    updated_at: str
    created: bool = False

    @property
    def ref(self) -> str:
        """The number people see, e.g. `#42`."""
        return f"#{self.id}"

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
    created_at: str


class DeletionReport(BaseModel):
    """What `delete_user_data` removed."""

    discord_user_id: int
    case_ids: list[int]
    cases: int
    events: int
    events_anonymised: int
