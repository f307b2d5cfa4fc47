"""The CLI's one way to use the database: open `DATABASE_PATH`, run one action, close.

Failures are not handled here: `DatabaseUnavailable` and `sqlite3.Error` reach `bot.cli.main`,
which prints them as one line (exit 2 for a wrong setting, 1 otherwise), unless the command can
go on without the database and catches them itself (`one_line` gives their reason).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.config import Settings
from bot.db import Database

T = TypeVar("T")


def run_on_database(
    settings: Settings, action: Callable[[Database], Awaitable[T]], *, readonly: bool = False
) -> T:
    """`await action(db)` in a new event loop, on the database opened for it and closed after
    it. With `readonly`, an existing file is opened read-only (nothing is written to it); a
    missing one is created as for any other command."""

    async def main() -> T:
        path = settings.database_path
        db = await Database.open(path, readonly=readonly and path.exists())
        try:
            return await action(db)
        finally:
            await db.close()

    return asyncio.run(main())


def one_line(exc: BaseException) -> str:
    """The first line of an error's message, or its type's name when it has none."""
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
