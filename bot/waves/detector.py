"""Wave detection on arrival times alone (pure; times come from the caller's clock).

A wave starts when the new cases of the last `window_s` seconds reach
`max(min_cases, factor × the usual count per window)`, the usual count being the average over the
`baseline_days` before that window. It ends when the count falls below half that threshold.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel


@dataclass(frozen=True)
class WaveRule:
    """The thresholds (settings `WAVE_*`)."""

    window_s: float = 1800.0
    baseline_days: float = 7.0
    factor: float = 5.0
    min_cases: int = 15

    def threshold(self, usual: float) -> float:
        """Cases per window that make a wave, given the usual count per window."""
        return max(float(self.min_cases), self.factor * usual)


@dataclass(frozen=True)
class Rate:
    """Cases in the last window, the usual count per window, and the threshold."""

    recent: int
    usual: float
    threshold: float
    first_recent: datetime | None  # the oldest arrival of the window


def measure(arrivals: Sequence[datetime], now: datetime, rule: WaveRule) -> Rate:
    """The rate at `now` of sorted `arrivals`."""
    window = timedelta(seconds=rule.window_s)
    start = bisect_right(arrivals, now - window)
    end = bisect_right(arrivals, now)
    base_count = start - bisect_left(arrivals, now - timedelta(days=rule.baseline_days))
    first = arrivals[start] if end > start else None
    return rate_of(end - start, base_count, first, rule)


def rate_of(recent: int, before: int, first: datetime | None, rule: WaveRule) -> Rate:
    """The rate from counts: `recent` cases in the window, `before` in the baseline days before
    it, `first` the oldest of the window."""
    span = rule.baseline_days * 86_400 - rule.window_s
    usual = before * rule.window_s / span if span > 0 else 0.0
    return Rate(recent, usual, rule.threshold(usual), first)


class WaveState(BaseModel):
    """The current or last wave (kept in the database so a restart does not alert again)."""

    started_at: datetime
    alerted_at: datetime | None = None
    ended_at: datetime | None = None
    peak: int = 0
    usual: float = 0.0

    @property
    def active(self) -> bool:
        """Whether the wave is still going."""
        return self.ended_at is None


Change = Literal["started", "ended"]


def step(
    state: WaveState | None, arrivals: Sequence[datetime] | Rate, now: datetime, rule: WaveRule
) -> tuple[WaveState | None, Change | None]:
    """The wave state after looking at `arrivals` (or their measured `Rate`) at `now`, and what
    changed (one "started" per wave, one "ended" when it subsides)."""
    rate = arrivals if isinstance(arrivals, Rate) else measure(arrivals, now, rule)
    if state is not None and state.active:
        if rate.recent < rate.threshold / 2 and rate.recent < state.peak / 2:
            return state.model_copy(update={"ended_at": now}), "ended"
        return state.model_copy(update={"peak": max(state.peak, rate.recent)}), None
    if rate.recent >= rate.threshold:
        started = rate.first_recent or now
        wave = WaveState(started_at=started, peak=rate.recent, usual=rate.usual)
        return wave, "started"
    return state, None
