"""The routing table of an appeal: which address, at which stage, and what to do next.

Pure: `route_appeal` gets the cleaned lock message, earlier emails and today's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.knowledge import EMAIL_RE, Knowledge

Stage = Literal["first", "follow-up", "wait", "formal"]
"""first: nothing sent yet; follow-up: send now after an unanswered email; wait: a follow-up to
send later (`send_after`); formal: contesting a moderation decision."""


class Route(BaseModel):
    """Where to send, why, and what comes next."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    to: str
    why: str
    next_step: str
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
    formal: bool,
    lock_message: str,
    contacts: Sequence[tuple[str, date | None]],
    knowledge: Knowledge,
    days: int,
    today: date,
) -> Route:
    """The routing table; `contacts` are `(address, date or None)` of earlier emails.

    formal → the formal route (legal). Else an address named in the lock message and not yet
    written to → that address. Else nothing contacted → the first route (website), safety as the
    alternative. Else, if the latest dated email is under `days` old → wait until it is, then
    send the follow-up (to website); otherwise (older, or no date known) → follow up now.
    """
    contact = knowledge.contact
    follow = contact.route(contact.follow_up).address
    reply_by = (today + timedelta(days=days)).isoformat()
    if formal:
        to = contact.route(contact.formal).address
        return Route(
            stage="formal",
            to=to,
            why=f"You want to contest a moderation decision formally: the Content Policy "
            f"({knowledge.policy.url}) names {to} for that, with your arguments and evidence.",
            next_step=f"Allow {days} days. If nothing has come by {reply_by}, reply once in the "
            "same thread rather than writing again from scratch.",
        )
    named = named_address(lock_message, contact.official_domain)
    written = {address for address, _ in contacts}
    then_follow = (
        f"If there is no reply by {reply_by}, send one short follow-up to {follow} "
        "from the same address."
    )
    if named and named not in written:
        return Route(
            stage="first",
            to=named,
            why=f"{contact.named_address} Here that is {named}.",
            next_step=then_follow if named != follow else _same_thread(reply_by),
        )
    if not contacts:
        first = contact.route(contact.first)
        safety = contact.route(contact.safety).address
        return Route(
            stage="first",
            to=first.address,
            why=f"{first.address}: {first.use_when} If the lock screen or a safety review "
            f"points to {safety}, send it there instead.",
            next_step=then_follow if first.address != follow else _same_thread(reply_by),
        )
    dated = [(when, address) for address, when in contacts if when is not None]
    latest, last_address = max(dated) if dated else (None, "")
    if latest is not None and (today - latest).days < days:
        due = latest + timedelta(days=days)
        waited = (today - latest).days
        return Route(
            stage="wait",
            to=follow,
            why=f"You wrote to {last_address} on {latest.isoformat()}, {waited} day(s) ago. Give "
            f"it {days} days before following up; this draft is the follow-up for {follow}.",
            next_step=f"Wait until {due.isoformat()}. If no reply has come by then, send this "
            f"draft to {follow} from your registered address.",
            send_after=due,
        )
    again = " once more, in the same thread," if follow in written else ""
    return Route(
        stage="follow-up",
        to=follow,
        why=f"Your earlier email has had no reply for {days} days or more, so follow up{again} "
        f"with {follow}. {contact.route(contact.follow_up).use_when}",
        next_step=_same_thread(reply_by),
    )


def _same_thread(reply_by: str) -> str:
    return (
        f"If there is no reply by {reply_by}, reply once in the same thread; please do not open "
        "new tickets."
    )
