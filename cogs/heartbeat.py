"""The heartbeat: while connected, the bot records the time every `HEARTBEAT_EVERY_S` seconds
(`hf-support-bot health`, hence the Docker health check, reads it)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.db import HEARTBEAT_KEY, utcnow

if TYPE_CHECKING:
    from cogs.client import SupportBot

log = logging.getLogger(__name__)

HEARTBEAT_EVERY_S = 30.0


async def beat(bot: SupportBot) -> None:
    """Record a heartbeat while connected, until the bot closes (or the task is cancelled)."""
    await bot.wait_until_ready()
    while not bot.is_closed():
        try:
            await bot.services.db.set_meta(HEARTBEAT_KEY, utcnow())
        except Exception:  # the next beat retries; health turns red if it persists
            log.exception("could not record the heartbeat")
        await asyncio.sleep(HEARTBEAT_EVERY_S)
