"""`hf-support-bot cases ...` against a real database file."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from bot.cases.store import CaseStore
from bot.cli import main
from bot.db import Database


@pytest.fixture
def db_path(monkeypatch, tmp_path):
    path = tmp_path / "cases.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    monkeypatch.chdir(tmp_path)

    async def seed():
        db = await Database.open(path)
        store = CaseStore(db)
        await store.open_case(11, 1, "Alice")
        await store.open_case(12, 1, "bob")
        await db.close()

    asyncio.run(seed())
    return path


def test_list_show_note_status_export_forget(db_path, capsys, tmp_path):
    assert main(["cases", "list"]) == 0
    out = capsys.readouterr().out
    assert "#2" in out and "#1" in out and out.index("#2") < out.index("#1")

    assert main(["cases", "note", "1", "emailed website@ on Monday"]) == 0
    assert main(["cases", "status", "1", "waiting_on_hf", "--reason", "mail sent"]) == 0
    assert "#1 is now waiting on Hugging Face (waiting_on_hf)." in capsys.readouterr().out

    assert main(["cases", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "note" in out and "emailed website@ on Monday" in out and "status_changed" in out
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"  # UTC to the second, no fraction or offset
    assert re.search(rf"updated {stamp}\n  waiting on Hugging Face, opened {stamp}  guild 1\n", out)
    assert len(re.findall(rf"^  {stamp}  (opened|note|status_changed) ", out, re.MULTILINE)) == 3

    assert main(["cases", "list", "--status", "waiting_on_hf"]) == 0
    out = capsys.readouterr().out
    assert "#1" in out and "#2" not in out

    target = tmp_path / "out.json"
    assert main(["cases", "export", "--format", "json", "--output", str(target)]) == 0
    rows = json.loads(target.read_text())
    assert {r["hf_account"] for r in rows} == {"Alice", "bob"}

    assert main(["cases", "forget", "11"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["cases", "forget", "11", "--yes"]) == 0
    assert "Erased 1 case(s)" in capsys.readouterr().out
    assert main(["cases", "list", "--user", "11"]) == 0
    assert "No cases match" in capsys.readouterr().out


def test_errors_are_one_friendly_line(db_path, capsys):
    assert main(["cases", "show", "99"]) == 2
    assert capsys.readouterr().err.strip() == "hf-support-bot: there is no case #99"
    assert main(["cases", "status", "2", "open"]) == 2
    assert "cannot move" in capsys.readouterr().err


def test_claim_hands_unassigned_cases_to_the_home_server(db_path, capsys):
    from bot.cases.scope import HOME, UNASSIGNED, Scope

    async def unassign_and_read(ids=None):
        db = await Database.open(db_path)
        try:
            if ids:
                async with db.write() as conn:
                    for case_id in ids:
                        await conn.execute(
                            "UPDATE cases SET owner = ? WHERE id = ?", (UNASSIGNED, case_id)
                        )
            return {c.id: c.owner for c in await CaseStore(db).list_cases(Scope.everything())}
        finally:
            await db.close()

    asyncio.run(unassign_and_read([1, 2]))
    assert main(["cases", "show", "1"]) == 0
    assert "unassigned" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:  # which ones: ids or --all
        main(["cases", "claim"])
    assert exit_.value.code == 2
    capsys.readouterr()
    assert main(["cases", "claim", "1", "7"]) == 0
    assert "Handed 1 case(s) to the home server: #1." in capsys.readouterr().out
    assert asyncio.run(unassign_and_read()) == {1: HOME, 2: UNASSIGNED}
    assert main(["cases", "claim", "--all"]) == 0
    assert asyncio.run(unassign_and_read()) == {1: HOME, 2: HOME}
    assert main(["cases", "claim", "--all"]) == 0
    assert "nothing changed" in capsys.readouterr().out
