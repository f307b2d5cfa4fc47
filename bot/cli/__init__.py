"""The `hf-support-bot` command line: one parser, a subcommand per module in this package.

Each subcommand module exposes `register(subparsers)`, which adds its parser and sets
`handler(args, settings) -> int` as the parser default. Exit codes: 0 done, 1 the Hub or
Discord could not be reached (or the answer is incomplete), 2 bad input or configuration.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot import __version__
from bot.cli import appeal, cases, check, run
from bot.cli.output import clean_output
from bot.config import ConfigError, load_settings
from bot.db import DatabaseUnavailable
from bot.i18n import use_language

SUBCOMMAND_MODULES = (run, cases, appeal, check)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the usage is under `--help`)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser; `run` is the default subcommand."""
    parser = _Parser(
        prog="hf-support-bot",
        description="Help people whose Hugging Face account was locked: from Discord or here.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the guidance (es, pt-BR, de, ...; default: the LANG environment "
        "variable, else English); email drafts stay in English",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv`, load settings, run the subcommand; return the exit code. Everything printed
    goes through `clean_output`; every failure is one line on standard error."""
    with clean_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv) or ["run"])
    with use_language(args.lang or os.environ.get("LANG")):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"hf-support-bot: {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args, settings))
    except KeyboardInterrupt:
        return 130
    except DatabaseUnavailable as exc:
        print(f"hf-support-bot: {exc}", file=sys.stderr)
        return 2 if exc.bad_setting else 1
    except sqlite3.Error as exc:
        print(
            f"hf-support-bot: the database DATABASE_PATH={settings.database_path} failed: {exc}",
            file=sys.stderr,
        )
        return 1
