"""The report cache: the last complete report of each account, kept in SQLite (so it holds
across restarts and CLI runs). Reading it needs no Hub client.

Writes run in the background (`store`), so a check answers without waiting for SQLite; every read
first waits for a write of the same account still in progress, so it never misses it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import aiosqlite
from pydantic import ValidationError

from bot.accounts import parse_account
from bot.check.models import AccountReport
from bot.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def report_key(name: str) -> str:
    """The cache key of a valid account name (names are case-insensitive on the Hub)."""
    return name.lower()


class ReportCache:
    """Stored account reports over one `Database`; `clock` gives the current UTC time (ages)."""

    def __init__(self, db: Database, *, clock: Clock = lambda: datetime.now(UTC)) -> None:
        self.db = db
        self.clock = clock
        self._writes: dict[str, asyncio.Task[None]] = {}

    async def latest(self, account: str) -> AccountReport | None:
        """The stored report of `account` (raw text, read with `parse_account`, which may raise
        `InvalidAccount`), whatever its age, marked `cached`; `None` when there is none."""
        return await self.younger_than(report_key(parse_account(account)), None)

    async def younger_than(self, key: str, max_age_s: float | None) -> AccountReport | None:
        """The stored report under `key` when younger than `max_age_s` seconds (any age with
        `None`), marked `cached` with its age; an unreadable stored report counts as none."""
        await self.written(key)
        row = await self.db.fetchone(
            "SELECT report FROM account_reports WHERE account_key = ?", (key,)
        )
        if row is None:
            return None
        try:
            report = AccountReport.model_validate_json(row["report"])
        except ValidationError:
            log.warning("ignoring an unreadable stored report for %s", key)
            return None
        age = max(0.0, (self.clock() - report.checked_at).total_seconds())
        if max_age_s is not None and age >= max_age_s:
            return None
        return report.model_copy(update={"cached": True, "age_s": round(age, 3)})

    def store(self, key: str, report: AccountReport) -> None:
        """Write `report` under `key` in the background; the write is registered before this
        returns, so any later read of `key` waits for it."""
        task = asyncio.create_task(self._write(key, report), name=f"store {key}")
        self._writes[key] = task
        task.add_done_callback(lambda done: self._forget(key, done))

    async def written(self, key: str) -> None:
        """Wait for a write of `key` still in progress, if any."""
        write = self._writes.get(key)
        if write is not None:
            await asyncio.shield(write)

    async def aclose(self) -> None:
        """Let pending writes finish. Call it before closing the database."""
        await asyncio.gather(*list(self._writes.values()))

    def _forget(self, key: str, done: asyncio.Task[None]) -> None:
        if self._writes.get(key) is done:
            del self._writes[key]

    async def _write(self, key: str, report: AccountReport) -> None:
        try:
            async with self.db.write() as conn:
                await conn.execute(
                    "INSERT INTO account_reports (account_key, checked_at, report) VALUES (?, ?, ?) "
                    "ON CONFLICT (account_key) DO UPDATE SET checked_at = excluded.checked_at, "
                    "report = excluded.report",
                    (key, report.checked_at.isoformat(), report.model_dump_json()),
                )
        except (aiosqlite.Error, ValueError) as exc:  # ValueError: the connection is closed
            log.warning("could not store the report of %s: %s", key, exc)
