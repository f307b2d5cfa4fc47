"""The 6,000-character total is crossed only in narrow windows of input lengths (a sweep found
6,001-6,009 in de, es, fr, hi, id, pt-BR, ru and tr, never in English), which inputs at their
limits miss: sweep the lengths, in every language, for the draft DM, the reminder DM (a preface,
the follow-up draft and its buttons) and the case DMs. Checked as the fake Discord checks."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import discord

from bot.appeal.draft import AppealDraft, draft_appeal
from bot.appeal.inputs import AppealInput
from bot.appeal.limits import ACTIVITY_LIMIT, LOCK_MESSAGE_LIMIT
from bot.cases.rows import MAX_NOTE_CHARS
from bot.i18n import use_language
from bot.i18n.locales import LANGUAGES
from bot.knowledge import load_knowledge
from bot.reminders.followup import FollowUp
from bot.servers.wording import say
from cogs.appeal.embeds import draft_message
from cogs.appeal.reminders import followup_message
from cogs.ui import limits
from tests.fakes.fake_discord_validate import embed_errors

KNOWLEDGE = load_knowledge()
NAMES = ("alice", "a" * 48 + "-" + "b" * 47)  # 96 characters: the longest the Hub allows
LINKS = [f"https://huggingface.co/alice/model-{n}" for n in range(5)]


def refused(message: dict[str, Any]) -> list[str]:
    """What Discord would refuse in a message's content and embeds."""
    embeds = [cast("dict[str, Any]", e.to_dict()) for e in [message.get("embed")] if e]
    errors = embed_errors(embeds)
    if len(message.get("content") or "") > limits.CONTENT:
        errors.append(f"content is {len(message['content'])} characters")
    if isinstance(message.get("view"), discord.ui.View):
        errors += [f"label {i.label!r}" for i in message["view"].children
                   if isinstance(i, discord.ui.Button) and len(i.label or "") > 80]  # fmt: skip
    return errors


def draft(account: str, activity: int) -> AppealDraft:
    appeal = AppealInput.parse(
        {"account": account, "lock_message": "x" * LOCK_MESSAGE_LIMIT, "activity": "y" * activity,
         "links": LINKS, "signals": list(KNOWLEDGE.signal_ids)},
        knowledge=KNOWLEDGE,
    )
    return draft_appeal(appeal, knowledge=KNOWLEDGE, followup_days=5, today=date(2026, 12, 5))


def test_draft_and_reminder_dms_over_a_sweep_of_lengths_in_every_language():
    for language in LANGUAGES:
        with use_language(language):
            for activity in range(0, ACTIVITY_LIMIT + 1, 20):
                for account in NAMES:
                    made = draft(account, activity)
                    assert refused(draft_message(made, account)) == [], (language, activity)
                    reminder = FollowUp(case_id=10**12, account=account, number=2,
                                        text="r" * 700, draft=made, remind_on=date(2027, 1, 1))  # fmt: skip
                    assert refused(followup_message(reminder)) == [], (language, activity)


def test_case_dms_with_the_longest_note_in_every_language():
    for language in LANGUAGES:
        with use_language(language):
            for key in ("status_dm", "note_dm"):
                text = say(key, ref="#" + "9" * 18, account=NAMES[1], status="x" * 40,
                           text="n" * MAX_NOTE_CHARS)  # fmt: skip
                assert len(f"{text}\n-# {say('dm_footer')}") <= limits.CONTENT, (language, key)
