"""Shared by the appeal tests: a fixed day, the shipped knowledge, a one-line draft maker."""

from __future__ import annotations

from datetime import date, timedelta

from bot.appeal.draft import AppealDraft, draft_appeal
from bot.appeal.inputs import AppealInput
from bot.knowledge import load_knowledge

TODAY = date(2026, 11, 25)
KNOWLEDGE = load_knowledge()
WEBSITE, SAFETY, LEGAL = "website@huggingface.co", "safety@huggingface.co", "legal@huggingface.co"
POLICY = "https://huggingface.co/content-policy"


def make(days: int = 5, summary: str | None = None, **fields: object) -> AppealDraft:
    """The draft for account alice with these input fields, on `TODAY`."""
    inp = AppealInput.parse({"account": "alice", **fields})
    return draft_appeal(
        inp, knowledge=KNOWLEDGE, followup_days=days, today=TODAY, report_summary=summary
    )


def ago(days: int) -> date:
    """`days` before `TODAY`."""
    return TODAY - timedelta(days=days)


def everything(draft: AppealDraft) -> str:
    """All the text of a draft, to look for what must not be anywhere."""
    return "\n".join(
        [draft.to, draft.why, draft.subject, draft.body, draft.next_step, *draft.checklist]
    )
