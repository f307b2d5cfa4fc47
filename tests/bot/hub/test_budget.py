"""The Hub budget: accounting from the RateLimit headers (unit), and the client obeying it
against the fake Hub enforcing the real quota (including a restart mid-window)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.hub.budget import ANONYMOUS_QUOTA, TOKEN_QUOTA, BudgetExhausted, HubBudget
from bot.hub.client import HubClient
from bot.hub.errors import HubError
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


def _headers(r: int, t: int, q: int = 500, w: int = 300) -> dict[str, str]:
    return {"RateLimit": f'"api";r={r};t={t}', "RateLimit-Policy": f'"fixed window";"api";q={q};w={w}'}


async def test_starts_from_the_documented_quota_and_learns_from_headers() -> None:
    budget = HubBudget(ManualClock())
    assert budget.available() == ANONYMOUS_QUOTA and not budget.state().learnt
    await budget.acquire(1)
    budget.observe(_headers(r=41, t=100, q=1000, w=600), status=200)
    state = budget.state()
    assert state.learnt and state.quota == 1000 and state.window_s == 600
    assert state.remaining == 41 and state.reset_in_s == 100


async def test_in_flight_requests_count_and_answers_never_raise_the_count() -> None:
    budget = HubBudget(ManualClock())
    for _ in range(3):
        await budget.acquire(1)
    budget.observe(_headers(r=10, t=100), status=200)  # two others still in flight
    assert budget.available() == 8
    budget.observe(_headers(r=12, t=100), status=200)  # an older, staler count: ignored
    assert budget.available() == 8
    budget.observe(_headers(r=7, t=100), status=200)
    assert budget.available() == 7  # a lower count (others on the same IP) is taken


async def test_an_empty_window_refuses_until_the_reset() -> None:
    clock = ManualClock()
    budget = HubBudget(clock)
    await budget.acquire(1)
    budget.observe(_headers(r=0, t=60), status=200)
    assert budget.available() == 0 and budget.wait_s() == 60
    with pytest.raises(BudgetExhausted) as info:
        await budget.acquire(30)  # the reset comes too late: refused at once, nothing waits
    assert info.value.wait_s == 60 and clock.sleepers == 0
    waiter = asyncio.create_task(budget.acquire(120))
    await asyncio.sleep(0)
    assert clock.sleepers == 1 and not waiter.done()
    await clock.advance(60)
    await waiter  # a new window: the documented quota until an answer says otherwise
    assert budget.available() == ANONYMOUS_QUOTA - 1


async def test_a_429_closes_the_window_it_announces() -> None:
    budget = HubBudget(ManualClock())
    await budget.acquire(1)
    budget.observe(_headers(r=0, t=55), status=429, retry_after_s=56)
    state = budget.state()
    assert state.limited and state.refused == 1 and state.reset_in_s == 56


async def test_time_for_counts_whole_windows() -> None:
    budget = HubBudget(ManualClock(), quota=100, window_s=300)
    await budget.acquire(1)
    budget.observe(_headers(r=10, t=50, q=100), status=200)
    assert budget.time_for(10) == 0
    assert budget.time_for(11) == 50  # the next window
    assert budget.time_for(111) == 350  # and one more


async def test_client_never_sends_what_the_budget_refuses_and_restart_mid_window(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    """A restarted bot knows nothing of the window; the Hub's first answer tells it that only
    two requests are left, and the third is never sent (no 429 from the Hub) until the reset."""
    clock = ManualClock()
    fake_hub.add_user("alice")
    fake_hub.enforce_quota(10, 300, now=lambda: clock.now().timestamp(), used=7)
    settings = make_hub_settings(fake_hub.url, tmp_path / "db")
    loop = asyncio.get_running_loop()
    async with HubClient(settings, budget=HubBudget(clock)) as hub:
        for _ in range(3):
            page = await hub.get_json("/api/users/alice/overview", deadline=loop.time() + 5)
            assert page is not None
        assert hub.budget.available() == 0
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=loop.time() + 5)
        assert info.value.kind == "rate_limited" and info.value.retry_after_s == 300
        assert fake_hub.request_count("/api/users") == 3 and fake_hub.refused == 0
        await clock.advance(300)
        page = await hub.get_json("/api/users/alice/overview", deadline=loop.time() + 5)
    assert page is not None and fake_hub.refused == 0


async def test_a_token_doubles_the_starting_quota(fake_hub: FakeHub, tmp_path: Path) -> None:
    settings = make_hub_settings(fake_hub.url, tmp_path / "db", hf_token="hf_secret")
    async with HubClient(settings) as hub:
        assert hub.budget.quota == TOKEN_QUOTA
