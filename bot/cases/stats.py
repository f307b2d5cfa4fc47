"""Case statistics, per server (or over every server), computed in SQL: cases by status, open
cases by age, days from the first email to restoration (median and 90th percentile, nearest
rank, overall and by the first address written to), outcomes, reminders, and the daily series
of the charts.

Counts come from `case_tallies`, which triggers keep equal to the tables (see the migration in
`bot.db`); a percentile is found in its whole-day bucket from the tallies and then read with
one short indexed walk. Open cases by age and the daily series are range queries on indexes.
See `bench/bench_stats.py` for the figures at 100,000 cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import aiosqlite
from pydantic import BaseModel

from bot.cases.scope import Scope
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


def _scope(scope: Scope, column: str) -> tuple[str, list[object]]:
    """` AND <condition on the owner column>` for `scope` (empty for every case)."""
    if scope.owners is None:
        return "", []
    where, params = scope.where(column)
    return f" AND {where}", list(params)


async def _tallies(db: Database, scope: Scope) -> dict[str, dict[str, int]]:
    """The trigger-kept counts (`case_tallies`, keyed by the cases' owner), by metric then key,
    of the cases in `scope`."""
    where, params = _scope(scope, "guild_key")
    rows = await db.fetchall(
        f"SELECT metric, key, SUM(n) FROM case_tallies WHERE 1{where} GROUP BY metric, key",
        params,
    )
    out: dict[str, dict[str, int]] = {}
    for metric, key, n in rows:
        if n:
            out.setdefault(str(metric), {})[str(key)] = int(n)
    return out


async def _nth_days(
    db: Database, scope: Scope, address: str | None, buckets: dict[int, int], rank: int
) -> float | None:
    """The `rank`-th smallest days to restoration: the whole-day bucket that holds it comes from
    the tallies, then one indexed walk inside that bucket only."""
    before = 0
    for bucket in sorted(buckets):
        if before + buckets[bucket] >= rank:
            break
        before += buckets[bucket]
    else:
        return None
    upper = bucket + 1 if bucket < DAYS_CAP else float("inf")
    where, params = _scope(scope, "o.guild_id")
    if address is not None:
        where += " AND o.first_email_to = ?"
        params.append(address)
    row = await db.fetchone(
        "SELECT o.days_to_outcome FROM case_outcomes o WHERE o.outcome = 'restored' "
        f"AND o.days_to_outcome >= ? AND o.days_to_outcome < ?{where} "
        "ORDER BY o.days_to_outcome LIMIT 1 OFFSET ?",
        [bucket, upper, *params, rank - before - 1],
    )
    return None if row is None else float(row[0])


async def _times(
    db: Database, scope: Scope, address: str | None, counts: dict[str, int]
) -> Times:
    buckets = {int(k): n for k, n in counts.items()}
    n = sum(buckets.values())
    if not n:
        return Times(restored=0)
    median = await _nth_days(db, scope, address, buckets, (n + 1) // 2)
    p90 = await _nth_days(db, scope, address, buckets, (9 * n + 9) // 10)
    return Times(restored=n, median_days=median, p90_days=p90)


async def restoration_times(
    db: Database, scope: Scope, *, by_address: bool = False
) -> dict[str, Times]:
    """Median and 90th percentile (nearest rank) of days to restoration; keyed by the first
    address written to with `by_address`, else one entry keyed "" (absent when none)."""
    tallies = await _tallies(db, scope)
    return await _restoration(db, scope, tallies, by_address=by_address)


async def _restoration(
    db: Database, scope: Scope, tallies: dict[str, dict[str, int]], *, by_address: bool
) -> dict[str, Times]:
    if not by_address:
        counts = tallies.get("days", {})
        return {"": await _times(db, scope, None, counts)} if counts else {}
    return {
        metric.removeprefix("days@"): await _times(
            db, scope, metric.removeprefix("days@"), counts
        )
        for metric, counts in sorted(tallies.items())
        if metric.startswith("days@")
    }


async def case_stats(
    db: Database, scope: Scope, now: datetime, *, guild_id: int | None = None
) -> CaseStats:
    """The statistics of the cases in `scope` (a server's, see `bot.cases.scope`, or every case)
    as of `now`; `guild_id` names the server asked about, for the record."""
    where, params = _scope(scope, "c.owner")
    tallies = await _tallies(db, scope)
    cuts = [(now - timedelta(days=days)).isoformat() for _, days in AGE_BUCKETS[:-1]]
    row = await db.fetchone(
        "SELECT SUM(created_at >= ?), SUM(created_at < ? AND created_at >= ?), "
        "SUM(created_at < ? AND created_at >= ?), SUM(created_at < ?) FROM cases c "
        f"WHERE status IN ('open', 'waiting_on_hf'){where}",
        [cuts[0], cuts[0], cuts[1], cuts[1], cuts[2], cuts[2], *params],
    )
    open_by_age = {
        label: int((row[i] if row else 0) or 0) for i, (label, _) in enumerate(AGE_BUCKETS)
    }
    first_day = now.date() - timedelta(days=CHART_DAYS - 1)
    since = datetime.combine(first_day, datetime.min.time(), now.tzinfo).isoformat()
    opened = await db.fetchall(
        "SELECT substr(created_at, 1, 10), COUNT(*) FROM cases c "
        f"WHERE status IN {_ALL_STATUSES} AND created_at >= ?{where} GROUP BY 1",
        [since, *params],
    )
    o_scope, o_params = _scope(scope, "o.guild_id")
    restored = await db.fetchall(
        "SELECT substr(o.outcome_at, 1, 10), COUNT(*) FROM case_outcomes o "
        f"WHERE o.outcome = 'restored' AND o.outcome_at >= ?{o_scope} GROUP BY 1",
        [since, *o_params],
    )
    overall = await _restoration(db, scope, tallies, by_address=False)
    reminders = tallies.get("reminders", {})
    return CaseStats(
        guild_id=guild_id,
        as_of=now,
        by_status=tallies.get("status", {}),
        open_by_age=open_by_age,
        restoration=overall.get("", Times(restored=0)),
        by_first_address=await _restoration(db, scope, tallies, by_address=True),
        outcomes=tallies.get("outcome", {}),
        reminders_sent=reminders.get("sent", 0),
        reminders_led_to_reply=reminders.get("replied", 0),
        opened_per_day=_days(first_day, opened),
        restored_per_day=_days(first_day, restored),
        days_to_restore={int(k): n for k, n in tallies.get("days", {}).items()},
    )


def _days(first: date, rows: list[aiosqlite.Row]) -> dict[str, int]:
    counts = {str(r[0]): int(r[1]) for r in rows}
    days = (first + timedelta(days=i) for i in range(CHART_DAYS))
    return {d.isoformat(): counts.get(d.isoformat(), 0) for d in days}
