"""Reminder states, the `Reminder` model and what a delivery attempt can report."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel

MAX_FOLLOWUPS = 2
"""Follow-up drafts per case; the reminder after them suggests asking the moderators."""


class ReminderState(StrEnum):
    """Where a reminder stands. `claimed`: being sent (or the sender crashed mid-way)."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"
    UNDELIVERABLE = "undeliverable"  # the person's DMs are closed, or Discord refused it
    UNCONFIRMED = "unconfirmed"  # claimed twice and never confirmed: given up


class Delivery(StrEnum):
    """What happened to one DM."""

    SENT = "sent"
    DMS_CLOSED = "dms_closed"
    FAILED = "failed"
    RATE_LIMITED = "rate_limited"  # Discord asked to wait: try again later


class Reminder(BaseModel):
    """One reminder of a case: the `number`-th follow-up (1, 2; 3 suggests the moderators)."""

    id: int
    case_id: int
    number: int
    state: ReminderState
    due_at: datetime
    scheduled_for: datetime
    claims: int
    result: str | None = None

    @property
    def last(self) -> bool:
        """Whether this reminder comes after the last follow-up (no more drafts)."""
        return self.number > MAX_FOLLOWUPS
