"""The routing table: which address, which stage, when to send and what to do next."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput
from bot.appeal.wording import ARGUMENTS_PLACEHOLDER
from bot.i18n import use_language
from tests.bot.appeal.helpers import (
    KNOWLEDGE,
    LEGAL,
    POLICY,
    SAFETY,
    TODAY,
    WEBSITE,
    ago,
    everything,
    make,
)


def test_first_contact_without_a_named_address_goes_to_website_with_safety_as_alternative():
    draft = make()
    assert (draft.stage, draft.to, draft.send_after) == ("first", WEBSITE, None)
    assert SAFETY in draft.why and "safety review" in draft.why
    assert "November 30, 2026" in draft.next_step
    assert draft.subject == "Review request for locked account: alice"
    assert LEGAL not in everything(draft)


def test_safety_contacted_two_days_ago_means_wait_then_follow_up_to_website():
    draft = make(contacted={"safety": ago(2)})
    assert (draft.stage, draft.to) == ("wait", WEBSITE)
    assert draft.send_after == ago(2) + timedelta(days=5) == date(2026, 11, 28)
    assert "November 28, 2026" in draft.next_step and WEBSITE in draft.next_step
    assert any("before November 28, 2026" in item for item in draft.checklist)
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


# --- earlier emails known only roughly (the Discord choices) --------------------------------------


def test_recent_email_without_a_date_waits_counted_from_today_and_says_so():
    draft = make(contacted={"safety": "recent"})
    assert (draft.stage, draft.to) == ("wait", WEBSITE)
    assert draft.send_after == TODAY + timedelta(days=5) == date(2026, 11, 30)
    assert f"You wrote to {SAFETY} less than 5 days ago" in draft.why
    assert "Wait until November 30, 2026: that is 5 days from today" in draft.next_step
    assert "was not given" in draft.next_step
    assert any("before November 30, 2026" in item for item in draft.checklist)
    assert f"- {SAFETY} less than 5 days ago, no reply so far" in draft.body
    assert ago(0).isoformat() not in draft.body and draft.warnings == ()


def test_email_sent_a_while_ago_follows_up_now_and_states_only_what_was_said():
    draft = make(days=7, contacted={"safety": "old"})
    assert (draft.stage, draft.to, draft.send_after) == ("follow-up", WEBSITE, None)
    assert f"- {SAFETY} 7 or more days ago, no reply so far" in draft.body
    assert ago(7).isoformat() not in everything(draft)  # no invented date anywhere
    assert " on 20" not in draft.body and draft.warnings == ()


def test_a_recent_email_outweighs_older_dated_ones():
    draft = make(contacted={"website": ago(3), "safety": "recent", "legal": "old"})
    assert draft.stage == "wait" and draft.send_after == TODAY + timedelta(days=5)
    assert f"{WEBSITE} on {ago(3).isoformat()}" in draft.body
    assert f"{LEGAL} 5 or more days ago" in draft.body


def test_the_same_email_told_twice_keeps_the_account_that_waits_longest():
    inp = AppealInput.parse({"account": "alice", "contacted": {"safety": "old", SAFETY: ago(2)}})
    assert inp.contacted == {"safety": ago(2)}
    inp = AppealInput.parse({"account": "alice", "contacted": {SAFETY: "recent", "safety": None}})
    assert inp.contacted == {"safety": "recent"}


# --- the wording each route fills in (found by the mutation run, bench/mutation.sh) ---------------


def test_first_contact_explains_the_route_and_follows_up_in_the_same_thread():
    draft = make()
    assert KNOWLEDGE.contact.route("website").use_when in draft.why
    # the shipped table sends first contact and follow-up to the same address: one thread
    assert "reply once in the same thread" in draft.next_step
    assert "send one short follow-up" not in draft.next_step


def test_a_first_route_other_than_the_follow_up_says_where_to_follow_up():
    contact = KNOWLEDGE.contact.model_copy(update={"first": "safety"})
    knowledge = KNOWLEDGE.model_copy(update={"contact": contact})
    inp = AppealInput.parse({"account": "alice"})
    draft = draft_appeal(inp, knowledge=knowledge, followup_days=5, today=TODAY)
    assert (draft.stage, draft.to) == ("first", SAFETY)
    assert f"send one short follow-up to {WEBSITE}" in draft.next_step
    assert "November 30, 2026" in draft.next_step


def test_a_named_address_says_why_and_where_to_follow_up():
    draft = make(lock_message="Locked. Write to appeals@eu.huggingface.co")  # a subdomain
    assert (draft.stage, draft.to) == ("first", "appeals@eu.huggingface.co")
    assert KNOWLEDGE.contact.named_address in draft.why
    assert f"send one short follow-up to {WEBSITE}" in draft.next_step
    same = make(lock_message=f"Locked. Write to {WEBSITE}")
    assert same.to == WEBSITE and KNOWLEDGE.contact.named_address in same.why
    assert "reply once in the same thread" in same.next_step
    assert "send one short follow-up" not in same.next_step


def test_a_dated_wait_says_when_and_where_the_last_email_went():
    draft = make(contacted={"website": ago(2), "safety": ago(4)})
    assert draft.why.startswith(f"You wrote to {WEBSITE} on {ago(2):%B} {ago(2).day}, {ago(2).year}, 2 days ago.")


def test_several_recent_emails_are_all_named():
    draft = make(contacted={"safety": "recent", "website": "recent"})
    assert draft.stage == "wait"
    assert f"You wrote to {WEBSITE} and {SAFETY} less than 5 days ago" in draft.why  # route order


@pytest.mark.parametrize(("language", "joined"), [("de", " und "), ("zh_CN", "和"), ("ja", "、")])
def test_the_addresses_written_to_are_a_list_in_the_reader_s_language(language, joined):
    with use_language(language):
        draft = make(contacted={"safety": "recent", "website": "recent"})
    assert f"{WEBSITE}{joined}{SAFETY}" in draft.why and " and " not in draft.why


def test_a_follow_up_to_a_new_address_is_not_called_the_same_thread():
    draft = make(contacted={"safety": ago(10)})
    assert draft.why.startswith(f"Your earlier email has had no reply for 5 days or more, so "
                                f"follow up with {WEBSITE}.")  # fmt: skip
    assert KNOWLEDGE.contact.route("website").use_when in draft.why
    again = make(contacted={"website": ago(10)})
    assert f"follow up once more, in the same thread, with {WEBSITE}." in again.why
