"""Appeal drafting: from what a person tells us to a calm, factual email for the right address.

`bot.appeal.inputs.AppealInput` is the validated input; `draft_appeal()` picks
the route (`bot.appeal.routing`) and writes an `AppealDraft`. Pure and deterministic: no I/O,
no clock.
The bot never asks for the registered email address: the body keeps a placeholder for it.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from pydantic import (
    BaseModel,
    ConfigDict,
)

from bot.appeal.inputs import AppealInput, AppealInputError, FormProblem
from bot.appeal.limits import (
    ACTIVITY_LIMIT,
    LOCK_MESSAGE_LIMIT,
    SUMMARY_LIMIT,
)
from bot.appeal.routing import route_appeal
from bot.appeal.stages import Sent, Stage
from bot.appeal.wording import (
    CHECKLIST,
    CUT_PARTS,
    FIELD_LABELS,
    FORM_ERRORS,
    PLACEHOLDER,
    WARNINGS,
    compose_body,
)
from bot.i18n import gettext, t
from bot.knowledge import ONE_TICKET_ADVICE, Knowledge
from bot.text import clean_text


class AppealDraft(BaseModel):
    """The email to send and what to do around it. `send_after` is set when it is too early."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stage: Stage
    to: str
    why: str
    subject: str
    body: str
    checklist: tuple[str, ...]
    next_step: str
    warnings: tuple[str, ...] = ()
    send_after: date | None = None

    def mailto(self, *, include_body: bool = True) -> str:
        """A percent-encoded `mailto:` URL (RFC 6068: line breaks in the body as `%0D%0A`)."""
        query = "subject=" + quote(self.subject, safe="")
        if include_body:
            query += "&body=" + quote(self.body.replace("\n", "\r\n"), safe="")
        return f"mailto:{quote(self.to, safe='@')}?{query}"


def draft_appeal(
    inp: AppealInput,
    *,
    knowledge: Knowledge,
    followup_days: int,
    today: date,
    report_summary: str | None = None,
) -> AppealDraft:
    """Route and write the appeal. Same arguments, same draft."""
    if followup_days < 1:
        raise ValueError("followup_days must be at least 1")
    warnings: list[str] = []
    lock_message = _clean(inp.lock_message, LOCK_MESSAGE_LIMIT, CUT_PARTS["lock"], warnings)
    activity = _clean(inp.activity, ACTIVITY_LIMIT, CUT_PARTS["activity"], warnings)
    summary = ""
    if report_summary:
        summary = _clean(report_summary, SUMMARY_LIMIT, CUT_PARTS["summary"], warnings, single=True)
    try:
        fragments = [knowledge.signal(s).fragment for s in inp.signals]
    except KeyError as exc:
        problem = FormProblem("no_such_signal", signal=repr(exc.args[0]))
        raise AppealInputError(
            t(FORM_ERRORS["field"], field=t(FIELD_LABELS["signals"]), problem=problem.text())
        ) from None
    contacts = _prior_contacts(inp, knowledge, today, warnings)
    route = route_appeal(
        account=inp.account,
        formal=inp.formal,
        lock_message=lock_message,
        contacts=contacts,
        knowledge=knowledge,
        days=followup_days,
        today=today,
    )
    if route.stage == "follow-up":
        warnings.extend(
            t(WARNINGS["undated"], address=address, days=followup_days)
            for address, sent in contacts
            if sent is None
        )
    body = compose_body(
        account=inp.account,
        opening=route.opening,
        closing=route.closing,
        formal=route.stage == "formal",
        lock_message=lock_message,
        links=inp.links,
        activity=activity,
        fragments=fragments,
        summary=summary,
        contacts=contacts,
        days=followup_days,
    )
    policy = knowledge.policy
    checklist = [
        t(CHECKLIST["send-from"], send_from=gettext(knowledge.contact.send_from)),
        t(CHECKLIST["attach-lock" if lock_message else "paste-lock"]),
    ]
    if PLACEHOLDER in body:
        checklist.append(t(CHECKLIST["placeholders"], placeholder=PLACEHOLDER))
    if inp.signals:
        checklist.append(
            t(CHECKLIST["policy"], section=gettext(policy.section), note=gettext(policy.note))
        )
    checklist.extend(route.checklist)
    one_ticket = gettext(knowledge.advice_text(ONE_TICKET_ADVICE))
    checklist.append(t(CHECKLIST["send-once"], days=followup_days, one_ticket=one_ticket))
    return AppealDraft(
        stage=route.stage,
        to=route.to,
        why=route.why,
        subject=route.subject,
        body=body,
        checklist=tuple(checklist),
        next_step=route.next_step,
        warnings=tuple(warnings),
        send_after=route.send_after,
    )


def _clean(text: str, limit: int, what: str, warnings: list[str], *, single: bool = False) -> str:
    cleaned, cut = clean_text(text, limit, multiline=not single)
    if cut:
        warnings.append(t(WARNINGS["cut"], what=t(what), limit=limit))
    return cleaned


def _prior_contacts(
    inp: AppealInput, knowledge: Knowledge, today: date, warnings: list[str]
) -> list[tuple[str, Sent]]:
    """`(address, when sent)` of earlier emails, in route order then by address."""
    contact = knowledge.contact
    order = {r.address: i for i, r in enumerate(contact.routes)}
    out: list[tuple[str, Sent]] = []
    for key, sent in inp.contacted.items():
        route = next((r for r in contact.routes if r.id == key), None)
        address = route.address if route else key
        if isinstance(sent, date) and sent > today:
            warnings.append(t(WARNINGS["future"], address=address))
            sent = today
        out.append((address, sent))
    return sorted(out, key=lambda item: (order.get(item[0], len(order)), item[0]))
