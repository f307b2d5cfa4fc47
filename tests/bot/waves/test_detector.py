"""Wave detection on synthetic arrival times, moved by a ManualClock (no sleeping)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bot.clock import ManualClock
from bot.waves.detector import WaveRule, WaveState, measure, step

RULE = WaveRule(window_s=1800, baseline_days=7, factor=5, min_cases=15)


def _steady(start: datetime, days: float, per_day: int, seed: int = 1) -> list[datetime]:
    """`per_day` arrivals a day at random moments over `days` days before `start`."""
    rng = random.Random(seed)
    seconds = days * 86_400
    return sorted(start - timedelta(seconds=rng.uniform(0, seconds)) for _ in range(int(days * per_day)))


def _run(arrivals: list[datetime], clock: ManualClock, until: datetime, step_s: float = 300):
    """Step through time like the bot's watcher; every change seen."""
    state: WaveState | None = None
    changes: list[tuple[datetime, str]] = []
    now = clock.now()
    while now <= until:
        seen = [t for t in arrivals if t <= now]
        state, change = step(state, seen, now, RULE)
        if change:
            changes.append((now, change))
        now += timedelta(seconds=step_s)
    return state, changes


async def test_a_wave_gives_one_start_and_one_end() -> None:
    clock = ManualClock()
    start = clock.now()
    history = _steady(start, 7, per_day=30)
    # 120 cases in the hour after start (about 60 per half hour vs ~0.6 usual)
    wave = [start + timedelta(seconds=30 * i) for i in range(120)]
    state, changes = _run(history + wave, clock, start + timedelta(hours=4))
    assert [c for _, c in changes] == ["started", "ended"]
    assert state is not None and not state.active
    assert state.started_at >= start and state.peak >= 60
    started_at = changes[0][0]
    assert started_at - start <= timedelta(minutes=10)  # noticed within minutes
    assert 0.3 < state.usual < 1.0


async def test_an_ordinary_busy_day_raises_no_alert() -> None:
    clock = ManualClock()
    start = clock.now()
    history = _steady(start, 7, per_day=30)
    busy = _steady(start + timedelta(days=1), 1, per_day=90, seed=7)  # three times the usual day
    _, changes = _run(history + busy, clock, start + timedelta(days=1), step_s=600)
    assert changes == []


async def test_a_quiet_server_needs_the_minimum_count() -> None:
    now = ManualClock().now()
    few = [now - timedelta(minutes=m) for m in range(14)]  # 14 cases, no history at all
    assert measure(few, now, RULE).recent == 14
    assert step(None, few, now, RULE) == (None, None)
    more = [*few, now]
    state, change = step(None, sorted(more), now, RULE)
    assert change == "started" and state is not None and state.peak == 15


async def test_no_repeat_while_the_wave_goes_on() -> None:
    now = ManualClock().now()
    wave = sorted(now - timedelta(seconds=20 * i) for i in range(40))
    state, change = step(None, wave, now, RULE)
    assert change == "started"
    for minutes in (5, 10, 15):
        later = now + timedelta(minutes=minutes)
        more = sorted([*wave, *(later - timedelta(seconds=s) for s in range(0, 300, 10))])
        state, change = step(state, more, later, RULE)
        assert change is None and state is not None and state.active
