"""The test session never reads the developer's `.env` or settings from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings, load_settings
from tests.helpers import setting_variables

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = {"DISCORD_TOKEN": "leaked-token", "MODLOG_CHANNEL_ID": "general", "GUILD_IDS": "x"}


def test_settings_are_the_defaults():
    assert setting_variables() == []
    assert not Path(".env").exists()
    assert load_settings() == Settings(_env_file=None)


def test_a_hostile_dot_env_and_environment_do_not_reach_the_tests(tmp_path):
    """Run the test above in a child session from a folder holding a broken `.env`, with broken
    variables in the environment (one in lower case): it still sees only the defaults."""
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in HOSTILE.items()))
    env = {**os.environ, **HOSTILE, "log_level": "LOUD"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            f"{ROOT / 'tests' / 'test_isolation.py'}::test_settings_are_the_defaults",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
