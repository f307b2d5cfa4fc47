"""Retention: the free text of cases closed (or restored) more than `RETENTION_DAYS` ago is
blanked, keeping every row, status, date and tally that statistics read.

Blanked: conversation messages (text and attachment links), and the typed parts of timeline
events (notes, lock messages, activity, status-change reasons). A purged case gets `purged_at`;
reopening it clears `closed_at` and `purged_at` (a trigger of migration 8), so it is purged again
once it has been closed long enough. `RetentionLoop.run` repeats the purge every day.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.clock import Clock
from bot.db import Database

log = logging.getLogger(__name__)

FREE_TEXT_KEYS = ("text", "lock_message", "activity", "reason")
"""Event payload keys holding what someone typed."""
BATCH = 500
EVERY = timedelta(days=1)


@dataclass(frozen=True)
class PurgeReport:
    """What one purge blanked."""

    cases: int
    messages: int
    events: int


async def purge_closed(db: Database, *, days: int, now: datetime) -> PurgeReport:
    """Blank the free text of cases closed more than `days` days before `now` and not purged
    yet (`days` 0: keep forever, nothing is purged). Works in batches on the `closed_at` index."""
    if days <= 0:
        return PurgeReport(0, 0, 0)
    cutoff = (now - timedelta(days=days)).astimezone(UTC).isoformat()
    stamp = now.astimezone(UTC).isoformat()
    paths = ", ".join(f"'$.{key}'" for key in FREE_TEXT_KEYS)
    typed = " OR ".join(f"json_type(payload, '$.{key}') IS NOT NULL" for key in FREE_TEXT_KEYS)
    cases = messages = events = 0
    while True:
        async with db.write() as conn:
            async with conn.execute(
                "SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? "
                "AND purged_at IS NULL ORDER BY closed_at LIMIT ?",
                (cutoff, BATCH),
            ) as cur:
                ids = [int(row[0]) for row in await cur.fetchall()]
            if not ids:
                break
            marks = ",".join("?" * len(ids))
            cur = await conn.execute(
                "UPDATE conversation_messages SET text = '', attachments = '[]' "
                f"WHERE case_id IN ({marks}) AND (text != '' OR attachments != '[]')",
                ids,
            )
            messages += cur.rowcount
            cur = await conn.execute(
                f"UPDATE events SET payload = json_remove(payload, {paths}) "
                f"WHERE case_id IN ({marks}) AND ({typed})",
                ids,
            )
            events += cur.rowcount
            await conn.execute(
                f"UPDATE cases SET purged_at = ? WHERE id IN ({marks})", [stamp, *ids]
            )
            cases += len(ids)
    return PurgeReport(cases, messages, events)


class RetentionLoop:
    """Runs `purge_closed` at start and then every day, on `clock`."""

    def __init__(self, db: Database, days: int, clock: Clock) -> None:
        self.db, self.days, self.clock = db, days, clock
        self.runs = 0

    async def run(self) -> None:
        """Purge, then sleep a day, forever (returns at once when `days` is 0: keep forever)."""
        if self.days <= 0:
            log.info("RETENTION_DAYS=0: case texts are kept forever")
            return
        while True:
            report = await purge_closed(self.db, days=self.days, now=self.clock.now())
            self.runs += 1
            if report.cases:
                log.info(
                    "retention: blanked the texts of %d case(s) closed over %d days ago "
                    "(%d messages, %d events)",
                    report.cases,
                    self.days,
                    report.messages,
                    report.events,
                )
            await self.clock.sleep_until(self.clock.now() + EVERY)
