"""The bot's Hugging Face token as the Hub sees it: asked at start (`whoami`), recorded in the
database for `hf-support-bot health`, and whether moderators should be told."""

from __future__ import annotations

import asyncio

from bot.db import Database
from bot.hub.client import HubClient
from bot.hub.token import TokenState

HUB_TOKEN_KEY = "hub_token_state"  # noqa: S105 - a meta key, not a secret
"""Meta key where the running bot records `HubToken.state` (read by `health`)."""
VALIDATE_TIMEOUT_S = 15.0


async def validate_at_start(hub: HubClient, db: Database) -> TokenState:
    """Ask the Hub about the token once (one log line either way) and record the answer."""
    deadline = asyncio.get_running_loop().time() + VALIDATE_TIMEOUT_S
    state = await hub.validate_token(deadline)
    await db.set_meta(HUB_TOKEN_KEY, state)
    return state


async def record(hub: HubClient, db: Database, previous: TokenState) -> bool:
    """Record the token's state now; whether it became refused since `previous` (moderators are
    told once per refusal)."""
    state = hub.token.state
    if state != previous:
        await db.set_meta(HUB_TOKEN_KEY, state)
    return state == "refused" and previous != "refused"


def health_problem(state: str | None) -> str | None:
    """Why `health` fails because of the token, or None (English, for operators)."""
    if state == "refused":
        return (
            "unhealthy: the Hub refused HF_TOKEN (revoked, expired, or its account is locked); "
            "checks run without it. Put a valid token in HF_TOKEN and restart"
        )
    return None
