"""How a case ended, and the rule that records it.

An outcome is one of `Outcome`; it is kept with the date of the case's first email to Hugging
Face in `case_outcomes`, so the statistics can say how many days a restoration took. Both paths
feed it, inside the store's own transactions: a status change (a moderator's or the person's
"Account restored") via `after_status_change`, and what the person reports via `after_progress`.
A reopened case has no outcome until it ends again. Whatever means Hugging Face answered (a
reply, a restoration, a closed case) also cancels the case's pending reminder.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.cases.models import CaseStatus, Progress
from bot.reminders.store import cancel_for_case, mark_led_to_reply

SECONDS_PER_DAY = 86_400


class Outcome(StrEnum):
    """How a case ended (or stands, for `still_locked`)."""

    RESTORED = "restored"
    STILL_LOCKED = "still_locked"
    CLOSED = "closed"  # closed by the moderators
    NO_ANSWER = "no_answer"  # two follow-ups went unanswered


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.RESTORED: "restored",
    Outcome.STILL_LOCKED: "still locked",
    Outcome.CLOSED: "closed by moderators",
    Outcome.NO_ANSWER: "no answer",
}

# The outcome a status change records; None clears it (a reopened case has not ended).
_BY_STATUS: dict[CaseStatus, Outcome | None] = {
    CaseStatus.RESTORED: Outcome.RESTORED,
    CaseStatus.CLOSED: Outcome.CLOSED,
    CaseStatus.OPEN: None,
}


async def ensure_row(conn: aiosqlite.Connection, case_id: int) -> None:
    """The case's `case_outcomes` row exists (with the case's server, for the tallies)."""
    await conn.execute(
        "INSERT OR IGNORE INTO case_outcomes (case_id, guild_id) "
        "SELECT id, owner FROM cases WHERE id = ?",
        (case_id,),
    )


async def set_outcome(
    conn: aiosqlite.Connection, case_id: int, outcome: Outcome | None, now: datetime
) -> None:
    """Record (or clear) a case's outcome at `now`, with the days since its first email."""
    await ensure_row(conn, case_id)
    if outcome is None:
        await conn.execute(
            "UPDATE case_outcomes SET outcome = NULL, outcome_at = NULL, days_to_outcome = NULL "
            "WHERE case_id = ?",
            (case_id,),
        )
        return
    await conn.execute(
        "UPDATE case_outcomes SET outcome = ?, outcome_at = ?, days_to_outcome = CASE "
        "WHEN first_email_at IS NULL THEN NULL "
        "ELSE MAX(0, (julianday(?) - julianday(first_email_at))) END WHERE case_id = ?",
        (outcome.value, now.isoformat(), now.isoformat(), case_id),
    )


async def note_email_sent(
    conn: aiosqlite.Connection, case_id: int, to: str, sent_at: datetime
) -> int:
    """Count an email the person says they sent; the first one is remembered with its address.
    Returns how many emails the case has now."""
    await ensure_row(conn, case_id)
    await conn.execute(
        "UPDATE case_outcomes SET emails = emails + 1, "
        "first_email_at = COALESCE(first_email_at, ?), first_email_to = COALESCE(first_email_to, ?) "
        "WHERE case_id = ?",
        (sent_at.isoformat(), to, case_id),
    )
    async with conn.execute(
        "SELECT emails FROM case_outcomes WHERE case_id = ?", (case_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def after_status_change(
    conn: aiosqlite.Connection, case_id: int, target: CaseStatus, now: datetime
) -> None:
    """A case moved to `target`: record its outcome; an answer ends its reminders."""
    if target in _BY_STATUS:
        await set_outcome(conn, case_id, _BY_STATUS[target], now)
    if target != CaseStatus.OPEN:  # replied, restored or closed: nothing left to remind
        await cancel_for_case(conn, case_id, f"case {target.value}", now)
    if target in (CaseStatus.RESTORED, CaseStatus.WAITING_ON_HF):
        await mark_led_to_reply(conn, case_id)


async def after_progress(
    conn: aiosqlite.Connection, case_id: int, progress: Progress, now: datetime
) -> None:
    """What the person reported: still locked is the case's outcome so far; a reply ends the
    reminders (a restoration arrives as a status change)."""
    if progress == Progress.LOCKED:
        await set_outcome(conn, case_id, Outcome.STILL_LOCKED, now)
    elif progress == Progress.REPLIED:
        await cancel_for_case(conn, case_id, "Hugging Face replied", now)
        await mark_led_to_reply(conn, case_id)
