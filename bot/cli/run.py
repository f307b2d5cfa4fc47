"""`run` (start the Discord bot, the default) and `sync` (force a command sync)."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from datetime import UTC, datetime
from typing import Any

from bot.cli.database import one_line, run_on_database
from bot.cli.output import log_output
from bot.config import Settings
from bot.db import HEARTBEAT_KEY, DatabaseUnavailable
from bot.token_status import HUB_TOKEN_KEY, health_problem

HEARTBEAT_MAX_AGE_S = 120.0
# Warnings discord.py logs at every start when the voice extras are missing: noise for a bot
# without voice (discord/client.py, Client.__init__). Only these exact messages are dropped.
VOICE_WARNINGS = frozenset(
    {
        "PyNaCl is not installed, voice will NOT be supported",
        "davey is not installed, voice will NOT be supported",
    }
)


def _not_voice_warning(record: logging.LogRecord) -> bool:
    return record.msg not in VOICE_WARNINGS


def silence_voice_warnings() -> None:
    """Drop the two voice warnings at the `discord.client` logger (idempotent)."""
    logger = logging.getLogger("discord.client")
    if _not_voice_warning not in logger.filters:
        logger.addFilter(_not_voice_warning)


def _unreachable(exc: BaseException) -> int:
    print(
        f"hf-support-bot: cannot reach Discord ({one_line(exc)}); check the network, then run "
        "again",
        file=sys.stderr,
    )
    return 1


def _token_missing(settings: Settings) -> bool:
    """Say how to configure the token, once, when it is absent."""
    if settings.discord_token is not None and settings.discord_token.get_secret_value().strip():
        return False
    print(
        "hf-support-bot: DISCORD_TOKEN is not set. Copy .env.example to .env, put the bot "
        "token there (or export DISCORD_TOKEN), then run again.",
        file=sys.stderr,
    )
    return True


def register(sub: Any) -> None:
    """Add the `run` and `sync` subcommands."""
    run = sub.add_parser("run", help="start the Discord bot (the default)")
    run.set_defaults(handler=_run)
    sync = sub.add_parser("sync", help="push the slash commands to Discord now, then exit")
    sync.set_defaults(handler=_sync)
    health = sub.add_parser("health", help="exit 0 when the running bot's heartbeat is recent")
    health.add_argument("--max-age", type=float, default=HEARTBEAT_MAX_AGE_S, metavar="SECONDS")
    health.set_defaults(handler=_health)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if _token_missing(settings):
        return 2
    import aiohttp

    from cogs.runtime.runner import run_bot  # imports discord: only when the bot really starts

    silence_voice_warnings()
    try:
        # Once logged in, discord.py reconnects by itself with exponential backoff
        # (`Client.connect(reconnect=True)`); what reaches here is a failure to reach it at all.
        with log_output():
            return run_bot(settings)
    except (OSError, aiohttp.ClientError) as exc:  # DNS failure, refused, timeout, reset
        return _unreachable(exc)


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    if _token_missing(settings):
        return 2
    import aiohttp

    from cogs.runtime.runner import run_sync

    silence_voice_warnings()
    try:
        with log_output():
            return run_sync(settings)
    except (OSError, aiohttp.ClientError) as exc:
        return _unreachable(exc)


def _health(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.database_path.exists():
        print("unhealthy: no database yet (the bot has not started)", file=sys.stderr)
        return 1

    try:
        beat = run_on_database(settings, lambda db: db.get_meta(HEARTBEAT_KEY), readonly=True)
        token = run_on_database(settings, lambda db: db.get_meta(HUB_TOKEN_KEY), readonly=True)
        age = None if beat is None else (datetime.now(UTC) - datetime.fromisoformat(beat))
    except (DatabaseUnavailable, sqlite3.Error, ValueError, TypeError) as exc:
        print(f"unhealthy: cannot read the heartbeat: {one_line(exc)}", file=sys.stderr)
        return 1
    if age is None:
        print("unhealthy: the bot has not connected yet", file=sys.stderr)
        return 1
    seconds = age.total_seconds()
    problem = health_problem(token)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    if seconds > args.max_age:
        print(f"unhealthy: last heartbeat {seconds:.0f} s ago", file=sys.stderr)
        return 1
    print(f"healthy: last heartbeat {seconds:.0f} s ago")
    return 0
