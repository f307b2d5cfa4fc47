"""Reminder states, the `Reminder` model and what a delivery attempt can report."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel

from bot.cases.dm_refusals import CLOSED_DMS, MISSING_ACCESS, NO_MUTUAL_GUILDS, RATE_LIMITED

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
    NO_MUTUAL_GUILDS = "no_mutual_guilds"  # 50278: no server in common with the bot
    MISSING_ACCESS = "missing_access"  # 50001
    RATE_LIMITED = "rate_limited"  # Discord asked to wait: tried again later

    @classmethod
    def of(cls, code: int | None) -> Delivery:
        """The delivery a DM's outcome (None: sent, else Discord's refusal code) stands for."""
        if code is None:
            return cls.SENT
        return _BY_CODE.get(code, cls.FAILED)


_BY_CODE: dict[int, Delivery] = {
    CLOSED_DMS: Delivery.DMS_CLOSED,
    NO_MUTUAL_GUILDS: Delivery.NO_MUTUAL_GUILDS,
    MISSING_ACCESS: Delivery.MISSING_ACCESS,
    RATE_LIMITED: Delivery.RATE_LIMITED,
}


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
