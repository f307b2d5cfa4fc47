"""The kinds of appeal email, and how the time of an earlier email is known."""

from __future__ import annotations

from datetime import date
from typing import Literal

Stage = Literal["first", "follow-up", "wait", "formal"]
"""first: nothing sent yet; follow-up: send now after an unanswered email; wait: a follow-up to
send later (`send_after`); formal: contesting a moderation decision."""

Approximate = Literal["recent", "old"]
"""When an earlier email was sent, as the person could tell us, measured in follow-up days (the
`FOLLOWUP_DAYS` setting): "recent" is less than that many days ago, "old" that many or more."""

Sent = date | Approximate | None
"""When an earlier email was sent: its date, roughly, or `None` when not known at all."""
