"""`world`: a case store and a reminder service on one fresh database and one ManualClock, and
a recording sender standing in for Discord (the port the core sends through)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from bot.cases.models import EventKind
from bot.cases.store import CaseStore
from bot.clock import ManualClock
from bot.db import Database
from bot.knowledge import load_knowledge
from bot.reminders.followup import FollowUp
from bot.reminders.models import Delivery
from bot.reminders.service import ReminderService

DAYS = 5
RETRY = timedelta(hours=6)


@dataclass
class Recorder:
    """What the core asked to send, and what to answer."""

    answer: Delivery = Delivery.SENT
    sent: list[tuple[int, FollowUp]] = field(default_factory=list)

    async def __call__(self, user_id: int, followup: FollowUp) -> Delivery:
        self.sent.append((user_id, followup))
        return self.answer


@dataclass
class World:
    db: Database
    cases: CaseStore
    reminders: ReminderService
    clock: ManualClock
    sender: Recorder

    async def drafted_case(self, user: int = 7, account: str = "alice", guild: int = 1) -> int:
        """A case whose person got a first draft to website@."""
        case = await self.cases.record(
            user, guild, account, EventKind.APPEAL_DRAFTED,
            {"to": "website@huggingface.co", "stage": "first", "signals": ["keep-alive"]},
        )  # fmt: skip
        return case.id

    def restarted(self) -> ReminderService:
        """A new service on the same database and clock (a restarted bot)."""
        return ReminderService(
            CaseStore(self.db, clock=self.clock), load_knowledge(), followup_days=DAYS,
            retry_after=RETRY, clock=self.clock,
        )  # fmt: skip


@pytest.fixture
async def world(tmp_path):
    clock = ManualClock()
    db = await Database.open(tmp_path / "cases.db")
    cases = CaseStore(db, clock=clock)
    service = ReminderService(
        cases, load_knowledge(), followup_days=DAYS, retry_after=RETRY, clock=clock
    )
    yield World(db, cases, service, clock, Recorder())
    await db.close()
