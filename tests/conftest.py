"""Shared fixtures. `fake_hub`: a running `FakeHub`; `hub_settings`: `Settings` pointing at it,
with a database in the test's tmp folder and short timeouts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.fakes.fake_hub import FakeHub


@pytest.fixture
async def fake_hub() -> AsyncIterator[FakeHub]:
    async with FakeHub() as hub:
        yield hub


def make_hub_settings(url: str, database_path: Path, **overrides: object) -> Settings:
    """Settings for tests against a fake Hub: no `.env`, no token, small timeouts."""
    values: dict[str, object] = {
        "hf_endpoint": url,
        "hf_token": None,
        "database_path": database_path,
        "hub_timeout_s": 2.0,
        "hub_max_concurrency": 8,
        "check_deadline_s": 5.0,
        "check_max_items": 1000,
        "check_cache_ttl_s": 300.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


@pytest.fixture
def hub_settings(fake_hub: FakeHub, tmp_path: Path) -> Settings:
    return make_hub_settings(fake_hub.url, tmp_path / "bot.db")
