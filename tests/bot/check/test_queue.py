"""The fair check queue on a real CheckService and HubClient against the fake Hub enforcing a
small quota, time moved by a ManualClock: first come first served, one queued check per person,
a young stored report served without the budget, and the place and wait of each check."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.check.cache import ReportCache
from bot.check.queue import AlreadyQueued, CheckQueue
from bot.check.service import CheckService
from bot.clock import ManualClock
from bot.db import Database
from bot.hub.budget import HubBudget
from bot.hub.client import HubClient
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


async def test_fifo_one_per_person_and_cache_first(fake_hub: FakeHub, tmp_path: Path) -> None:
    clock = ManualClock()
    for name in ("u0", "u1", "u2", "u3"):
        fake_hub.add_user(name)
    fake_hub.enforce_quota(11, 300, now=lambda: clock.now().timestamp())
    settings = make_hub_settings(fake_hub.url, tmp_path / "bot.db")
    db = await Database.open(settings.database_path)
    budget = HubBudget(clock)
    async with HubClient(settings, budget=budget) as hub:
        service = CheckService(hub, ReportCache(db, clock=clock.now), settings)
        queue = CheckQueue(service, budget, clock)
        first = await queue.submit("ann", "u0")
        assert queue.position(first) == 0 and not first.waited
        await first.result
        assert budget.available() == 6  # learnt: 11 per window, 5 spent (a check reserves 6)
        running = await queue.submit("ben", "u1")
        third = await queue.submit("cat", "u2")
        fourth = await queue.submit("dan", "u3")
        assert queue.position(running) == 0
        assert (queue.position(third), queue.position(fourth)) == (1, 2)
        assert queue.eta_s(third) > 0 and queue.eta_s(fourth) >= queue.eta_s(third)
        with pytest.raises(AlreadyQueued) as info:
            await queue.submit("cat", "u9")  # one queued check per person
        assert info.value.ticket is third
        await running.result
        # a young stored report is served at once, budget or not, even while others wait
        cached = await queue.submit("eve", "u0")
        assert cached.from_cache and cached.done and queue.waiting == 2
        sent = fake_hub.request_count()
        await asyncio.sleep(0.05)
        assert fake_hub.request_count() == sent  # nothing sent while the window is used up
        await clock.advance(300)
        await asyncio.gather(third.result, fourth.result)
        overviews = [r.path for r in fake_hub.requests if r.path.endswith("/overview")]
        assert overviews.index("/api/users/u2/overview") < overviews.index("/api/users/u3/overview")
        assert fake_hub.refused == 0
        assert (queue.served_from_cache, queue.served_after_wait) == (1, 2)
        await queue.aclose()
        await service.aclose()
    await db.close()
