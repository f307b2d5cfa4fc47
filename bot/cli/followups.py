"""`cases reminders` and `cases stats`: pending follow-up reminders, and case statistics (text,
`--json`, or a PNG chart with `--chart FILE`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cases.rows import MAX_CASE_ID, MAX_LIST_LIMIT
from bot.cases.scope import Scope
from bot.cases.stats import case_stats
from bot.cases.stats_report import WORDS, stats_chart_png, stats_lines
from bot.cases.store import CaseStore
from bot.cli.options import list_limit
from bot.config import Settings
from bot.reminders.store import ReminderStore


def _guild(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a server id") from None
    if not 0 < value <= MAX_CASE_ID:
        raise argparse.ArgumentTypeError(f"{text[:40]} is not a server id")
    return value


def register_followups(actions: Any, handler: Callable[..., Any]) -> None:
    """Add `reminders` and `stats` to the `cases` subcommands (`handler` wraps an action)."""
    reminders = actions.add_parser("reminders", help="follow-up reminders due and pending")
    reminders.add_argument(
        "--limit", type=list_limit, default=100, help=f"1 to {MAX_LIST_LIMIT} (default 100)"
    )
    reminders.set_defaults(handler=handler(_reminders, readonly=True))

    stats = actions.add_parser("stats", help="case statistics (computed in the database)")
    stats.add_argument(
        "--guild",
        type=_guild,
        help="the cases one server's moderators handle (default: every case)",
    )
    stats.add_argument("--json", action="store_true", help="the figures as JSON")
    stats.add_argument("--chart", type=Path, metavar="FILE", help="also write a PNG chart")
    def stats_handler(args: argparse.Namespace, settings: Settings) -> int:
        home = settings.home_guild()  # its moderators also handle DM cases
        run = handler(lambda store, a: _stats(store, a, home), readonly=True)
        return int(run(args, settings))

    stats.set_defaults(handler=stats_handler)


async def _reminders(store: CaseStore, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    upcoming = await ReminderStore(store.db).upcoming(limit=args.limit)
    if not upcoming:
        print("No reminders pending.")
        return 0
    for r in upcoming:
        when = "due now" if r.due_at <= now else "pending"
        print(
            f"case #{r.case_id:<7} follow-up {r.number}  {r.state.value:<8} "
            f"{when:<8} at {r.due_at:%Y-%m-%dT%H:%M:%S}Z"
        )
    return 0


async def _stats(store: CaseStore, args: argparse.Namespace, home: int | None) -> int:
    if args.chart is not None and args.chart.is_dir():
        print(f"hf-support-bot: --chart {args.chart} is a folder; name a file", file=sys.stderr)
        return 2
    scope = Scope.everything() if args.guild is None else Scope.server(args.guild, home)
    stats = await case_stats(store.db, scope, datetime.now(UTC), guild_id=args.guild)
    if args.json:
        print(stats.model_dump_json(indent=2))
    else:
        print(WORDS["title_all" if args.guild is None else "title_server"])
        for line in stats_lines(stats):
            print(line)
    if args.chart is not None:
        try:
            args.chart.write_bytes(stats_chart_png(stats))
        except OSError as exc:
            print(f"hf-support-bot: cannot write --chart {args.chart}: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.chart}.", file=sys.stderr)
    return 0
