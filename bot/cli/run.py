"""`run` (start the Discord bot, the default) and `sync` (force a command sync)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.config import Settings

_NO_TOKEN = (
    "hf-support-bot: DISCORD_TOKEN is not set. Copy .env.example to .env, put the bot token "
    "there (or export DISCORD_TOKEN), then run again."
)


def register(sub: Any) -> None:
    """Add the `run` and `sync` subcommands."""
    run = sub.add_parser("run", help="start the Discord bot (the default)")
    run.set_defaults(handler=_run)
    sync = sub.add_parser("sync", help="push the slash commands to Discord now, then exit")
    sync.set_defaults(handler=_sync)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(_NO_TOKEN, file=sys.stderr)
        return 2
    from bot.factory import run_bot  # imports discord: only when the bot really starts

    return run_bot(settings)


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(_NO_TOKEN, file=sys.stderr)
        return 2
    from bot.factory import run_sync

    return run_sync(settings)
