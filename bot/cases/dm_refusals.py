"""Why Discord refused a direct message, told apart by its JSON error code (Discord docs,
Topics → Opcodes and Status Codes → JSON error codes)."""

from __future__ import annotations

from typing import Final

CLOSED_DMS: Final = 50007  # "Cannot send messages to this user": DMs closed, or a block
NO_MUTUAL_GUILDS: Final = 50278  # no server in common with the bot any more
MISSING_ACCESS: Final = 50001
# Our code for discord.py's `RateLimited` (a 429 asking a wait over `max_ratelimit_timeout`;
# no JSON error code comes with it).
RATE_LIMITED: Final = 429

_REASONS: Final = {
    CLOSED_DMS: "closed",
    NO_MUTUAL_GUILDS: "no_mutual",
    MISSING_ACCESS: "no_access",
    RATE_LIMITED: "rate_limited",
}


def refusal(code: int | None) -> str:
    """The reason's name for a refusal `code`: closed, no_mutual, no_access, rate_limited or
    other."""
    return _REASONS.get(code or 0, "other")
