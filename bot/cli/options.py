"""Option values the `cases` subcommands share, refused with a clear error when out of range."""

from __future__ import annotations

import argparse

from bot.cases.rows import MAX_LIST_LIMIT


def list_limit(text: str) -> int:
    """How many to list (`--limit`): a whole number from 1 to `MAX_LIST_LIMIT`, else a clear
    error and nothing runs."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIST_LIMIT:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_LIST_LIMIT}, not {value}")
    return value
