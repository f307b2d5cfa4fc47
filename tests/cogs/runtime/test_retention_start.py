"""The running bot starts the retention purge (RETENTION_DAYS) on its clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.cases.models import CaseStatus
from bot.cases.scope import Scope
from bot.clock import ManualClock
from bot.conversations.store import ConversationStore
from tests.cogs.helpers import ALICE, MOD, Env


async def _wait(predicate: object, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():  # type: ignore[operator]
            await asyncio.sleep(0.01)


async def test_bot_purges_closed_cases_after_retention_days(env: Env) -> None:
    clock = ManualClock()
    async with env.running(clock=clock, retention_days=3) as bot:
        svc = bot.services
        talks = ConversationStore(svc.db, clock=clock)
        case = await svc.cases.open_case(ALICE, None, "alice")
        await talks.record_incoming(case.id, ALICE, "please help")
        await svc.cases.set_status(case.id, CaseStatus.CLOSED, MOD, scope=Scope.everything())
        loop = bot.retention
        assert loop is not None and loop.days == 3
        await _wait(lambda: loop.runs >= 1 and clock.sleepers >= 1)
        texts = []
        for day in range(1, 5):  # one day at a time: each daily run sees its own day
            await clock.advance(timedelta(days=1))
            await _wait(lambda: loop.runs >= day + 1 and clock.sleepers >= 1)  # noqa: B023
            texts.append([m.text for m in await talks.messages(case.id)])
        assert texts == [["please help"]] * 3 + [[""]]  # closed 3 days ago: kept; then purged
