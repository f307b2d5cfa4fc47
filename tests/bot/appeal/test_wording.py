"""The email body: every field in its place, placeholders, truncation, hostile text."""

from __future__ import annotations

from typing import get_args

from bot.appeal.limits import ACTIVITY_LIMIT, LOCK_MESSAGE_LIMIT
from bot.appeal.stages import Stage
from bot.appeal.wording import (
    ACTIVITY_PLACEHOLDER,
    ARGUMENTS_PLACEHOLDER,
    EMAIL_PLACEHOLDER,
    LINKS_PLACEHOLDER,
    LOCK_PLACEHOLDER,
    STAGES,
    contact_line,
)
from bot.text import TRUNCATION_MARKER
from tests.bot.appeal.helpers import KNOWLEDGE, SAFETY, ago, make


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


def test_every_stage_has_its_wording_and_every_placeholder_gets_filled():
    assert set(STAGES) == set(get_args(Stage))
    drafts = [
        make(formal=True),
        make(lock_message="Write to safety@huggingface.co"),
        make(),
        make(contacted={"safety": ago(1)}),
        make(contacted={"safety": "recent"}),
        make(contacted={"website": "old"}),
        make(contacted={"safety": None}),
    ]
    assert {d.stage for d in drafts} == set(STAGES)
    for draft in drafts:
        text = "\n".join([draft.why, draft.next_step, draft.subject, draft.body, *draft.checklist])
        assert "{" not in text and "}" not in text


def test_an_earlier_email_is_described_only_as_the_person_told_it():
    assert contact_line("a@b.org", ago(3), 5) == "a@b.org on 2026-11-22, no reply so far"
    assert contact_line("a@b.org", None, 5) == "a@b.org (date not noted), no reply so far"
    assert contact_line("a@b.org", "recent", 5) == "a@b.org less than 5 days ago, no reply so far"
    assert contact_line("a@b.org", "old", 8) == "a@b.org 8 or more days ago, no reply so far"
