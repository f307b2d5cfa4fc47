"""Appeal drafting: input validation, determinism, mailto links, no Discord in the core."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput, AppealInputError, normalize_link
from bot.appeal.limits import MAX_LINKS
from bot.i18n import use_language
from tests.bot.appeal.helpers import KNOWLEDGE, TODAY, ago, make


def test_same_input_same_draft():
    fields: dict[str, Any] = {
        "links": ["hf.co/alice"],
        "signals": ["automation"],
        "contacted": {"website": ago(2), "safety": None},
    }
    assert make(**fields) == make(**fields)
    assert make(**fields).model_dump_json() == make(**fields).model_dump_json()


def test_followup_days_must_be_positive():
    with pytest.raises(ValueError, match="followup_days"):
        make(days=0)


# --- mailto --------------------------------------------------------------------------------------


def test_mailto_is_percent_encoded_and_round_trips():
    draft = make(
        activity="Tried A&B, 1+1=2, 100% sure #3?\nnext line — ünïcode", lock_message="x=y&z"
    )
    url = draft.mailto()
    assert " " not in url and "\n" not in url and url.isascii()
    assert url.count("&") == 1 and url.count("?") == 1
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == draft.to
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == [draft.subject]
    assert query["body"][0].replace("\r\n", "\n") == draft.body
    assert "%0D%0A" in url
    short = urlsplit(draft.mailto(include_body=False))
    assert parse_qs(short.query) == {"subject": [draft.subject]}


# --- input validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hf.co/spaces/alice/demo/", "https://huggingface.co/spaces/alice/demo"),
        ("http://www.huggingface.co/alice", "https://huggingface.co/alice"),
        ("HTTPS://HF.CO/datasets/alice/d?x=1#frag", "https://huggingface.co/datasets/alice/d?x=1"),
        ("huggingface.co/alice", "https://huggingface.co/alice"),
        (" https://example.org/a\u202e ", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
    ],
)
def test_links_are_normalised(raw, expected):
    assert normalize_link(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "not a link",
        "alice/demo",
        "javascript:alert(1)",
        "ftp://x.org/f",
        "https://",
        "http://x.org:99999/",
    ],
)
def test_non_links_are_rejected(raw):
    with pytest.raises(ValueError):
        normalize_link(raw)


def test_input_errors_are_in_the_readers_language():
    """The form's errors, the account's too, in the person's language; what they typed as
    typed."""
    with use_language("es"):
        with pytest.raises(AppealInputError) as link:
            AppealInput.parse({"account": "alice", "links": ["hf.co/alice", "nope"]})
        with pytest.raises(AppealInputError) as account:
            AppealInput.parse({"account": "not valid"})
    assert str(link.value).startswith("enlace 2: 'nope' no es un enlace; pega una dirección")
    assert str(account.value).startswith("cuenta: ") and "space" not in str(account.value)
    with use_language("ru"), pytest.raises(AppealInputError) as many:
        links = [f"https://a.example/{i}" for i in range(11)]
        AppealInput.parse({"account": "alice", "links": links})
    assert str(many.value) == (
        f"ссылка: не больше {MAX_LINKS} ссылок, пожалуйста: оставьте самые важные"
    )


def test_input_errors_are_friendly_and_name_the_field():
    with pytest.raises(AppealInputError, match=r"^link 2: 'nope' is not a link"):
        AppealInput.parse({"account": "alice", "links": ["hf.co/alice", "nope"]})
    with pytest.raises(
        AppealInputError, match=r"^signal: unknown signal 'mining'; choose from: duplicated-space"
    ):
        AppealInput.parse({"account": "alice", "signals": ["mining"]})
    with pytest.raises(AppealInputError, match=r"^account: .*space"):
        AppealInput.parse({"account": "not valid"})
    with pytest.raises(
        AppealInputError, match=r"^contacted: 'support' is not an email address or one of website, safety, or legal"
    ):
        AppealInput.parse({"account": "alice", "contacted": {"support": None}})
    with pytest.raises(
        AppealInputError,
        match=r"^contacted: when 'safety' was emailed must be a date \(YYYY-MM-DD\), 'recent' "
        r"or 'old', not 'last week'$",
    ):
        AppealInput.parse({"account": "alice", "contacted": {"safety": "last week"}})
    with pytest.raises(AppealInputError, match=f"at most {MAX_LINKS} links"):
        AppealInput.parse(
            {"account": "alice", "links": [f"https://hf.co/a/r{i}" for i in range(11)]}
        )


def test_input_normalises_and_deduplicates():
    inp = AppealInput.parse(
        {
            "account": "https://huggingface.co/spaces/Alice/demo",
            "lock_message": None,
            "links": ["hf.co/alice", "https://huggingface.co/alice/", " "],
            "signals": ["Keep-Alive", "keep-alive"],
            "contacted": {
                "Safety@HuggingFace.co": "2026-11-20",
                "safety": "2026-11-10",
                "me@x.org": None,
            },
        }
    )
    assert inp.account == "Alice" and inp.lock_message == ""
    assert inp.links == ("https://huggingface.co/alice",)
    assert inp.signals == ("keep-alive",)
    assert inp.contacted == {"safety": date(2026, 11, 20), "me@x.org": None}


def test_signals_are_checked_against_the_given_knowledge():
    small = KNOWLEDGE.model_copy(update={"signals": KNOWLEDGE.signals[:1]})
    with pytest.raises(AppealInputError, match=r"choose from: duplicated-space$"):
        AppealInput.parse({"account": "alice", "signals": ["automation"]}, knowledge=small)
    inp = AppealInput.parse({"account": "alice", "signals": ["automation"]})
    with pytest.raises(AppealInputError, match="automation"):
        draft_appeal(inp, knowledge=small, followup_days=5, today=TODAY)


def test_no_discord_import():
    code = (
        "import sys, bot.appeal.draft, bot.text, bot.knowledge, bot.cli.appeal; "
        "sys.exit('discord' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
