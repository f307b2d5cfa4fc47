"""`hf-support-bot cases transcript ID --html FILE` against a real database file."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import pytest

from bot.cases.store import CaseStore
from bot.cli import main
from bot.conversations.models import AttachmentInfo
from bot.conversations.store import ConversationStore
from bot.conversations.transcript import CSP
from bot.db import Database


@pytest.fixture
def db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    monkeypatch.chdir(tmp_path)

    async def seed() -> None:
        db = await Database.open(path)
        case = await CaseStore(db).open_case(11, None, "alice")
        talks = ConversationStore(db)
        shot = AttachmentInfo(name="a.png", url="https://cdn.example/a.png?x=1&y=2", size=10)
        await talks.record_incoming(case.id, 11, 'locked <script>x</script> & "quoted"', [shot])
        await talks.record_reply(case.id, 22, "did they answer?")
        await db.close()

    asyncio.run(seed())
    return path


def test_writes_one_escaped_page(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "case.html"
    assert main(["cases", "transcript", "1", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Wrote" in capsys.readouterr().err
    assert page.count("<script") == 0
    assert "locked &lt;script&gt;x&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert "https://cdn.example/a.png?x=1&amp;y=2" in page
    assert page.index("locked") < page.index("did they answer?")
    assert f'http-equiv="Content-Security-Policy" content="{html.escape(CSP)}"' in page
    assert "http" not in page.split("<body>")[0].replace("http-equiv", "")  # nothing external


def test_refusals(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "transcript", "9", "--html", str(tmp_path / "x.html")]) == 2
    assert "no case #9" in capsys.readouterr().err
    assert main(["cases", "transcript", "1", "--html", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "x.html"
    assert main(["cases", "transcript", "1", "--html", str(missing)]) == 1
    assert "cannot write" in capsys.readouterr().err
