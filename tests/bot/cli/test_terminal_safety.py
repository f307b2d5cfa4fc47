"""What came from outside (Hub data, stored reports and notes) cannot drive the terminal: escape
sequences and bidi overrides are stripped from everything the CLI prints."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.cli import main
from bot.db import Database
from tests.fakes.fake_hub import FakeHub

ALL = Scope.everything()

ESC_CLEAR = "\x1b[2J\x1b[31m"
RLO = "\u202e"
HOSTILE = f"Alice{ESC_CLEAR}{RLO}evil"


def _assert_clean(text: str) -> None:
    assert "\x1b" not in text and RLO not in text


async def _cli(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


@pytest.fixture
def cli_env(fake_hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HF_ENDPOINT", fake_hub.url)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))
    return tmp_path / "cli.db"


async def test_check_and_backup_print_hub_data_cleaned(fake_hub, cli_env, capsys):
    # The Hub lets people put any text in their full name (huggingface_hub's `User.fullname`).
    fake_hub.add_user("alice", fullname=HOSTILE, models=["m1"])
    for argv in (("check", "alice"), ("check", "alice", "--json")):
        assert await _cli(*argv) == 0
        out, err = capsys.readouterr()
        assert "Alice" in out and "evil" in out
        _assert_clean(out + err)

    # A stored report is data from outside too (an older version, a copied database): a repo id
    # holding escape codes reaches `backup` through the cache.
    with sqlite3.connect(cli_env) as raw:
        (report,) = raw.execute("SELECT report FROM account_reports").fetchone()
        data = json.loads(report)
        data["models"]["items"][0]["id"] = f"alice/m1{ESC_CLEAR}{RLO}"
        raw.execute("UPDATE account_reports SET report = ?", (json.dumps(data),))
    assert await _cli("backup", "alice") == 0
    out, err = capsys.readouterr()
    assert "alice/m1" in out
    _assert_clean(out + err)


def test_cases_show_prints_notes_cleaned(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cases.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))

    async def seed() -> None:
        db = await Database.open(path)
        store = CaseStore(db)
        case = await store.open_case(11, None, "alice")
        await store.add_note(case.id, 7, HOSTILE, ALL)
        await db.close()

    asyncio.run(seed())
    assert main(["cases", "show", "1"]) == 0
    out, err = capsys.readouterr()
    assert "Alice" in out and "evil" in out
    _assert_clean(out + err)
    assert main(["cases", "note", "1", HOSTILE]) == 0  # echoed nowhere raw either
    assert main(["cases", "show", "1"]) == 0
    _assert_clean("".join(capsys.readouterr()))
