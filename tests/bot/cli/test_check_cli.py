"""`hf-support-bot check` and `backup`, run in-process (in a worker thread, since the CLI runs its
own event loop) against the fake Hub."""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.accounts import InvalidAccount, parse_account
from bot.cli import main
from tests.fakes.fake_hub import FakeHub, fake_hub_in_thread
from tests.helpers import run_cli


def _invalid(text: str) -> bool:
    try:
        parse_account(text)
    except InvalidAccount:
        return True
    return False



async def test_check_prints_tables_and_verdict(fake_hub: FakeHub, cli_env: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fake_hub.add_user("alice", fullname="Alice A.", models=[{"name": "m1", "downloads": 1234}],
                      spaces=[{"name": "app", "stage": "PAUSED"}, {"name": "new", "stage": "FUTURE_STAGE"}])  # fmt: skip
    assert await run_cli("check", "https://huggingface.co/alice") == 0
    out = capsys.readouterr().out
    assert out.startswith("alice (user): Alice A.\n")
    assert "Models: 1 (profile states 1)" in out and "alice/m1" in out and "1,234" in out
    assert "Datasets: 0" in out
    assert "Spaces: 2" in out and "paused by its owner" in out and "FUTURE_STAGE" in out
    assert "Verdict: visible" in out and "Does not look deleted" in out


async def test_check_json_is_a_stable_interface(fake_hub: FakeHub, cli_env: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fake_hub.add_org(
        "acme", datasets=["d"], spaces=[{"name": "s", "stage": "SLEEPING", "disabled": True}]
    )
    assert await run_cli("check", "acme", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["account"] == "acme" and data["kind"] == "organization" and data["profile_reachable"]
    )
    for key in ("models", "datasets", "spaces"):
        assert {"count", "capped", "items", "error"} <= set(data[key])
    assert data["datasets"]["items"][0]["id"] == "acme/d" and data["datasets"]["items"][0]["url"]
    assert (
        data["spaces"]["items"][0]["stage"] == "SLEEPING" and data["spaces"]["items"][0]["disabled"]
    )
    assert data["verdict"]["code"] == "visible" and data["verdict"]["explanation"]
    assert isinstance(data["duration_s"], float) and data["checked_at"]


async def test_not_visible_still_exits_0(fake_hub: FakeHub, cli_env: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert await run_cli("check", "ghost", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "not_found" and data["verdict"]["code"] == "not_visible"


async def test_incomplete_exits_1(fake_hub: FakeHub, cli_env: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fake_hub.fail("/api", status=503, times=None)
    assert await run_cli("check", "alice") == 1
    out = capsys.readouterr().out
    assert "Verdict: incomplete" in out and "could not" in out.lower()


@pytest.mark.parametrize(
    "text", ["../x", "аlice", "a b", "https://example.com/alice", "x" * 5000, "al--ice"]
)
async def test_bad_input_exits_2_with_one_friendly_line(fake_hub: FakeHub, cli_env: Path, text: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert await run_cli("check", text) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("hf-support-bot: ")
        and "Traceback" not in captured.err
    )
    assert await run_cli("backup", text) == 2
    assert fake_hub.request_count() == 0


async def test_cache_holds_across_cli_runs_and_fresh_bypasses(fake_hub: FakeHub, cli_env: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fake_hub.add_user("alice", models=["m"])
    assert await run_cli("check", "alice") == 0
    assert fake_hub.request_count() == 5
    capsys.readouterr()
    assert await run_cli("check", "Alice", "--json") == 0
    assert json.loads(capsys.readouterr().out)["cached"] is True
    assert fake_hub.request_count() == 5
    assert await run_cli("check", "alice", "--fresh") == 0
    assert "from cache" not in capsys.readouterr().out
    assert fake_hub.request_count() == 10


async def test_backup_prints_plan_and_writes_scripts(fake_hub: FakeHub, cli_env: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fake_hub.add_user("alice", models=["m"], datasets=["d"],
                      spaces=["app", {"name": "off", "disabled": True}])  # fmt: skip
    script, shell = cli_env / "out" / "backup.py", cli_env / "backup.sh"
    assert await run_cli("backup", "@alice", "--script", str(script), "--shell", str(shell)) == 0
    out = capsys.readouterr().out
    commands = [
        shlex.split(line.strip())
        for line in out.splitlines()
        if line.strip().startswith("hf download")
    ]
    assert [c[2] for c in commands] == ["alice/m", "alice/d", "alice/app"]
    assert "alice/off" in out and "Only Hugging Face support" in out
    assert "Private repos" in out and "support only" in out and "copy now" in out
    assert "snapshot_download" in script.read_text() and script.stat().st_mode & 0o100
    assert shell.read_text().startswith("#!/bin/sh")
    compile(script.read_text(), str(script), "exec")


async def test_progress_on_a_terminal(
    fake_hub: FakeHub, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake_hub.max_page_size = 2
    fake_hub.add_user("alice", models=[f"m{i}" for i in range(5)])
    terminal = Tty()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert await run_cli("check", "alice", "--json") == 0
    assert "5 models listed so far" in terminal.getvalue()


@pytest.fixture(scope="module")
def threaded_hub() -> Iterator[FakeHub]:
    with fake_hub_in_thread() as hub:
        yield hub


_HOSTILE = st.one_of(
    st.text(max_size=120).filter(_invalid),
    st.builds(lambda a, b: a + b, st.sampled_from(["", "@", "hf.co/", "https://huggingface.co/"]),
              st.text(alphabet="аеорсху$`'\"; |&<>()\n\t\x00../-", min_size=1, max_size=30)).filter(_invalid),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_HOSTILE)
def test_no_hostile_input_reaches_the_hub(text: str, threaded_hub: FakeHub, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))
    monkeypatch.setenv("HF_ENDPOINT", threaded_hub.url)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", "--json", "--", text])  # "--": names may start with "-"
    assert code == 2
    assert len(err.getvalue().strip().splitlines()) == 1
    assert threaded_hub.request_count() == 0


def test_threaded_hub_serves_therun_cli(threaded_hub: FakeHub, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The same setup with a valid name does reach the fake: the test above can fail."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))
    monkeypatch.setenv("HF_ENDPOINT", threaded_hub.url)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", "someone", "--json"]) == 0
    assert threaded_hub.request_count() == 5


async def test_linked_repo_gated_and_disabled_agree_in_text_json_and_scripts(
    fake_hub: FakeHub, cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_hub.add_user(
        "alice",
        models=["m", {"name": "llm", "gated": "manual"}, {"name": "off", "disabled": True}],
        spaces=[{"name": "app", "stage": "RUNTIME_ERROR", "errorMessage": "Exit code 1"}],
    )
    link = "https://huggingface.co/spaces/alice/app"
    assert await run_cli("check", link) == 0
    out = capsys.readouterr().out
    assert out.index("Linked repo: The linked Space alice/app is reachable") < out.index("Models")
    assert "gated (manual)" in out and "disabled" in out and "error: Exit code 1" in out
    assert await run_cli("check", link, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["linked_repo"]["id"] == "alice/app" and data["linked_repo"]["reachable"] is True
    assert data["linked_repo"]["stage"] == "RUNTIME_ERROR"
    assert [(i["id"], i["gated"], i["disabled"]) for i in data["models"]["items"]] == [
        ("alice/m", None, False), ("alice/llm", "manual", False), ("alice/off", None, True)
    ]  # fmt: skip
    assert data["spaces"]["items"][0]["error_message"] == "Exit code 1"
    script, shell = cli_env / "b.py", cli_env / "b.sh"
    assert await run_cli("backup", "alice", "--script", str(script), "--shell", str(shell)) == 0
    out = capsys.readouterr().out
    assert "Gated repos: each needs a logged-in" in out and "alice/llm" in out
    assert "Only Hugging Face support" in out and "alice/off" in out
    for text in (script.read_text(), shell.read_text()):
        assert "#   alice/llm (model, gated)" in text and "alice/m" in text
        assert "('alice/llm'" not in text and "hf download alice/llm" not in text
    compile(script.read_text(), str(script), "exec")
