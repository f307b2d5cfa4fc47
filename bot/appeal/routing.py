"""The routing table of an appeal: which address, at which stage, and what to do next.

Pure: `route_appeal` gets the cleaned lock message, earlier emails and today's date, picks the
stage and its case, and fills that stage's wording (`bot.appeal.wording.STAGES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from bot.appeal.stages import Sent, Stage
from bot.appeal.wording import STAGES
from bot.i18n import gettext, listing, t
from bot.knowledge import EMAIL_RE, Knowledge


class Route(BaseModel):
    """Where to send, why, what comes next, and the stage's own words for the email."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    to: str
    why: str
    next_step: str
    subject: str
    opening: str
    closing: str
    checklist: tuple[str, ...] = ()
    send_after: date | None = None


def named_address(lock_message: str, domain: str) -> str | None:
    """The first address at `domain` (or a subdomain) quoted in the lock message."""
    for match in EMAIL_RE.finditer(lock_message):
        address = match.group().lower()
        host = address.rsplit("@", 1)[1]
        if host == domain or host.endswith("." + domain):
            return address
    return None


def route_appeal(
    *,
    account: str,
    formal: bool,
    lock_message: str,
    contacts: Sequence[tuple[str, Sent]],
    knowledge: Knowledge,
    days: int,
    today: date,
) -> Route:
    """The routing table; `contacts` are `(address, when sent)` of earlier emails.

    formal → the formal route (legal). Else an address named in the lock message and not yet
    written to → that address. Else nothing contacted → the first route (website), safety as the
    alternative. Else, if an email was sent under `days` days ago (by its date, or "recent")
    → wait until `days` have passed (counted from today when the day is not known), then send
    the follow-up (to website); otherwise ("old", older, or no date known) → follow up now.
    """
    contact = knowledge.contact
    follow_route = contact.route(contact.follow_up)
    follow = follow_route.address
    values: dict[str, object] = {
        "account": account,
        "days": days,
        "reply_by": today + timedelta(days=days),
        "follow_up": follow,
        "policy_url": knowledge.policy.url,
    }
    written = {address for address, _ in contacts}

    def fill(stage: Stage, to: str, case: str, step: str, send_after: date | None = None) -> Route:
        words = STAGES[stage]
        opening = "usual"
        if stage in ("wait", "follow-up"):
            opening = "same-address" if to in written else "new-address"
        filled = {**values, "to": to, "send_after": send_after}  # dates as the language writes them
        email = {k: v.isoformat() if isinstance(v, date) else v for k, v in filled.items()}
        return Route(
            stage=stage,
            to=to,
            why=t(words.why[case], **filled),  # guidance: in the person's language
            next_step=t(words.next_step[step], **filled),
            subject=words.subject.format_map(email),  # the email stays English
            opening=words.opening[opening].format_map(email),
            closing=words.closing,
            checklist=tuple(t(line, **filled) for line in words.checklist),
            send_after=send_after,
        )

    if formal:
        return fill("formal", contact.route(contact.formal).address, "usual", "usual")
    named = named_address(lock_message, contact.official_domain)
    if named and named not in written:
        values["named_address"] = gettext(contact.named_address)
        step = "then-follow-up" if named != follow else "same-thread"
        return fill("first", named, "named", step)
    if not contacts:
        first = contact.route(contact.first)
        values["use_when"] = gettext(first.use_when)
        values["safety"] = contact.route(contact.safety).address
        step = "then-follow-up" if first.address != follow else "same-thread"
        return fill("first", first.address, "usual", step)
    recent = [address for address, sent in contacts if sent == "recent"]
    if recent:
        values["last_address"] = listing(recent)  # guidance: "a and b" as the reader writes it
        return fill("wait", follow, "recent", "recent", today + timedelta(days=days))
    dated = [(sent, address) for address, sent in contacts if isinstance(sent, date)]
    latest, last_address = max(dated) if dated else (None, "")
    if latest is not None and (today - latest).days < days:
        values.update(
            last_address=last_address, sent=latest, waited=(today - latest).days
        )
        return fill("wait", follow, "dated", "dated", latest + timedelta(days=days))
    values["use_when"] = gettext(follow_route.use_when)
    case = "same-address" if follow in written else "new-address"
    return fill("follow-up", follow, case, "same-thread")
