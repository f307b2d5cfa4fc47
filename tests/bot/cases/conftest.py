"""The `store` fixture: a `CaseStore` over a fresh SQLite file."""

from __future__ import annotations

import pytest

from bot.cases.store import CaseStore
from bot.db import Database


@pytest.fixture
async def store(tmp_path):
    db = await Database.open(tmp_path / "cases.db")
    yield CaseStore(db)
    await db.close()
