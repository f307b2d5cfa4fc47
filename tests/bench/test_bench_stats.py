"""A small run of `bench/bench_stats.py`: it populates through the real schema (its triggers
included) and measures both queries; the figures themselves are printed by the benchmark."""

from __future__ import annotations

import asyncio

from bench.bench_stats import NOW, measure, populate
from bot.cases.scope import Scope
from bot.cases.stats import case_stats
from bot.db import Database

ALL = Scope.everything()

def test_small_run_measures_and_the_stats_add_up(tmp_path):
    path = tmp_path / "bench.db"
    populate(path, cases=2_000, pending=200)
    figures = asyncio.run(measure(path, 2_000, 200, repeat=2))
    assert figures.next_due_ms > 0 and figures.stats_all_ms > 0

    async def totals():
        db = await Database.open(path)
        try:
            return await case_stats(db, ALL, NOW)
        finally:
            await db.close()

    stats = asyncio.run(totals())
    assert sum(stats.by_status.values()) == 2_000
    assert stats.by_status["open"] >= 200 and stats.restoration.restored > 0
