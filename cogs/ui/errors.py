"""Failures reach the person: a plain sentence for refusals, a reference for anything else (the
traceback is logged under that reference)."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import discord
from discord import app_commands

from cogs.ui.language import activate
from cogs.ui.permissions import NotModerator
from cogs.ui.replies import reply
from cogs.ui.wording import ERRORS, say

log = logging.getLogger(__name__)


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Tell the person something failed, with a reference; log the traceback under it."""
    activate(interaction)
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, NotModerator):
        await _safe_reply(interaction, say(ERRORS, "moderators_only"))
        return
    if isinstance(error, app_commands.NoPrivateMessage):
        await _safe_reply(interaction, say(ERRORS, "server_only"))
        return
    ref = secrets.token_hex(4)
    log.error(
        "interaction failed [ref %s] user=%s command=%s",
        ref,
        interaction.user.id,
        interaction.command.qualified_name if interaction.command else "-",
        exc_info=error,
    )
    await _safe_reply(interaction, say(ERRORS, "failed", ref=ref))


async def _safe_reply(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        await reply(interaction, text)
    except discord.HTTPException as exc:
        log.warning("could not send the error message: %s", exc)
