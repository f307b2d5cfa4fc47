"""`cases reminders` and `cases stats [--json] [--chart FILE]`."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.cases.models import EventKind, Progress
from bot.cases.outcomes import note_email_sent
from bot.cases.store import CaseStore
from bot.cli import main
from bot.db import Database
from bot.reminders.store import ReminderStore


def _seed(path):
    async def seed():
        db = await Database.open(path)
        store = CaseStore(db)
        now = datetime.now(UTC)
        due = await store.record(11, 1, "alice", EventKind.APPEAL_DRAFTED, {"to": "w@x.y"})
        later = await store.open_case(12, 2, "bob")
        await ReminderStore(db).schedule(due.id, 1, now - timedelta(hours=1), now)
        await ReminderStore(db).schedule(later.id, 2, now + timedelta(days=3), now)
        async with db.write() as conn:
            await note_email_sent(conn, later.id, "safety@huggingface.co", now - timedelta(days=2))
        await store.record_progress(later.id, 12, Progress.RESTORED)  # cancels its reminder
        await db.close()

    asyncio.run(seed())


def test_reminders_and_stats(monkeypatch, tmp_path, capsys):
    path = tmp_path / "cases.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    _seed(path)
    assert main(["cases", "reminders"]) == 0
    out = capsys.readouterr().out
    assert "case #1" in out and "due now" in out and "case #2" not in out
    assert main(["cases", "stats"]) == 0
    out = capsys.readouterr().out
    assert "Cases by status: open 1; waiting on Hugging Face 0; restored 1; closed 0." in out
    assert "safety@huggingface.co: median 2.0" in out
    chart = tmp_path / "stats.png"
    assert main(["cases", "stats", "--json", "--guild", "2", "--chart", str(chart)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["guild_id"] == 2 and data["by_status"] == {"restored": 1}
    assert data["restoration"]["restored"] == 1
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert main(["cases", "stats", "--chart", str(tmp_path)]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["cases", "stats", "--guild", "x"])
    assert exit_.value.code == 2 and "not a server id" in capsys.readouterr().err
