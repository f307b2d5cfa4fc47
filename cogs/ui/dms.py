"""Direct messages, reporting Discord's refusal code instead of raising."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.cases.dm_refusals import RATE_LIMITED
from cogs.ui.replies import NO_MENTIONS

log = logging.getLogger(__name__)


async def send_dm(user: discord.User | discord.Member, **kwargs: Any) -> int | None:
    """Send a direct message. None when it arrived, else Discord's error code (closed DMs answer
    403 with 50007; a refused body 400 with 50035; 0 when Discord gave none; `RATE_LIMITED`
    when Discord asked to wait longer than the client waits)."""
    try:
        channel = await user.create_dm()
        await channel.send(allowed_mentions=NO_MENTIONS, **kwargs)
    except discord.RateLimited as exc:
        log.warning("DM to %s rate limited (retry after %.0f s)", user.id, exc.retry_after)
        return RATE_LIMITED
    except discord.HTTPException as exc:
        level = logging.INFO if isinstance(exc, discord.Forbidden) else logging.WARNING
        log.log(level, "DM to %s refused (HTTP %s, code %s)", user.id, exc.status, exc.code)
        return exc.code
    return None


async def send_dm_to(client: discord.Client, user_id: int, **kwargs: Any) -> int | None:
    """`send_dm` to a person known only by id (a DM sent later: reminders, case updates); a
    person Discord no longer knows gives that error's code, like a refused DM."""
    user = client.get_user(user_id)
    if user is None:
        try:
            user = await client.fetch_user(user_id)
        except discord.RateLimited as exc:
            log.warning("DM to %s: user lookup rate limited (%.0f s)", user_id, exc.retry_after)
            return RATE_LIMITED
        except discord.HTTPException as exc:
            log.warning("DM to %s: user not found (HTTP %s, code %s)", user_id, exc.status, exc.code)
            return exc.code
    return await send_dm(user, **kwargs)
