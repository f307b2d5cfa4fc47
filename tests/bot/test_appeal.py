"""Appeal drafting: input validation, the routing table, the email body, mailto links."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.appeal.draft import (
    ACTIVITY_LIMIT,
    LOCK_MESSAGE_LIMIT,
    MAX_LINKS,
    AppealDraft,
    AppealInput,
    AppealInputError,
    draft_appeal,
    normalize_link,
)
from bot.appeal.wording import (
    ACTIVITY_PLACEHOLDER,
    ARGUMENTS_PLACEHOLDER,
    EMAIL_PLACEHOLDER,
    LINKS_PLACEHOLDER,
    LOCK_PLACEHOLDER,
)
from bot.knowledge import load_knowledge
from bot.text import TRUNCATION_MARKER

TODAY = date(2026, 11, 25)
KNOWLEDGE = load_knowledge()
WEBSITE, SAFETY, LEGAL = "website@huggingface.co", "safety@huggingface.co", "legal@huggingface.co"
POLICY = "https://huggingface.co/content-policy"


def make(days: int = 5, summary: str | None = None, **fields: object) -> AppealDraft:
    inp = AppealInput.parse({"account": "alice", **fields})
    return draft_appeal(
        inp, knowledge=KNOWLEDGE, followup_days=days, today=TODAY, report_summary=summary
    )


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def everything(draft: AppealDraft) -> str:
    return "\n".join(
        [draft.to, draft.why, draft.subject, draft.body, draft.next_step, *draft.checklist]
    )


# --- routing table -------------------------------------------------------------------------------


def test_first_contact_without_a_named_address_goes_to_website_with_safety_as_alternative():
    draft = make()
    assert (draft.stage, draft.to, draft.send_after) == ("first", WEBSITE, None)
    assert SAFETY in draft.why and "safety review" in draft.why
    assert "2026-11-30" in draft.next_step
    assert draft.subject == "Review request for locked account: alice"
    assert LEGAL not in everything(draft)


def test_safety_contacted_two_days_ago_means_wait_then_follow_up_to_website():
    draft = make(contacted={"safety": ago(2)})
    assert (draft.stage, draft.to) == ("wait", WEBSITE)
    assert draft.send_after == ago(2) + timedelta(days=5) == date(2026, 11, 28)
    assert "2026-11-28" in draft.next_step and WEBSITE in draft.next_step
    assert any("before 2026-11-28" in item for item in draft.checklist)
    assert f"{SAFETY} on {ago(2).isoformat()}" in draft.body
    assert draft.subject.startswith("Follow-up")


def test_safety_contacted_ten_days_ago_means_follow_up_to_website_now():
    draft = make(contacted={"safety": ago(10)})
    assert (draft.stage, draft.to, draft.send_after) == ("follow-up", WEBSITE, None)
    assert f"{SAFETY} on 2026-11-15, no reply so far" in draft.body
    assert "I have written before" in draft.body
    assert LEGAL not in everything(draft)
    assert draft.warnings == ()


@pytest.mark.parametrize(("days_ago", "stage"), [(4, "wait"), (5, "follow-up"), (6, "follow-up")])
def test_followup_days_boundary(days_ago, stage):
    assert make(contacted={"safety": ago(days_ago)}).stage == stage


def test_wait_uses_followup_days_setting():
    draft = make(days=10, contacted={"safety": ago(6)})
    assert draft.stage == "wait" and draft.send_after == ago(6) + timedelta(days=10)


def test_safety_contacted_without_a_date_follows_up_now_with_a_warning():
    draft = make(contacted={"safety@huggingface.co": None})
    assert (draft.stage, draft.to) == ("follow-up", WEBSITE)
    assert f"{SAFETY} (date not noted)" in draft.body
    assert len(draft.warnings) == 1 and "less than 5 days" in draft.warnings[0]


def test_website_unanswered_means_following_up_in_the_same_thread():
    draft = make(contacted={"website": ago(6)})
    assert (draft.stage, draft.to) == ("follow-up", WEBSITE)
    assert "once more" in draft.why
    assert "following up on my earlier email" in draft.body
    assert LEGAL not in everything(draft)


def test_latest_dated_email_decides_the_wait():
    draft = make(contacted={"safety": ago(12), "website": ago(1)})
    assert draft.stage == "wait" and draft.send_after == ago(1) + timedelta(days=5)
    assert draft.body.index(WEBSITE + " on") < draft.body.index(SAFETY + " on")  # route order


def test_formal_contest_goes_to_legal_with_the_content_policy_link():
    draft = make(formal=True, contacted={"safety": ago(2)})
    assert (draft.stage, draft.to, draft.send_after) == ("formal", LEGAL, None)
    assert POLICY in draft.why and POLICY in draft.body
    assert ARGUMENTS_PLACEHOLDER in draft.body
    assert draft.subject.startswith("Contesting a moderation decision")
    assert any("evidence" in item for item in draft.checklist)
    assert "I am sorry" not in draft.body


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Account locked. Contact Support@HuggingFace.co for help.", "support@huggingface.co"),
        ("Locked; write to safety@huggingface.co.", SAFETY),
        ("Locked. Reply to help@huggingface.co.evil.example now", WEBSITE),
        ("Locked. Write to someone@example.org", WEBSITE),
    ],
)
def test_lock_message_naming_an_official_address_routes_there(message, expected):
    draft = make(lock_message=message)
    assert (draft.stage, draft.to) == ("first", expected)
    if expected != WEBSITE:
        assert expected in draft.why
        assert WEBSITE in draft.next_step


def test_named_address_already_written_to_follows_the_usual_table():
    message = "Contact safety@huggingface.co"
    assert make(lock_message=message, contacted={"safety": ago(1)}).stage == "wait"
    assert make(lock_message=message, contacted={"safety": ago(9)}).to == WEBSITE


def test_future_contact_date_is_read_as_today_with_a_warning():
    draft = make(contacted={"safety": TODAY + timedelta(days=3)})
    assert draft.stage == "wait" and draft.send_after == TODAY + timedelta(days=5)
    assert any("after today" in w for w in draft.warnings)


# --- the body ------------------------------------------------------------------------------------


def test_every_field_lands_in_the_body():
    draft = make(
        lock_message="Your account has been locked.\nReason: internal alert",
        links=["hf.co/spaces/alice/demo/", "https://example.org/notes?a=1"],
        activity="Testing an agent workflow\nwith two Spaces",
        signals=["duplicated-space", "keep-alive"],
        contacted={"safety": ago(10)},
        summary="2 public Spaces and 1 model still visible",
    )
    body = draft.body
    assert "Username: alice" in body and body.rstrip().endswith("alice")
    assert "  > Your account has been locked.\n  > Reason: internal alert" in body
    assert "- https://huggingface.co/spaces/alice/demo\n- https://example.org/notes?a=1" in body
    assert "- Testing an agent workflow\n  with two Spaces" in body
    for signal in ("duplicated-space", "keep-alive"):
        assert KNOWLEDGE.signal(signal).fragment in body
    assert "Still publicly visible\n- 2 public Spaces and 1 model still visible" in body
    assert f"{SAFETY} on 2026-11-15" in body
    assert "remove, disable or change" in body and "export" in body and "temporary access" in body
    assert EMAIL_PLACEHOLDER in body
    for placeholder in (LOCK_PLACEHOLDER, LINKS_PLACEHOLDER, ACTIVITY_PLACEHOLDER):
        assert placeholder not in body
    assert any("Attach a screenshot" in item for item in draft.checklist)


def test_placeholders_when_fields_are_empty():
    draft = make()
    for placeholder in (
        EMAIL_PLACEHOLDER,
        LOCK_PLACEHOLDER,
        LINKS_PLACEHOLDER,
        ACTIVITY_PLACEHOLDER,
    ):
        assert placeholder in draft.body
    assert "Still publicly visible" not in draft.body and "Earlier emails" not in draft.body
    assert ARGUMENTS_PLACEHOLDER not in draft.body
    assert any("[FILL IN:" in item for item in draft.checklist)
    assert any("Paste the exact lock message" in item for item in draft.checklist)


def test_signals_alone_replace_the_activity_placeholder():
    draft = make(signals=["large-uploads"])
    assert ACTIVITY_PLACEHOLDER not in draft.body
    assert KNOWLEDGE.signal("large-uploads").fragment in draft.body


def test_over_long_text_is_truncated_with_a_marker_and_warnings():
    draft = make(
        lock_message="L" * 5000,
        activity="A" * 5000,
        summary="S " * 1000,
        contacted={"safety": ago(9)},
    )
    assert draft.body.count(TRUNCATION_MARKER) == 3
    assert "L" * (LOCK_MESSAGE_LIMIT - len(TRUNCATION_MARKER) - 1) in draft.body
    assert "L" * LOCK_MESSAGE_LIMIT not in draft.body and "A" * ACTIVITY_LIMIT not in draft.body
    assert len(draft.warnings) == 3
    assert "lock message" in draft.warnings[0] and "1,000" in draft.warnings[0]
    assert "activity" in draft.warnings[1] and "summary" in draft.warnings[2]


def test_hostile_input_is_cleaned_but_the_persons_words_are_kept():
    hostile = "```\n@everyone \u202egnp.exe\u202c <@123> **bold** \x07\u2066x\u2069"
    draft = make(lock_message=hostile, activity=hostile, summary="ok\u202e\nline two")
    for char in ("\u202e", "\u202c", "\u2066", "\u2069", "\x07"):
        assert char not in draft.body
    assert "  > ```\n  > @everyone gnp.exe <@123> **bold** x" in draft.body  # not escaped
    assert "- ok line two" in draft.body  # the summary stays one line


def test_same_input_same_draft():
    fields = {
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
        AppealInputError, match=r"^contacted: 'support' is not one of website, safety, legal"
    ):
        AppealInput.parse({"account": "alice", "contacted": {"support": None}})
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
