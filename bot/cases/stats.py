"""Case statistics, per server (or over every server), computed in SQL: cases by status, open
cases by age, days from the first email to restoration (median and 90th percentile, nearest
rank, overall and by the first address written to), outcomes, reminders, and the daily series
of the charts. Every query is an aggregate over an index; see `bench/bench_stats.py`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import aiosqlite
from pydantic import BaseModel

from bot.db import Database

CHART_DAYS = 30
DAYS_CAP = 60  # restorations after this many days share the last bar of the distribution
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("under 1 day", 1),
    ("1 to 6 days", 7),
    ("7 to 29 days", 30),
    ("30 days or more", 0),
)
_ALL_STATUSES = "('open', 'waiting_on_hf', 'restored', 'closed')"


class Times(BaseModel):
    """Days from the first email to restoration, for `restored` cases with a first email."""

    restored: int
    median_days: float | None = None
    p90_days: float | None = None


class CaseStats(BaseModel):
    """Everything `/case stats` and `cases stats` show."""

    guild_id: int | None
    as_of: datetime
    by_status: dict[str, int]
    open_by_age: dict[str, int]
    restoration: Times
    by_first_address: dict[str, Times]
    outcomes: dict[str, int]
    reminders_sent: int
    reminders_led_to_reply: int
    opened_per_day: dict[str, int]  # the last CHART_DAYS days, every day present
    restored_per_day: dict[str, int]
    days_to_restore: dict[int, int]  # whole days (capped at DAYS_CAP) → restorations


def _scope(guild_id: int | None, alias: str = "c") -> tuple[str, list[object]]:
    return (f" AND {alias}.guild_id = ?", [guild_id]) if guild_id is not None else ("", [])


async def restoration_times(
    db: Database, guild_id: int | None, *, by_address: bool = False
) -> dict[str, Times]:
    """Median and 90th percentile (nearest rank) of days to restoration; keyed by the first
    address written to with `by_address`, else one entry keyed ""."""
    scope, params = _scope(guild_id)
    part = "PARTITION BY o.first_email_to" if by_address else ""
    key = "o.first_email_to" if by_address else "''"
    rows = await db.fetchall(
        "SELECT k, n, MAX(CASE WHEN rn = (n + 1) / 2 THEN d END) AS median, "
        "MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN d END) AS p90 FROM ("
        f"SELECT {key} AS k, o.days_to_outcome AS d, "
        f"ROW_NUMBER() OVER ({part} ORDER BY o.days_to_outcome) AS rn, "
        f"COUNT(*) OVER ({part}) AS n "
        "FROM case_outcomes o JOIN cases c ON c.id = o.case_id "
        f"WHERE o.outcome = 'restored' AND o.days_to_outcome IS NOT NULL{scope}) GROUP BY k",
        params,
    )
    return {
        str(r["k"]): Times(restored=int(r["n"]), median_days=r["median"], p90_days=r["p90"])
        for r in rows
    }


async def case_stats(db: Database, guild_id: int | None, now: datetime) -> CaseStats:
    """The statistics of one server's cases (`guild_id`), or of all with None, as of `now`."""
    scope, params = _scope(guild_id)
    by_status = {
        str(r[0]): int(r[1])
        for r in await db.fetchall(
            f"SELECT status, COUNT(*) FROM cases c WHERE status IN {_ALL_STATUSES}{scope} "
            "GROUP BY status",
            params,
        )
    }
    cuts = [(now - timedelta(days=days)).isoformat() for _, days in AGE_BUCKETS[:-1]]
    row = await db.fetchone(
        "SELECT SUM(created_at >= ?), SUM(created_at < ? AND created_at >= ?), "
        "SUM(created_at < ? AND created_at >= ?), SUM(created_at < ?) FROM cases c "
        f"WHERE status IN ('open', 'waiting_on_hf'){scope}",
        [cuts[0], cuts[0], cuts[1], cuts[1], cuts[2], cuts[2], *params],
    )
    open_by_age = {
        label: int((row[i] if row else 0) or 0) for i, (label, _) in enumerate(AGE_BUCKETS)
    }
    overall = await restoration_times(db, guild_id)
    outcomes = {
        str(r[0]): int(r[1])
        for r in await db.fetchall(
            "SELECT o.outcome, COUNT(*) FROM case_outcomes o JOIN cases c ON c.id = o.case_id "
            f"WHERE o.outcome IS NOT NULL{scope} GROUP BY o.outcome",
            params,
        )
    }
    row = await db.fetchone(
        "SELECT COUNT(*), TOTAL(r.led_to_reply) FROM reminders r JOIN cases c ON c.id = r.case_id "
        f"WHERE r.state = 'sent'{scope}",
        params,
    )
    first_day = now.date() - timedelta(days=CHART_DAYS - 1)
    since = datetime.combine(first_day, datetime.min.time(), now.tzinfo).isoformat()
    opened = await db.fetchall(
        "SELECT substr(created_at, 1, 10), COUNT(*) FROM cases c "
        f"WHERE status IN {_ALL_STATUSES} AND created_at >= ?{scope} GROUP BY 1",
        [since, *params],
    )
    restored = await db.fetchall(
        "SELECT substr(o.outcome_at, 1, 10), COUNT(*) FROM case_outcomes o "
        "JOIN cases c ON c.id = o.case_id "
        f"WHERE o.outcome = 'restored' AND o.outcome_at >= ?{scope} GROUP BY 1",
        [since, *params],
    )
    spread = await db.fetchall(
        f"SELECT MIN(CAST(o.days_to_outcome AS INTEGER), {DAYS_CAP}), COUNT(*) "
        "FROM case_outcomes o JOIN cases c ON c.id = o.case_id "
        f"WHERE o.outcome = 'restored' AND o.days_to_outcome IS NOT NULL{scope} GROUP BY 1",
        params,
    )
    return CaseStats(
        guild_id=guild_id,
        as_of=now,
        by_status=by_status,
        open_by_age=open_by_age,
        restoration=overall.get("", Times(restored=0)),
        by_first_address=await restoration_times(db, guild_id, by_address=True),
        outcomes=outcomes,
        reminders_sent=int(row[0]) if row else 0,
        reminders_led_to_reply=int(row[1]) if row else 0,
        opened_per_day=_days(first_day, opened),
        restored_per_day=_days(first_day, restored),
        days_to_restore={int(r[0]): int(r[1]) for r in spread},
    )


def _days(first: date, rows: list[aiosqlite.Row]) -> dict[str, int]:
    counts = {str(r[0]): int(r[1]) for r in rows}
    days = (first + timedelta(days=i) for i in range(CHART_DAYS))
    return {d.isoformat(): counts.get(d.isoformat(), 0) for d in days}
