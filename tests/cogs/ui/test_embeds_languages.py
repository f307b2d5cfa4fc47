"""Every language, every input at its form limit, 96-character names, every signal: the draft and
the check report are nothing Discord would refuse (checked with the fake Discord's own checker)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput
from bot.appeal.limits import ACTIVITY_LIMIT, LOCK_MESSAGE_LIMIT
from bot.backup.plan import build_backup_plan
from bot.i18n import use_language
from bot.i18n.locales import LANGUAGES
from bot.knowledge import load_knowledge
from cogs.appeal.embeds import draft_message
from cogs.check.embeds import backup_embed, report_embed
from tests.cogs.ui.test_embeds import reports
from tests.fakes.fake_discord_validate import embed_errors

NAME = "a" * 96  # Hub names go up to 96 characters
SIGNALS = load_knowledge().signal_ids
words = st.text(alphabet="éàüжß漢 abc", min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LANGUAGES), words, st.booleans())
def test_draft_at_the_form_limits_fits_in_every_language(language, word, formal):
    appeal = AppealInput.parse({
        "account": NAME,
        "lock_message": (word * LOCK_MESSAGE_LIMIT)[:LOCK_MESSAGE_LIMIT],
        "activity": (word * ACTIVITY_LIMIT)[:ACTIVITY_LIMIT],
        "links": [f"https://huggingface.co/spaces/{NAME}/{NAME[:90]}{i}" for i in range(10)],
        "signals": list(SIGNALS),
        "formal": formal,
    })  # fmt: skip
    with use_language(language):
        draft = draft_appeal(appeal, knowledge=load_knowledge(), followup_days=5,
                             today=date(2026, 11, 25))  # fmt: skip
        message = draft_message(draft, NAME)
        assert embed_errors([dict(message["embed"].to_dict())]) == []
        assert len(message["content"]) <= 2000


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(LANGUAGES), reports)
def test_report_fits_in_every_language(language, report):
    with use_language(language):
        for embed in (report_embed(report), backup_embed(build_backup_plan(report))):
            assert embed_errors([dict(embed.to_dict())]) == []
