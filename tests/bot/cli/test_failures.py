"""Every failure of the CLI is one line on standard error, no traceback, with the right exit
code: 2 for bad input or a wrong setting, 1 for an environment failure."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys

import pytest

from bot.cases.store import CaseStore
from bot.cli import main
from bot.db import Database

HUGE = str(2**63)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")  # never reached
    good = tmp_path / "good.db"

    async def seed() -> None:
        db = await Database.open(good)
        await CaseStore(db).open_case(11, None, "alice")
        await db.close()

    asyncio.run(seed())
    (tmp_path / "folder").mkdir()
    (tmp_path / "corrupt.db").write_bytes(b"this is not an SQLite database, just bytes" * 100)
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "script.py").write_text("# mine\n")
    return tmp_path


# (DATABASE_PATH, argv, exit code, words the line must hold)
CASES = [
    ("folder", ["cases", "list"], 2, "DATABASE_PATH"),
    ("folder", ["cases", "note", "1", "x"], 2, "is a folder"),
    ("folder", ["check", "alice"], 2, "DATABASE_PATH"),
    ("folder", ["health"], 1, "unhealthy"),
    ("corrupt.db", ["cases", "list"], 1, "DATABASE_PATH"),
    ("corrupt.db", ["cases", "show", "1"], 1, "not a database"),
    ("corrupt.db", ["cases", "export"], 1, "DATABASE_PATH"),
    ("corrupt.db", ["health"], 1, "unhealthy"),
    ("a-file/cases.db", ["cases", "list"], 1, "DATABASE_PATH"),  # nowhere to create it
    ("a-file/cases.db", ["check", "alice"], 1, "DATABASE_PATH"),
    ("good.db", ["cases", "show", HUGE], 2, "not an id"),
    ("good.db", ["cases", "note", HUGE, "x"], 2, "not an id"),
    ("good.db", ["cases", "status", HUGE, "closed"], 2, "not an id"),
    ("good.db", ["cases", "forget", HUGE, "--yes"], 2, "not an id"),
    ("good.db", ["cases", "list", "--user", HUGE], 2, "not an id"),
    ("good.db", ["cases", "list", "--before", "-1"], 2, "not an id"),
    ("good.db", ["cases", "list", "--limit", "0"], 2, "must be 1 to 500"),
    ("good.db", ["cases", "reminders", "--limit", "0"], 2, "must be 1 to 500"),
    ("good.db", ["cases", "reminders", "--limit", "501"], 2, "must be 1 to 500"),
    ("good.db", ["cases", "reminders", "--limit", "lots"], 2, "not a whole number"),
    ("good.db", ["cases", "show", "99"], 2, "no case #99"),
    ("good.db", ["cases", "export", "--output", "folder"], 2, "is a folder"),
    ("good.db", ["backup", "alice", "--script", "script.py"], 2, "--force"),
    ("good.db", ["backup", "alice", "--shell", "folder"], 2, "not a regular file"),
    ("good.db", ["backup", "alice", "--shell", os.devnull], 2, "not a regular file"),
    ("good.db", ["backup", "alice", "--shell", os.devnull, "--force"], 2, "not a regular file"),
    ("good.db", ["appeal", "alice", "--contacted", "safety:yesterday"], 2, "YYYY-MM-DD"),
]


def _exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's errors, as the console script would exit
        return int(exc.code or 0)


@pytest.mark.parametrize(("database", "argv", "code", "words"), CASES)
def test_one_line_and_the_exit_code(env, monkeypatch, capsys, database, argv, code, words):
    monkeypatch.setenv("DATABASE_PATH", str(env / database))
    assert _exit_code(argv) == code
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and words in err
    assert (env / "script.py").read_text() == "# mine\n"
    assert (env / "folder").is_dir() and not any((env / "folder").iterdir())


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_nonsense_setting_is_one_line(env, monkeypatch, capsys, value):
    monkeypatch.setenv("HUB_TIMEOUT_S", value)
    assert main(["cases", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HUB_TIMEOUT_S" in err


def test_appeal_still_prints_the_draft_when_the_summary_cannot_be_read(env, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_PATH", str(env / "corrupt.db"))
    assert main(["appeal", "alice"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("To:") and "Subject:" in out
    assert err.count("\n") == 1 and "stored check's summary" in err and "DATABASE_PATH" in err


def test_read_only_commands_never_write(env, monkeypatch, capsys):
    """`cases list/show/export` and `health` open an existing database read-only: the file is
    left byte for byte as it was (a write would at least touch the header's change counter)."""
    path = env / "good.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    before = path.read_bytes()
    for argv in (["cases", "list"], ["cases", "show", "1"], ["cases", "export"], ["health"]):
        main(argv)
    assert "alice" in capsys.readouterr().out
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_database_serves_read_only_commands(env, monkeypatch, capsys):
    folder = env / "ro"
    folder.mkdir()
    path = folder / "cases.db"
    path.write_bytes((env / "good.db").read_bytes())
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        monkeypatch.setenv("DATABASE_PATH", str(path))
        assert main(["cases", "list"]) == 0
        assert "alice" in capsys.readouterr().out
        assert main(["cases", "note", "1", "x"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "DATABASE_PATH" in err
    finally:
        folder.chmod(0o755)


def test_run_with_discord_unreachable_is_one_line(tmp_path):
    """No network: `run` says so in one line and exits 1 (discord.py's HTTP base is pointed at a
    closed loopback port, as the fake Discord tests do)."""
    code = (
        "import sys, discord.http\n"
        f"discord.http.Route.BASE = 'http://127.0.0.1:{_closed_port()}/api/v10'\n"
        "from bot.cli import main\n"
        "sys.exit(main(['run']))\n"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DISCORD_TOKEN": "MTIz.not-a-real.token",
        "DATABASE_PATH": str(tmp_path / "bot.db"),
        "LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "cannot reach Discord" in done.stderr
    assert "Traceback" not in done.stderr and "not installed" not in done.stderr
    assert "MTIz" not in done.stderr


def test_voice_warnings_are_filtered_and_nothing_else(caplog):
    import logging

    from bot.cli.run import VOICE_WARNINGS, silence_voice_warnings

    silence_voice_warnings()
    logger = logging.getLogger("discord.client")
    with caplog.at_level(logging.WARNING, logger="discord.client"):
        for message in sorted(VOICE_WARNINGS):
            logger.warning(message)
        logger.warning("PyNaCl is not installed, but this is another message")
    assert [r.getMessage() for r in caplog.records] == [
        "PyNaCl is not installed, but this is another message"
    ]
