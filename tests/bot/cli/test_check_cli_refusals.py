"""`hf-support-bot check` when the Hub refuses: the bot's token (one line naming HF_TOKEN, the
check made anonymously) and a pasted link to a disabled repo (403), on the fake Hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.fake_hub import FakeHub
from tests.helpers import run_cli


async def test_a_refused_token_is_one_line_naming_hf_token(
    fake_hub: FakeHub, cli_env: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    fake_hub.add_user("alice", models=["m1"])
    fake_hub.revoke_token("hf_revoked")
    monkeypatch.setenv("HF_TOKEN", "hf_revoked")
    assert await run_cli("check", "alice", "--fresh") == 0
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if "HF_TOKEN" in line]
    assert len(lines) == 1 and "refused" in lines[0] and "hf_revoked" not in err + out
    assert "The bot's own Hugging Face token was refused" in out
    assert "Nothing is publicly visible" not in out
    assert await run_cli("check", "alice", "--fresh", "--json") == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["token_refused"] is True and "HF_TOKEN" in err


async def test_no_token_line_when_the_token_is_accepted(
    fake_hub: FakeHub, cli_env: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    fake_hub.add_user("alice", models=["m1"])
    monkeypatch.setenv("HF_TOKEN", "hf_good")
    assert await run_cli("check", "alice", "--fresh") == 0
    out, err = capsys.readouterr()
    assert "HF_TOKEN" not in err and "token was refused" not in out


async def test_a_link_to_a_disabled_repo(
    fake_hub: FakeHub, cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_hub.add_user("alice", models=["ok", {"name": "off", "disabled": True}])
    assert await run_cli("check", "https://huggingface.co/alice/off") == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "disabled by Hugging Face (HTTP 403)" in out
    assert "may be private" not in out and "Public files can most likely" not in out
