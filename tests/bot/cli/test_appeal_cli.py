"""`hf-support-bot appeal`: routing advice and draft on stdout, problems on stderr."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

import bot.cli.appeal as appeal_cli
from bot.cli import main
from bot.config import Settings
from bot.knowledge import KnowledgeError

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cases.db"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(appeal_cli, "_today", lambda: TODAY)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["appeal", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_first_contact_prints_route_and_draft(capsys):
    code, out, err = run(capsys, "@alice")
    assert (code, err) == (0, "")
    assert out.startswith("To:        website@huggingface.co\nSend:      now\n")
    assert "Next step: If there is no reply by November 30, 2026" in out
    assert "Subject: Review request for locked account: alice" in out
    assert "- Username: alice" in out and "[FILL IN:" in out
    assert "Before sending:\n- Send every email from the address registered" in out


def test_every_option_reaches_the_draft(capsys):
    code, out, err = run(
        capsys,
        "https://hf.co/spaces/alice/demo",
        "--lock-message",
        "Your account is locked.",
        "--link",
        "hf.co/spaces/alice/demo",
        "--link",
        "https://example.org/log",
        "--activity",
        "Trying an agent",
        "--signal",
        "keep-alive",
        "--signal",
        "api-routing",
        "--contacted",
        "safety:2026-11-15",
    )
    assert (code, err) == (0, "")
    assert "To:        website@huggingface.co" in out and "Subject: Follow-up" in out
    assert "  > Your account is locked." in out
    assert "- https://huggingface.co/spaces/alice/demo\n- https://example.org/log" in out
    assert "- Trying an agent\n- One of my Spaces was kept awake" in out
    assert "outside API or model provider" in out
    assert "safety@huggingface.co on 2026-11-15, no reply so far" in out


def test_recent_contact_waits_using_followup_days(capsys, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DAYS", "10")
    code, out, _ = run(capsys, "alice", "--contacted", "safety@huggingface.co:2026-11-20")
    assert code == 0
    assert "Send:      2026-11-30" in out and "Wait until November 30, 2026" in out


def test_formal_goes_to_legal(capsys):
    code, out, _ = run(capsys, "alice", "--formal")
    assert code == 0
    assert out.startswith("To:        legal@huggingface.co")
    assert "https://huggingface.co/content-policy" in out


def test_mailto_prints_only_the_link(capsys):
    code, out, err = run(capsys, "alice", "--activity", "A&B + C", "--mailto")
    assert (code, err) == (0, "")
    url = out.strip()
    assert "\n" not in url and url.startswith("mailto:website@huggingface.co?subject=")
    body = parse_qs(urlsplit(url).query)["body"][0]
    assert "- A&B + C" in body


def test_warnings_go_to_stderr(capsys):
    code, out, err = run(capsys, "alice", "--lock-message", "x" * 5000)
    assert code == 0
    assert err.startswith("warning: The lock message was longer than 1,000 characters")
    assert "… [truncated]" in out and "warning" not in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["bad name"], "account:"),
        (["alice", "--link", "nope"], "link 1: 'nope' is not a link"),
        (["alice", "--signal", "mining"], "unknown signal 'mining'"),
        (["alice", "--contacted", "safety:2026-02-30"], "'2026-02-30' is not a real date"),
        (["alice", "--contacted", "support"], "'support' is not an email address or one of"),
        (["alice", "--contacted", "safety:yesterday"], "must be YYYY-MM-DD, like 2026-11-20, not 'yesterday'"),
        (["alice", "--contacted", "safety:"], "must be YYYY-MM-DD"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("hf-support-bot appeal: ") and needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_broken_knowledge_exits_2(capsys, monkeypatch):
    def broken() -> None:
        raise KnowledgeError("data/knowledge.toml: invalid knowledge file: signals.0.id: bad")

    monkeypatch.setattr(appeal_cli, "load_knowledge", broken)
    code, _, err = run(capsys, "alice")
    assert code == 2 and "signals.0.id" in err


def test_parse_contacted():
    assert appeal_cli.parse_contacted(
        ["safety", "me@example.org:2026-11-01", " website:2026-11-02 "]
    ) == {
        "safety": None,
        "me@example.org": date(2026, 11, 1),
        "website": date(2026, 11, 2),
    }


def test_help_lists_appeal(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "appeal" in capsys.readouterr().out


def test_a_stored_check_adds_what_is_still_public(capsys, monkeypatch):
    from tests.fakes.fake_hub import fake_hub_in_thread

    code, out, _ = run(capsys, "alice")
    assert code == 0 and "Still publicly visible" not in out
    with fake_hub_in_thread() as hub:
        hub.add_user("alice", models=["m1", "m2"], spaces=[{"name": "app", "stage": "PAUSED"}])
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        assert main(["check", "alice"]) == 0
        capsys.readouterr()
        requests = hub.request_count()
        code, out, _ = run(capsys, "alice")
        assert hub.request_count() == requests  # the appeal asked the Hub nothing
    assert code == 0
    assert "Still publicly visible\n- 3 public repos reachable (2 models" in out


@pytest.mark.parametrize(
    ("argv", "lang"), [(["--lang", "es"], None), ([], "es_ES.UTF-8"), (["--lang", "es-419"], "de")]
)
def test_lang_or_LANG_chooses_the_guidance_language_the_draft_stays_english(
    capsys, monkeypatch, argv, lang
):
    if lang is not None:
        monkeypatch.setenv("LANG", lang)
    code = main([*argv, "appeal", "alice"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Envíalo una sola vez" in out  # the checklist, in Spanish
    assert "Hello Hugging Face team," in out and "Review request for locked account" in out


def test_english_by_default(capsys):
    code, out, _ = run(capsys, "alice")
    assert code == 0 and "Send it once" in out and "Envíalo" not in out
