"""Shared fixtures and session setup.

- Settings are isolated for the whole session: no variable named after a setting is left in the
  environment, and tests run in an empty folder, so the developer's `.env` is never read.
- Hypothesis: under CI it searches with fresh randomness (not the derandomised `ci` profile) from
  one seed printed in the report header; `HYPOTHESIS_SEED=N` replays a run (locally too).
- `fake_hub`: a running `FakeHub`; `hub_settings`: `Settings` pointing at it, with a database in
  the test's tmp folder and short timeouts.
"""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import core as hypothesis_core
from hypothesis import settings as hypothesis_settings
from hypothesis._settings import is_in_ci

from bot.config import Settings
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings, setting_variables

SEED_VARIABLE = "HYPOTHESIS_SEED"

if is_in_ci():
    hypothesis_settings.register_profile(
        "ci-fresh", parent=hypothesis_settings.get_profile("ci"), derandomize=False
    )
    hypothesis_settings.load_profile("ci-fresh")


def pytest_configure(config: pytest.Config) -> None:
    """Fix one seed for every Hypothesis test: `--hypothesis-seed`, else `HYPOTHESIS_SEED`, else
    (under CI) a fresh random one, so a failure can be replayed."""
    if config.getoption("hypothesis_seed", None) is not None:
        return
    seed = os.environ.get(SEED_VARIABLE, "").strip()
    forced: int | None = None
    if seed:
        forced = int(seed)
    elif is_in_ci():
        forced = random.SystemRandom().getrandbits(32)
    if forced is not None:
        hypothesis_core.global_force_seed = forced  # type: ignore[assignment]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the seed at the end of the log (also under `-q`)."""
    seed = hypothesis_core.global_force_seed
    if seed is not None:
        terminalreporter.write_line(
            f"hypothesis seed {seed} (replay: {SEED_VARIABLE}={seed} python -m pytest)"
        )


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No setting from the developer's environment or `.env` reaches any test."""
    with pytest.MonkeyPatch.context() as patch:
        for name in setting_variables():
            patch.delenv(name)
        patch.setenv("LANG", "C.UTF-8")  # the CLI's guidance language: English unless a test says
        folder = tmp_path_factory.mktemp("cwd")
        patch.chdir(folder)
        yield folder


@pytest.fixture
async def fake_hub() -> AsyncIterator[FakeHub]:
    async with FakeHub() as hub:
        yield hub


@pytest.fixture
def hub_settings(fake_hub: FakeHub, tmp_path: Path) -> Settings:
    return make_hub_settings(fake_hub.url, tmp_path / "bot.db")
