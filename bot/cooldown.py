"""Per-person rate limits for the costly commands (a sliding window, in memory)."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable


class Cooldown:
    """At most `rate` uses per `per` seconds for each key."""

    def __init__(
        self, rate: int, per: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate < 1 or per <= 0:
            raise ValueError("rate must be >= 1 and per > 0")
        self.rate, self.per, self._clock = rate, per, clock
        self._uses: dict[Hashable, list[float]] = {}  # at most `rate` times each: a small list
        self._pruned_at = clock()

    def hit(self, key: Hashable) -> float:
        """Record a use and return 0, or return the seconds to wait (recording nothing)."""
        now = self._clock()
        uses = self._uses.setdefault(key, [])
        while uses and now - uses[0] >= self.per:
            del uses[0]
        if len(uses) >= self.rate:
            return max(0.1, self.per - (now - uses[0]))
        uses.append(now)
        if now - self._pruned_at >= self.per:  # once a window: forget idle people
            self._prune(now)
        return 0.0

    def __len__(self) -> int:
        """People remembered (at most those seen in the last two windows)."""
        return len(self._uses)

    def _prune(self, now: float) -> None:
        self._pruned_at = now
        for key in [k for k, v in self._uses.items() if not v or now - v[-1] >= self.per]:
            del self._uses[key]
