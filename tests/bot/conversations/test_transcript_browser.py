"""The case transcript in a real headless Chromium: it renders, every message in order, typed
markup stays text, no script runs and nothing is loaded (a local server counts any request).

Skipped only when Chromium is absent outside CI (`.ci/run` installs Debian's `chromium`)."""

from __future__ import annotations

import asyncio
import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from aiohttp import web

from bot.cases.models import CaseStatus, EventKind
from bot.cases.scope import Scope
from bot.conversations.models import AttachmentInfo
from bot.conversations.transcript import case_transcript
from bot.conversations.wording import TRANSCRIPT
from bot.i18n import t, use_language
from tests.bot.conversations.conftest import Stores

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)

ALL = Scope.everything()
PERSON, MOD = 11, 22
PHONE = "390,844"


async def _chromium(page: Path, profile: Path, *extra: str) -> str:
    assert CHROMIUM is not None, "chromium is required in CI"
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *extra,
        page.as_uri(),
    ]
    proc = await asyncio.create_subprocess_exec(
        *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0
    return out.decode()


async def _counting_server() -> tuple[web.AppRunner, str, list[str]]:
    hits: list[str] = []

    async def hit(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(body=b"GIF89a", content_type="image/gif")

    app = web.Application()
    app.router.add_get("/{tail:.*}", hit)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}", hits


async def test_transcript_in_chromium(stores: Stores, tmp_path: Path) -> None:
    runner, base, hits = await _counting_server()
    try:
        case = await stores.cases.open_case(PERSON, None, "alice")
        script = "<script>document.title='ran'</script>"
        image = f"<img src={base}/typed.png>"
        await stores.cases.add_event(
            case.id, EventKind.APPEAL_DRAFTED, PERSON, {"to": "x@hf.co", "lock_message": image}
        )
        texts = [f"message {i}: my account got locked {script}" for i in range(3)]
        texts.append("مرحبا \u202eevil\u202c " + "long-word-" * 80)
        shot = AttachmentInfo(name="lock <b>.png", url=f"{base}/lock.png", size=2048)
        for i, text in enumerate(texts):
            await stores.clock.advance(60)
            await stores.talks.record_incoming(case.id, PERSON, text, [shot] if i == 0 else [])
            await stores.talks.record_reply(case.id, MOD, f"reply {i} {image}", signed="Sam")
        await stores.cases.add_note(case.id, MOD, f"note {script}", ALL)
        await stores.cases.set_status(case.id, CaseStatus.CLOSED, MOD, scope=ALL)
        with use_language("fr"):
            html_text = await case_transcript(
                stores.cases, stores.talks, case.id, ALL, now=stores.clock.now()
            )
        page = tmp_path / "case.html"
        page.write_text(html_text, encoding="utf-8")

        dom = await _chromium(page, tmp_path / "p1", "--dump-dom")
        assert "<script" not in dom and "<img" not in dom
        assert "&lt;script&gt;document.title='ran'&lt;/script&gt;" in dom
        assert f"&lt;img src={base}/typed.png&gt;" in dom
        with use_language("fr"):
            title = t(TRANSCRIPT["title"], ref="#1", account="alice")
        assert (
            title.startswith("Dossier") and title in html.unescape(dom) and "Chronologie" in dom
        )  # French
        order = [dom.index(f"message {i}:") for i in range(3)]
        order += [dom.index(f"reply {i} ") for i in range(3)]
        assert sorted(order[:3]) == order[:3] and sorted(order[3:]) == order[3:]
        pairs = [dom.index(f"message {i}:") < dom.index(f"reply {i} ") for i in range(3)]
        assert all(pairs) and dom.index("reply 0 ") < dom.index("message 1:")
        assert "lock &lt;b&gt;.png" in dom
        shot_path = tmp_path / "phone.png"
        await _chromium(
            page, tmp_path / "p2", f"--window-size={PHONE}", f"--screenshot={shot_path}"
        )
        assert shot_path.stat().st_size > 5000
        keep = os.environ.get("TRANSCRIPT_SCREENSHOT")  # to look at it: set a path
        if keep:
            shutil.copy(shot_path, keep)
            shutil.copy(page, Path(keep).with_suffix(".html"))

        # the CSP alone stops markup that got in unescaped (a control, not the page we make)
        control = tmp_path / "control.html"
        raw = f"{script}<img src='{base}/csp.png'><link rel=stylesheet href='{base}/x.css'>"
        control.write_text(html_text.replace("<main>", "<main>" + raw, 1), encoding="utf-8")
        dom = await _chromium(control, tmp_path / "p3", "--dump-dom")
        assert "<title>ran</title>" not in dom and "<script>" in dom  # there, and did not run
        assert hits == []  # nothing loaded: not the typed links, not the control's
    finally:
        await runner.cleanup()
