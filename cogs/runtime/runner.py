"""What the CLI's `run` and `sync` start: the bot until interrupted, or one forced command sync.
Imported by `bot.cli.run` only inside the function that needs it, so the core never imports
discord."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.config import Settings
from cogs.runtime.client import create_bot
from cogs.runtime.sync import SyncError, sync_commands

log = logging.getLogger(__name__)


def _token(settings: Settings) -> str:
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    return settings.discord_token.get_secret_value().strip()


def run_bot(settings: Settings) -> int:
    """Run the bot until interrupted; exit code for the CLI."""
    discord.utils.setup_logging(level=settings.log_level_number(), root=True)
    bot = create_bot(settings)
    try:
        bot.run(_token(settings), log_handler=None)
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 2
    return 0


def run_sync(settings: Settings) -> int:
    """Log in, push the slash commands whether or not they changed, and exit: 0 when Discord
    took them, 1 when it refused, 2 when it refused the token."""
    discord.utils.setup_logging(level=settings.log_level_number(), root=True)

    async def main() -> None:
        async with create_bot(settings, sync_on_start=False) as bot:
            await bot.login(_token(settings))
            await sync_commands(bot, force=True)

    try:
        asyncio.run(main())
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 2
    except SyncError as exc:
        log.error("Discord refused the command sync: %s", exc)
        return 1
    return 0
