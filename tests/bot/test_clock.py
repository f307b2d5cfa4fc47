import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock, SystemClock

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


async def test_manual_clock_wakes_sleepers_in_time_order():
    clock = ManualClock(START)
    woke: list[tuple[str, datetime]] = []

    async def sleeper(name: str, after_s: float) -> None:
        await clock.sleep_until(START + timedelta(seconds=after_s))
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, s)) for n, s in (("late", 60), ("early", 10), ("mid", 30))]
    await asyncio.sleep(0)
    assert clock.sleepers == 3
    await clock.advance(20)
    assert woke == [("early", START + timedelta(seconds=10))]
    assert clock.now() == START + timedelta(seconds=20)
    await clock.advance(timedelta(minutes=5))
    assert [name for name, _ in woke] == ["early", "mid", "late"]
    assert woke[2][1] == START + timedelta(seconds=60)
    await asyncio.gather(*tasks)


async def test_manual_clock_past_deadline_returns_at_once_and_never_goes_back():
    clock = ManualClock(START)
    await asyncio.wait_for(clock.sleep_until(START - timedelta(days=1)), timeout=1)
    with pytest.raises(ValueError):
        await clock.advance(-1)
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 1, 1))


async def test_system_clock_is_utc_and_sleeps_until_a_time_just_past():
    clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is UTC
    await asyncio.wait_for(clock.sleep_until(now - timedelta(seconds=1)), timeout=1)
