"""Reminders and statistics at scale: 100,000 cases over a year (90 % in one server, the rest
in nine others), 10,000 pending reminders (their cases open), of the others 60 % restored
with their days recorded, 25 % closed, 15 % open; 15 % of the restored had a reminder sent.
Times the scheduler's next-due query and `case_stats` for the big server and for every server
(median of `--repeat` runs, warm cache).

    python -m bench.bench_stats [--cases 100000] [--pending 10000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.cases.scope import Scope
from bot.cases.stats import case_stats
from bot.db import Database
from bot.reminders.store import ReminderStore

ALL = Scope.everything()

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
ADDRESSES = ("website@huggingface.co", "safety@huggingface.co", "legal@huggingface.co")


@dataclass
class Figures:
    """Median milliseconds of each query."""

    cases: int
    pending: int
    next_due_ms: float
    stats_server_ms: float
    stats_all_ms: float


def populate(path: Path, cases: int, pending: int, seed: int = 13) -> None:
    """Create the schema with `Database.open`, then fill it in one transaction."""
    asyncio.run(_create(path))
    rng = random.Random(seed)
    case_rows: list[tuple[object, ...]] = []
    outcome_rows: list[tuple[object, ...]] = []
    reminder_rows: list[tuple[object, ...]] = []
    pending_ids = set(rng.sample(range(1, cases + 1), pending))
    for case_id in range(1, cases + 1):
        created = NOW - timedelta(days=rng.uniform(0, 365))
        guild = 1 if rng.random() < 0.9 else rng.randint(2, 10)
        roll = rng.random()  # most cases have ended; the pending reminders' cases are open
        status = "restored" if roll < 0.6 else "closed" if roll < 0.85 else "open"
        if case_id in pending_ids:
            status = "open"
        case_rows.append((case_id, case_id, guild, guild, f"acct{case_id}", status,
                          created.isoformat(), created.isoformat()))  # fmt: skip
        first = created + timedelta(days=rng.uniform(0, 2))
        if status == "restored":
            days = rng.expovariate(1 / 6)
            done = first + timedelta(days=days)
            outcome_rows.append((case_id, guild, first.isoformat(), rng.choice(ADDRESSES), 1,
                                 "restored", done.isoformat(), days))  # fmt: skip
        elif status == "closed":
            outcome_rows.append(
                (case_id, guild, None, None, 0, "closed", created.isoformat(), None)
            )
        if case_id in pending_ids:
            due = NOW + timedelta(days=rng.uniform(-1, 5))
            reminder_rows.append(
                (case_id, guild, 1, "pending", due.isoformat(), due.isoformat(), 0)
            )
        elif status == "restored" and rng.random() < 0.15:
            reminder_rows.append(
                (case_id, guild, 1, "sent", first.isoformat(), first.isoformat(), 1)
            )
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO cases (id, discord_user_id, guild_id, owner, hf_account, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            case_rows,
        )
        conn.executemany(
            "INSERT INTO case_outcomes (case_id, guild_id, first_email_at, first_email_to, "
            "emails, outcome, outcome_at, days_to_outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            outcome_rows,
        )
        conn.executemany(
            "INSERT INTO reminders (case_id, guild_id, number, state, due_at, scheduled_for, "
            "led_to_reply, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')",
            reminder_rows,
        )
    conn.execute("PRAGMA optimize")
    conn.close()


async def _create(path: Path) -> None:
    db = await Database.open(path)
    await db.close()


async def _median_ms(action: Callable[[], Awaitable[object]], repeat: int) -> float:
    await action()  # warm the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def measure(path: Path, cases: int, pending: int, repeat: int) -> Figures:
    """Time the queries on a populated database."""
    db = await Database.open(path)
    try:
        store = ReminderStore(db)
        return Figures(
            cases=cases,
            pending=pending,
            next_due_ms=await _median_ms(store.next_due, repeat),
            stats_server_ms=await _median_ms(lambda: case_stats(db, Scope.server(1, None), NOW), repeat),
            stats_all_ms=await _median_ms(lambda: case_stats(db, ALL, NOW), repeat),
        )
    finally:
        await db.close()


def run(cases: int, pending: int, repeat: int, folder: Path | None = None) -> Figures:
    """Populate a fresh database and measure."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "bench.db"
        populate(path, cases, pending)
        return asyncio.run(measure(path, cases, pending, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    figures = run(args.cases, args.pending, args.repeat)
    print(f"{figures.cases:,} cases, {figures.pending:,} pending reminders (median of "
          f"{args.repeat} runs)")  # fmt: skip
    print(f"next-due query:            {figures.next_due_ms:8.2f} ms   (target < 50 ms)")
    print(f"case stats, one server:    {figures.stats_server_ms:8.2f} ms   (target < 50 ms)")
    print(f"case stats, every server:  {figures.stats_all_ms:8.2f} ms   (target < 50 ms)")


if __name__ == "__main__":
    main()
