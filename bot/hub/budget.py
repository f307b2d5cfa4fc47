"""One Hub request budget for the whole process: the Hub's fixed rate-limit window, learnt from
the `RateLimit` / `RateLimit-Policy` headers of every answer (hub-api.md; parsed with
`huggingface_hub.utils.parse_ratelimit_headers`), starting from the documented quota (500
requests per 300 s anonymous, 1,000 with a token).

Every request asks `acquire()` first; a request the budget says would be refused is not sent, and
after a 429 nothing is sent until the window the Hub announced has reset. Time comes from a
`Clock`, so tests move it by hand.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from huggingface_hub.utils import parse_ratelimit_headers  # type: ignore[attr-defined]

from bot.clock import Clock
from bot.config import Settings

ANONYMOUS_QUOTA = 500  # requests per window, anonymous (hub-api.md "Rate limits")
TOKEN_QUOTA = 1000  # with a free account's token
WINDOW_S = 300  # fixed 5-minute windows


class BudgetExhausted(Exception):
    """No request can be sent before the caller's deadline; `wait_s` says when one can."""

    def __init__(self, wait_s: float) -> None:
        super().__init__(f"the Hub's request quota is used up; retry in {math.ceil(wait_s)} s")
        self.wait_s = wait_s


@dataclass(frozen=True)
class BudgetState:
    """What the budget knows now (for `/case wave` and logs)."""

    quota: int
    window_s: int
    remaining: int
    reset_in_s: float | None
    learnt: bool  # whether a Hub answer has told the real state yet
    refused: int  # 429 answers seen since start

    @property
    def limited(self) -> bool:
        """Whether nothing can be sent now."""
        return self.remaining <= 0


class HubBudget:
    """Requests left in the Hub's current window. `acquire()` before sending, `observe()` with
    every answer's headers, `release()` when a request ended without an answer."""

    def __init__(self, clock: Clock, *, quota: int = ANONYMOUS_QUOTA, window_s: int = WINDOW_S):
        self.clock = clock
        self.quota = quota
        self.window_s = window_s
        self._remaining = quota  # not yet spent nor reserved by a request in flight
        self._reset_at: datetime | None = None  # unknown until an answer says
        self._in_flight = 0
        self._learnt = False
        self.refused = 0
        self.sent = 0
        self._changed = asyncio.Event()

    @classmethod
    def for_settings(cls, settings: Settings, clock: Clock) -> HubBudget:
        """The documented starting quota: anonymous, or a free account's with a token."""
        token = settings.hub_token()
        return cls(clock, quota=TOKEN_QUOTA if isinstance(token, str) and token else ANONYMOUS_QUOTA)

    # -- what callers ask -----------------------------------------------------------------------
    def state(self) -> BudgetState:
        """A snapshot of what the budget knows."""
        self._roll()
        reset_in = None
        if self._reset_at is not None:
            reset_in = max(0.0, (self._reset_at - self.clock.now()).total_seconds())
        return BudgetState(
            self.quota, self.window_s, max(0, self._remaining), reset_in, self._learnt, self.refused
        )

    def available(self) -> int:
        """Requests that can be sent now."""
        self._roll()
        return max(0, self._remaining)

    def wait_s(self, requests: int = 1) -> float:
        """Seconds until `requests` more can be sent: 0 when they can now; else until the known
        reset (a whole window when the reset is not known yet)."""
        self._roll()
        if self._remaining >= requests:
            return 0.0
        if self._reset_at is None:
            return float(self.window_s) if self._in_flight == 0 else 0.0
        return max(0.0, (self._reset_at - self.clock.now()).total_seconds())

    def time_for(self, requests: int) -> float:
        """Rough seconds until `requests` more requests fit (whole windows beyond this one)."""
        self._roll()
        beyond = requests - max(0, self._remaining)
        if beyond <= 0:
            return 0.0
        windows = math.ceil(beyond / self.quota) - 1
        first = self.wait_s(max(0, self._remaining) + 1)
        return first + windows * self.window_s

    async def acquire(self, timeout_s: float) -> None:
        """Reserve one request, waiting (on the clock) at most `timeout_s` seconds for the window
        to reset; raise `BudgetExhausted` at once when it resets too late."""
        start = self.clock.now()
        while True:
            self._roll()
            if self._remaining > 0:
                self._remaining -= 1
                self._in_flight += 1
                self.sent += 1
                return
            waited = (self.clock.now() - start).total_seconds()
            if self._reset_at is None:
                # every request of the window is in flight: their answers tell the reset
                if self._in_flight == 0:
                    raise BudgetExhausted(self.window_s)
                self._changed.clear()
                try:
                    await asyncio.wait_for(self._changed.wait(), max(0.0, timeout_s - waited))
                except TimeoutError:
                    raise BudgetExhausted(self.wait_s()) from None
                continue
            wait = (self._reset_at - self.clock.now()).total_seconds()
            if waited + wait > timeout_s:
                raise BudgetExhausted(wait)
            await self.clock.sleep_until(self._reset_at)

    def release(self) -> None:
        """A reserved request ended without an answer (network error, timeout): it may or may not
        have counted, so it stays spent."""
        self._in_flight = max(0, self._in_flight - 1)
        self._changed.set()

    def observe(
        self, headers: Mapping[str, str], *, status: int, retry_after_s: float | None = None
    ) -> None:
        """An answer to a reserved request arrived: learn the window from its headers. A 429
        closes the window until `retry_after_s` (what the answer said, see
        `bot.hub.errors.retry_after_s`), or a whole window when it said nothing."""
        self._in_flight = max(0, self._in_flight - 1)
        info = parse_ratelimit_headers(headers)
        now = self.clock.now()
        if info is not None:
            if info.limit is not None and info.limit > 0:
                self.quota = info.limit
            if info.window_seconds is not None and info.window_seconds > 0:
                self.window_s = info.window_seconds
        if status == 429:
            self.refused += 1
            wait = retry_after_s if retry_after_s is not None else float(self.window_s)
            self._remaining = 0
            self._reset_at = now + timedelta(seconds=wait)
            self._learnt = True
        elif info is not None:
            reset_at = now + timedelta(seconds=info.reset_in_seconds)
            new_window = self._reset_at is None or reset_at > self._reset_at + timedelta(seconds=2)
            # the Hub's count; requests still in flight may not be in it yet
            counted = info.remaining - self._in_flight
            if new_window or not self._learnt:
                self._remaining = counted
            else:
                self._remaining = min(self._remaining, counted)
            self._reset_at = reset_at
            self._learnt = True
        self._changed.set()

    # -- internals ------------------------------------------------------------------------------
    def _roll(self) -> None:
        """A new window once the known reset has passed: the quota again, minus what is in
        flight; its reset is learnt from the next answer."""
        if self._reset_at is not None and self.clock.now() >= self._reset_at:
            self._remaining = self.quota - self._in_flight
            self._reset_at = None
