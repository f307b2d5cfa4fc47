"""`run` / `sync` without a token, `--help`, and bad configuration."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def _no_token(monkeypatch, tmp_path):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("argv", [[], ["run"], ["sync"]])
def test_without_token_exits_2_with_one_line(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN" in err and ".env.example" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_setting_exits_2(capsys, monkeypatch):
    monkeypatch.setenv("GUILD_IDS", "abc")
    assert main(["run"]) == 2
    assert "GUILD_IDS" in capsys.readouterr().err


def test_module_entry_point_and_help(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    for command in ("run", "sync", "cases"):
        assert command in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert (
        done.returncode == 2 and "DISCORD_TOKEN" in done.stderr and "Traceback" not in done.stderr
    )


def test_health_reads_the_heartbeat(capsys, monkeypatch, tmp_path):
    import asyncio
    from datetime import UTC, datetime, timedelta

    from bot.db import Database

    path = tmp_path / "h.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    assert main(["health"]) == 1
    assert "has not started" in capsys.readouterr().err

    async def beat(when):
        db = await Database.open(path)
        await db.set_meta("heartbeat_at", when.isoformat())
        await db.close()

    asyncio.run(beat(datetime.now(UTC) - timedelta(minutes=10)))
    assert main(["health"]) == 1
    assert "last heartbeat" in capsys.readouterr().err
    asyncio.run(beat(datetime.now(UTC)))
    assert main(["health"]) == 0

    async def token(state):
        db = await Database.open(path)
        await db.set_meta("hub_token_state", state)
        await db.close()

    asyncio.run(token("refused"))  # as the running bot records it (bot.token_status)
    assert main(["health"]) == 1
    assert "refused HF_TOKEN" in capsys.readouterr().err
    asyncio.run(token("valid"))
    assert main(["health"]) == 0
