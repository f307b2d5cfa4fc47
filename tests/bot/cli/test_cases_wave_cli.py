"""`hf-support-bot cases wave`: the stored wave with its figures, and its chart."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.cases.models import EventKind
from bot.cases.store import CaseStore
from bot.cli import main
from bot.db import Database
from bot.waves.detector import WaveState
from bot.waves.summary import save_state


def test_cases_wave_without_and_with_a_wave(monkeypatch, tmp_path, capsys):
    path = tmp_path / "cases.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    monkeypatch.chdir(tmp_path)
    assert main(["cases", "wave"]) == 0
    assert "No lock wave so far" in capsys.readouterr().out

    async def seed() -> None:
        db = await Database.open(path)
        store = CaseStore(db)
        started = datetime.now(UTC) - timedelta(minutes=1)
        for user in range(5):
            case = await store.open_case(100 + user, 1, f"acct{user}")
            wording = "Your account was locked" if user < 3 else "Suspicious activity"
            await store.add_event(
                case.id, EventKind.APPEAL_DRAFTED, 100 + user, {"lock_message": wording}
            )
        await save_state(db, WaveState(started_at=started, alerted_at=started, peak=5, usual=0.5))
        await db.close()

    asyncio.run(seed())
    chart = tmp_path / "wave.png"
    assert main(["cases", "wave", "--chart", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "Lock wave: 5 new cases since" in out
    assert "3 of 5" in out and "Your account was locked" in out
    assert "not known from here" in out and "Suggested message to pin" in out
    assert chart.read_bytes().startswith(b"\x89PNG")
