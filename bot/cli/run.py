"""`run` (start the Discord bot, the default) and `sync` (force a command sync)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.db import HEARTBEAT_KEY, Database

HEARTBEAT_MAX_AGE_S = 120.0


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
    from bot.factory import run_bot  # imports discord: only when the bot really starts

    return run_bot(settings)


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    if _token_missing(settings):
        return 2
    from bot.factory import run_sync

    return run_sync(settings)


def _health(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.database_path.exists():
        print("unhealthy: no database yet (the bot has not started)", file=sys.stderr)
        return 1

    async def read() -> str | None:
        db = await Database.open(settings.database_path)
        try:
            return await db.get_meta(HEARTBEAT_KEY)
        finally:
            await db.close()

    beat = asyncio.run(read())
    if beat is None:
        print("unhealthy: the bot has not connected yet", file=sys.stderr)
        return 1
    age = (datetime.now(UTC) - datetime.fromisoformat(beat)).total_seconds()
    if age > args.max_age:
        print(f"unhealthy: last heartbeat {age:.0f} s ago", file=sys.stderr)
        return 1
    print(f"healthy: last heartbeat {age:.0f} s ago")
    return 0
