"""The `hf-support-bot` command line: one parser, a subcommand per module in this package.

Each subcommand module exposes `register(subparsers)`, which adds its parser and sets
`handler(args, settings) -> int` as the parser default. Exit codes: 0 done, 1 the Hub or
Discord could not be reached (or the answer is incomplete), 2 bad input or configuration.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot import __version__
from bot.cli import appeal, cases, check, run
from bot.config import ConfigError, load_settings

SUBCOMMAND_MODULES = (run, cases, appeal, check)


def build_parser() -> argparse.ArgumentParser:
    """The full parser; `run` is the default subcommand."""
    parser = argparse.ArgumentParser(
        prog="hf-support-bot",
        description="Help people whose Hugging Face account was locked: from Discord or here.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv`, load settings, run the subcommand; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv) or ["run"])
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"hf-support-bot: {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args, settings))
    except KeyboardInterrupt:
        return 130
