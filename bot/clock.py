"""One source of time for everything that schedules or measures: reminders, wave detection,
cache ages. Production uses `SystemClock`; tests and benchmarks use `ManualClock` and advance
it instead of sleeping."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What time it is (timezone-aware UTC), and a way to wait until a given time."""

    def now(self) -> datetime:
        """The current time, in UTC."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return at `when` or soon after (at once when it has passed)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time, in UTC."""
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime) -> None:
        """Sleep until `when` (the loop's monotonic clock does the waiting)."""
        await asyncio.sleep(max(0.0, (when - self.now()).total_seconds()))


class ManualClock:
    """A clock that moves only when told to: `advance()` wakes every sleeper whose time came.

    Deterministic: sleepers wake in order of their wake-up time, then of their arrival."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        """The clock's current time."""
        return self._now

    async def sleep_until(self, when: datetime) -> None:
        """Wait until the clock is advanced to `when` or past it."""
        if when <= self._now:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (when, next(self._order), future))
        await future

    async def advance(self, delta: timedelta | float) -> None:
        """Move time forward by `delta` (seconds, or a timedelta) and let woken sleepers run."""
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        if step < timedelta(0):
            raise ValueError("time only moves forward")
        target = self._now + step
        while self._sleepers and self._sleepers[0][0] <= target:
            when, _, future = heapq.heappop(self._sleepers)
            self._now = max(self._now, when)
            if not future.done():
                future.set_result(None)
            for _ in range(5):  # let the woken task run to its next wait
                await asyncio.sleep(0)
        self._now = target
        await asyncio.sleep(0)

    @property
    def sleepers(self) -> int:
        """How many tasks are waiting on this clock."""
        return sum(1 for _, _, f in self._sleepers if not f.done())
