"""The SQLite database: one aiosqlite connection, WAL mode, forward-only schema migrations.

Migrations are the numbered SQL scripts of `bot.migrations`; `PRAGMA user_version` records how
many have been applied, so an older database upgrades in place at start. All writes go through `write()`,
which serialises them under one lock and returns only after COMMIT.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiosqlite

from bot.migrations import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)
# meta key where the running bot records its heartbeat (read by `hf-support-bot health`)
HEARTBEAT_KEY = "heartbeat_at"


class DatabaseUnavailable(Exception):
    """The database cannot be opened or read. `str()` is one line naming `DATABASE_PATH`;
    `bad_setting` tells a wrong setting (a folder) from an environment failure."""

    def __init__(self, message: str, *, bad_setting: bool = False) -> None:
        super().__init__(message)
        self.bad_setting = bad_setting


def utcnow() -> str:
    """The current time as an ISO 8601 UTC string (second precision is not enough: microseconds)."""
    return datetime.now(UTC).isoformat()


class Database:
    """An open database. Create with `await Database.open(path)`, finish with `await db.close()`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, readonly: bool = False) -> Database:
        """Open (creating the file and its folder if needed) and migrate to `SCHEMA_VERSION`.

        With `readonly`, the file must exist and be at `SCHEMA_VERSION`; nothing is created or
        written. Raises `DatabaseUnavailable` when the file cannot be used.
        """
        path = Path(path)
        if path.is_dir():
            raise DatabaseUnavailable(
                f"DATABASE_PATH {path} is a folder; it must name a file", bad_setting=True
            )
        try:
            return await (cls._open_readonly(path) if readonly else cls._open_writable(path))
        except (OSError, sqlite3.Error, RuntimeError) as exc:
            reason = str(exc) or type(exc).__name__
            raise DatabaseUnavailable(
                f"cannot use the database DATABASE_PATH={path}: {reason}"
            ) from exc

    @classmethod
    async def _open_writable(cls, path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA busy_timeout = 5000")
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            db = cls(conn, path)
            await db._migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    @classmethod
    async def _open_readonly(cls, path: Path) -> Database:
        uri = _readonly_uri(path)
        try:
            conn = await cls._connect_checked(uri, path)
        except sqlite3.OperationalError:
            # A WAL file in a read-only folder, closed cleanly, has no -shm to read through;
            # nothing can write there either, so SQLite may read it as immutable.
            conn = await cls._connect_checked(uri + "&immutable=1", path)
        return cls(conn, path)

    @staticmethod
    async def _connect_checked(uri: str, path: Path) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA busy_timeout = 5000")
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
            version = int(row[0]) if row else 0
            if version != SCHEMA_VERSION:
                raise RuntimeError(
                    f"it is at schema {version}, this bot needs {SCHEMA_VERSION} (start the bot "
                    "once with write access to upgrade it)"
                )
        except BaseException:
            await conn.close()
            raise
        return conn

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        async with self._lock:
            await self.conn.close()

    async def schema_version(self) -> int:
        """The `user_version` the file is at."""
        return int((await self.fetchone("PRAGMA user_version"))[0])  # type: ignore[index]

    async def _migrate(self) -> None:
        async with self.write() as conn:
            row = await (await conn.execute("PRAGMA user_version")).fetchone()
            current = int(row[0]) if row else 0
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"database {self.path} is at schema {current}, newer than this bot "
                    f"({SCHEMA_VERSION}); upgrade the bot"
                )
            for number in range(current, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {number + 1}")

    @asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE), serialised; committed when the block exits
        normally, rolled back when it raises."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        """One row of a read query."""
        async with self.conn.execute(sql, tuple(params)) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """All rows of a read query."""
        async with self.conn.execute(sql, tuple(params)) as cur:
            return list(await cur.fetchall())

    async def get_meta(self, key: str) -> str | None:
        """A value of the key/value table."""
        row = await self.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    async def set_meta(self, key: str, value: str) -> None:
        """Set a value of the key/value table (committed on return)."""
        async with self.write() as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _readonly_uri(path: Path) -> str:
    """The SQLite URI opening the existing file `path` read-only."""
    if not path.is_file():
        raise FileNotFoundError("no such file")
    return "file:" + quote(str(path.resolve())) + "?mode=ro"


def _statements(script: str) -> list[str]:
    """The statements of a migration script (a trigger's body keeps its own semicolons)."""
    out: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        out.append(pending.strip())
    return out
