"""The follow-up a reminder carries: the next address and a fresh draft stating the earlier
emails and their dates, from the same routing and wording as `/appeal` (`bot.appeal`)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from bot.appeal.draft import AppealDraft, draft_appeal
from bot.appeal.inputs import AppealInput
from bot.cases.models import Case
from bot.i18n import t
from bot.knowledge import Knowledge
from bot.reminders.models import MAX_FOLLOWUPS
from bot.reminders.wording import WORDS


class Email(BaseModel):
    """An email the person said they sent."""

    to: str
    sent_on: date


class FollowUp(BaseModel):
    """What the reminder DM says: `text`, and the follow-up `draft` (None after the last)."""

    case_id: int
    account: str
    number: int
    text: str
    draft: AppealDraft | None = None
    remind_on: date | None = None  # when the next reminder would be, if the person asks


def build_followup(
    case: Case,
    emails: list[Email],
    number: int,
    *,
    signals: tuple[str, ...],
    knowledge: Knowledge,
    followup_days: int,
    today: date,
) -> FollowUp:
    """The `number`-th reminder of `case`, on `today`: a follow-up draft while `number` is at
    most `MAX_FOLLOWUPS`, after that the suggestion to ask the moderators."""
    if not emails:
        raise ValueError("a reminder needs at least one email sent")
    first, last = emails[0], emails[-1]
    values = {"ref": case.ref, "account": case.hf_account, "max": MAX_FOLLOWUPS}
    if number > MAX_FOLLOWUPS:
        text = t(WORDS["ask_moderators"], **values, first_sent=first.sent_on)
        return FollowUp(case_id=case.id, account=case.hf_account, number=number, text=text)
    contacted: dict[str, date] = {}
    for email in emails:  # the latest date per address (the routing keys on addresses)
        contacted[email.to] = max(email.sent_on, contacted.get(email.to, email.sent_on))
    appeal = AppealInput.parse(
        {"account": case.hf_account, "signals": signals, "contacted": contacted},
        knowledge=knowledge,
    )
    draft = draft_appeal(appeal, knowledge=knowledge, followup_days=followup_days, today=today)
    text = t(
        WORDS["followup"],
        **values,
        days=(today - last.sent_on).days,
        last_to=last.to,
        last_sent=last.sent_on,
        number=number,
        to=draft.to,
    )
    return FollowUp(
        case_id=case.id, account=case.hf_account, number=number, text=text, draft=draft,
        remind_on=today.fromordinal(today.toordinal() + followup_days),
    )  # fmt: skip
