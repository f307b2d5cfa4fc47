"""The `open_service` fixture: a real `CheckService` on the fake Hub and a tmp database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.check.cache import ReportCache
from bot.check.service import CheckService
from bot.db import Database
from bot.hub.client import HubClient
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

Open = Callable[..., AbstractAsyncContextManager[CheckService]]


@pytest.fixture
def open_service(fake_hub: FakeHub, tmp_path: Path) -> Open:
    """`async with open_service(**settings_overrides) as service:` on a shared tmp database
    (services opened one after the other see one another's stored reports, as after a restart)."""

    @asynccontextmanager
    async def _open(**overrides: Any) -> AsyncIterator[CheckService]:
        settings = make_hub_settings(fake_hub.url, tmp_path / "bot.db", **overrides)
        db = await Database.open(settings.database_path)
        try:
            async with HubClient(settings, backoff_s=0.02) as hub:
                service = CheckService(hub, ReportCache(db), settings)
                yield service
                await service.aclose()
        finally:
            await db.close()

    return _open
