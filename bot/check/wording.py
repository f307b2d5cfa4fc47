"""What a person is told about the check queue (one table; issue 14 wraps it in gettext)."""

from __future__ import annotations

import math

QUEUED = (
    "Many people are checking accounts right now, and the Hugging Face Hub only answers so many "
    "requests every few minutes. You are number {position} in the queue; your check should run "
    "in about {minutes}. This message will show the result when it is ready. If that takes more "
    "than 15 minutes, the result comes by DM; or run /checkaccount again later: a finished check "
    "is answered at once."
)
ALREADY_QUEUED = (
    "Your check of `{account}` is still waiting (number {position} in the queue, about "
    "{minutes}). It will answer where you asked it; there is no need to ask again."
)
RUNNING = "Your check is running now."
LATE_DM = (
    "Your check of `{account}` is ready (it waited in the queue longer than Discord lets us "
    "edit the first answer)."
)
CLI_WAIT = "The Hub's request quota is used up for now: waiting about {minutes} for the check..."


def minutes(seconds: float) -> str:
    """A rough duration: "less than a minute", "1 minute", "N minutes"."""
    if seconds < 60:
        return "less than a minute"
    count = math.ceil(seconds / 60)
    return "1 minute" if count == 1 else f"{count} minutes"
