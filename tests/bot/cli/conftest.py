"""The terminal front end's tests: a clean environment pointing at the fake Hub."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.fake_hub import FakeHub


@pytest.fixture
def cli_env(fake_hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No stray `.env` or token; the fake Hub, a database in `tmp_path`, short time-outs."""
    monkeypatch.chdir(tmp_path)
    for name in ("HF_TOKEN", "CHECK_MAX_ITEMS", "CHECK_CACHE_TTL_S"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", fake_hub.url)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))
    monkeypatch.setenv("HUB_TIMEOUT_S", "1")
    monkeypatch.setenv("CHECK_DEADLINE_S", "3")
    return tmp_path
