"""`cases`: look up and manage cases from the terminal (filled in with the case store)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the `cases` subcommand."""
