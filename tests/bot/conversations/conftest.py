"""Fixtures: a case store and a conversation store over one fresh SQLite file, on a manual clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cases.store import CaseStore
from bot.clock import ManualClock
from bot.conversations.store import ConversationStore
from bot.db import Database


@dataclass
class Stores:
    db: Database
    cases: CaseStore
    talks: ConversationStore
    clock: ManualClock


@pytest.fixture
async def stores(tmp_path: Path) -> AsyncIterator[Stores]:
    db = await Database.open(tmp_path / "cases.db")
    clock = ManualClock()
    yield Stores(db, CaseStore(db, clock=clock), ConversationStore(db, clock=clock), clock)
    await db.close()
