"""The heartbeat: while connected, the bot records the time every `HEARTBEAT_EVERY_S` seconds
(`hf-support-bot health`, hence the Docker health check, reads it), and the state of its Hugging
Face token, asked once at start; a refused token is announced in the home server's mod-log."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot import token_status
from bot.db import HEARTBEAT_KEY, utcnow
from bot.hub.token import TokenState
from bot.hub.wording import TOKEN
from bot.i18n import t
from cogs.services import services_of
from cogs.ui.case_log import post_to_modlog

log = logging.getLogger(__name__)

HEARTBEAT_EVERY_S = 30.0


async def beat(bot: discord.Client) -> None:
    """Record a heartbeat while connected, until the bot closes (or the task is cancelled)."""
    await bot.wait_until_ready()
    svc = services_of(bot)
    state: TokenState = "unchecked"
    try:
        state = await token_status.validate_at_start(svc.hub, svc.db)
        if state == "refused":
            await _tell_moderators(bot)
    except Exception:  # the beats below record the state the Hub's answers give
        log.exception("could not check HF_TOKEN at start")
    while not bot.is_closed():
        try:
            await svc.db.set_meta(HEARTBEAT_KEY, utcnow())
            if await token_status.record(svc.hub, svc.db, state):
                await _tell_moderators(bot)
            state = svc.hub.token.state
        except Exception:  # the next beat retries; health turns red if it persists
            log.exception("could not record the heartbeat")
        await asyncio.sleep(HEARTBEAT_EVERY_S)


async def _tell_moderators(bot: discord.Client) -> None:
    home = services_of(bot).settings.home_guild()
    await post_to_modlog(bot, home, lambda: {"content": t(TOKEN["modlog_refused"])})
