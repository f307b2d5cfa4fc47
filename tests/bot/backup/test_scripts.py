"""The generated backup scripts, run for real: a fake `hf`, the real `hf` CLI and
`snapshot_download` against the fake Hub."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.backup.plan import build_backup_plan
from bot.check.cache import ReportCache
from bot.check.service import CheckService
from bot.db import Database
from bot.hub.client import HubClient
from tests.bot.backup.sample import HOSTILE_IDS, sample_report
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


def test_generated_scripts_are_valid() -> None:
    plan = build_backup_plan(sample_report(HOSTILE_IDS, spaces=[{"id": "alice/app"}]))
    compile(plan.python_script, "backup.py", "exec")
    assert plan.shell_script.startswith("#!/bin/sh\n") and "\nset -u\n" in plan.shell_script
    assert "set -e" not in plan.shell_script


async def _run(*argv: str, cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *argv, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=40)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_shell_script_runs_every_command_and_keeps_going(tmp_path: Path) -> None:
    bin_dir, work = tmp_path / "bin", tmp_path / "work"
    bin_dir.mkdir()
    work.mkdir()
    log = tmp_path / "calls.jsonl"
    fake_hf = bin_dir / "hf"
    fake_hf.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "sys.exit(1 if 'fail' in sys.argv[2] else 0)\n"
    )
    fake_hf.chmod(0o755)
    ids = [*HOSTILE_IDS, "alice/will-fail", "alice/last"]
    plan = build_backup_plan(sample_report(ids))
    script = tmp_path / "backup.sh"
    script.write_text(plan.shell_script)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    code, out, err = await _run("sh", str(script), cwd=work, env=env)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert [c[1] for c in calls] == ids  # every repo, in order, ids passed through verbatim
    assert calls[0][:1] == ["download"] and calls[0][2:4] == ["--repo-type", "model"]
    assert not list(work.iterdir()) and not list(tmp_path.glob("pwned*"))  # nothing executed
    assert code == 1 and "Done: 7 copied, 1 failed (of 8)." in out
    assert "failed: model alice/will-fail" in err


async def _download_setup(fake: FakeHub, tmp_path: Path, extra_models: list[Any] = ()) -> Path:  # type: ignore[assignment]
    files = {
        ("model", "alice/tiny"): {"config.json": b'{"a": 1}', "weights/w.bin": b"\x00\x01" * 100},
        ("dataset", "alice/data"): {"data.csv": b"x,y\n1,2\n"},
        ("space", "alice/app"): {"app.py": b"print('hi')\n", "README.md": b"# app\n"},
    }
    for (repo_type, repo_id), content in files.items():
        fake.add_files(repo_id, content, repo_type=repo_type)
    fake.add_user("alice", models=["tiny", *extra_models], datasets=["data"],
                  spaces=["app", {"name": "off", "disabled": True, "stage": "PAUSED"}])  # fmt: skip
    settings = make_hub_settings(fake.url, tmp_path / "bot.db")
    db = await Database.open(settings.database_path)
    try:
        async with HubClient(settings) as hub:
            service = CheckService(hub, ReportCache(db), settings)
            report = await service.check("alice")
            await service.aclose()
    finally:
        await db.close()
    plan = build_backup_plan(report)
    assert [r.id for r in plan.support_only] == ["alice/off"]
    script = tmp_path / "backup.py"
    script.write_text(plan.python_script)
    return script


async def shell_setup(fake: FakeHub, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The `.sh` of the sample account (checked once, as the bot would) and an environment whose
    PATH has the real `hf` command; skips where `hf` is not installed next to this Python."""
    hf = Path(sys.executable).parent / "hf"
    if not hf.exists():
        pytest.skip("the hf command is not installed next to this Python")
    await _download_setup(fake, tmp_path)
    settings = make_hub_settings(fake.url, tmp_path / "bot.db")
    db = await Database.open(settings.database_path)
    try:
        async with HubClient(settings) as hub:
            report = await CheckService(hub, ReportCache(db), settings).check("alice")
    finally:
        await db.close()
    script = tmp_path / "backup.sh"
    script.write_text(build_backup_plan(report).shell_script)
    return script, {**_env(fake, tmp_path), "PATH": f"{hf.parent}:/usr/bin:/bin"}


def _env(fake: FakeHub, tmp_path: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HF_ENDPOINT": fake.url,
            "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HOME": str(tmp_path / "hf-home"),
            "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_HUB_DISABLE_XET": "1"}  # fmt: skip


async def test_python_script_backs_up_everything_and_resumes(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    script = await _download_setup(fake_hub, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    fake_hub.reset_requests()
    code, out, err = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 0, err
    assert "Done: 3 copied, 0 failed (of 3)." in out
    root = work / "hf-backup" / "alice"
    assert (root / "models/tiny/config.json").read_bytes() == b'{"a": 1}'
    assert (root / "models/tiny/weights/w.bin").read_bytes() == b"\x00\x01" * 100
    assert (root / "datasets/data/data.csv").read_bytes() == b"x,y\n1,2\n"
    assert (root / "spaces/app/app.py").read_bytes() == b"print('hi')\n"
    assert fake_hub.request_count("/api/spaces/alice/app") == 2  # the commit, then the tree
    assert fake_hub.request_count("/alice/tiny/resolve/", method="GET") == 2
    assert all(r.path != "/api/agent-harnesses" for r in fake_hub.requests)
    assert all("Authorization" not in r.headers for r in fake_hub.requests)
    # a second run resumes: nothing is downloaded again
    fake_hub.reset_requests()
    code, out, _ = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 0 and "Done: 3 copied" in out
    assert not [r for r in fake_hub.requests if "/resolve/" in r.path]


async def test_python_script_keeps_going_past_failures(fake_hub: FakeHub, tmp_path: Path) -> None:
    script = await _download_setup(fake_hub, tmp_path, [{"id": "alice/$(touch pwned)"}, "gone"])
    work = tmp_path / "work"
    work.mkdir()
    code, out, _ = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 1
    assert "Done: 3 copied, 2 failed (of 5)." in out
    assert "failed: model alice/$(touch pwned)" in out and "failed: model alice/gone" in out
    assert (work / "hf-backup/alice/spaces/app/app.py").is_file()  # later repos still copied
    assert not list(tmp_path.rglob("pwned"))


async def test_shell_script_runs_with_the_real_hf_cli(fake_hub: FakeHub, tmp_path: Path) -> None:
    script, env = await shell_setup(fake_hub, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = await _run("sh", str(script), cwd=work, env=env)
    assert code == 0, err
    assert "Done: 3 copied, 0 failed (of 3)." in out
    assert (work / "hf-backup/alice/models/tiny/weights/w.bin").read_bytes() == b"\x00\x01" * 100
    assert (work / "hf-backup/alice/datasets/data/data.csv").is_file()
    assert (work / "hf-backup/alice/spaces/app/README.md").read_bytes() == b"# app\n"
