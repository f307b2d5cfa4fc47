"""The generated scripts run for real against the fake Hub with the quota enforced (a small
window, so the test is quick): they wait when told to, finish, and list what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.bot.backup.test_scripts import _download_setup, _env, _run, shell_setup
from tests.fakes.fake_hub import FakeHub

LIMIT, WINDOW_S = 5, 2  # requests per window: far fewer than the copies need


async def test_python_script_waits_out_the_quota_and_reports(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    script = await _download_setup(fake_hub, tmp_path)
    fake_hub.enforce_quota(LIMIT, WINDOW_S)
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 0, err
    assert fake_hub.refused > 0  # the Hub did refuse, and the script waited it out
    assert "HTTP 429" in out and "waiting" in out and "trying" in out
    assert "Done: 3 copied, 0 failed (of 3)." in out and "Nothing is missing." in out
    assert (work / "hf-backup/alice/models/tiny/weights/w.bin").read_bytes() == b"\x00\x01" * 100
    assert (work / "hf-backup/alice/spaces/app/README.md").read_bytes() == b"# app\n"


async def test_python_script_lists_what_is_still_missing(fake_hub: FakeHub, tmp_path: Path) -> None:
    script = await _download_setup(fake_hub, tmp_path, extra_models=["gone"])
    work = tmp_path / "work"
    work.mkdir()
    code, out, _ = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 1
    tail = out[out.index("Still missing:") :]
    assert "failed: model alice/gone (run this script again to retry)" in tail


async def test_shell_script_waits_out_the_quota_with_the_real_hf_cli(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    script, env = await shell_setup(fake_hub, tmp_path)
    code, _, _ = await _run("bash", "-n", str(script), cwd=tmp_path, env={})
    assert code == 0
    fake_hub.enforce_quota(LIMIT, WINDOW_S)
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = await _run("sh", str(script), cwd=work, env=env)
    assert code == 0, err
    assert fake_hub.refused > 0
    assert "Done: 3 copied, 0 failed (of 3)." in out and "Nothing is missing." in out
    assert (work / "hf-backup/alice/models/tiny/weights/w.bin").read_bytes() == b"\x00\x01" * 100
    assert (work / "hf-backup/alice/spaces/app/README.md").read_bytes() == b"# app\n"


@pytest.mark.parametrize("style", ["ratelimit", "retry-after"])
async def test_a_refused_repo_lookup_is_waited_for_and_retried(
    fake_hub: FakeHub, tmp_path: Path, style: str
) -> None:
    """The repo look-up itself is not retried by huggingface_hub (hub-api.md): the script is."""
    script = await _download_setup(fake_hub, tmp_path)
    fake_hub.rate_limit("/api/models/alice/tiny", reset_s=1, times=2, style=style)  # type: ignore[arg-type]
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = await _run(sys.executable, str(script), cwd=work, env=_env(fake_hub, tmp_path))
    assert code == 0, err
    wait = "2 s" if style == "ratelimit" else "1 s"  # RateLimit: t + 1, as the library waits
    assert f"(HTTP 429): waiting {wait}, then trying alice/tiny again (attempt 3 of 6)" in out
    assert "Nothing is missing." in out


async def test_shell_script_waits_for_a_refused_lookup(fake_hub: FakeHub, tmp_path: Path) -> None:
    script, env = await shell_setup(fake_hub, tmp_path)
    fake_hub.rate_limit("/api/models/alice/tiny", reset_s=1, times=1)
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = await _run("sh", str(script), cwd=work, env=env)
    assert code == 0, err
    assert "(HTTP 429): waiting 2 s, then trying alice/tiny again (attempt 2 of 6)" in out
    assert "Nothing is missing." in out
