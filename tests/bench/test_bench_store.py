"""A small run of the store's reliability suite (`bench/bench_store.py`): kill -9 trials and
concurrent writers on one database."""

from __future__ import annotations

from bench.bench_store import concurrent_writers, kill_trials


def test_killed_writers_lose_nothing(tmp_path):
    result = kill_trials(tmp_path / "kill.db", trials=3, seed=7)
    assert result.reported >= 3
    assert result.missing == 0 and result.integrity == ["ok"]


def test_concurrent_writers_never_lock_each_other_out(tmp_path):
    result = concurrent_writers(tmp_path / "together.db", writers=3, writes=20)
    assert result.errors == [] and result.failed == 0
    assert result.committed == 60
