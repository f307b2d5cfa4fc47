"""The SQLite database: one aiosqlite connection, WAL mode, forward-only schema migrations.

Migrations are numbered SQL scripts in `MIGRATIONS`; `PRAGMA user_version` records how many have
been applied, so an older database upgrades in place at start. All writes go through `write()`,
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

MIGRATIONS: tuple[str, ...] = (
    # 1: cases and their append-only timeline.
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        discord_user_id INTEGER NOT NULL,
        guild_id INTEGER,
        hf_account TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX idx_cases_user ON cases (discord_user_id, id);
    CREATE INDEX idx_cases_status ON cases (status, id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        actor_id INTEGER,
        payload TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    );
    CREATE INDEX idx_events_case ON events (case_id, id);
    """,
    # 2: case-insensitive account lookups, one active case per person and account, the report
    # cache and a key/value table.
    """
    CREATE INDEX idx_cases_account ON cases (hf_account COLLATE NOCASE, id);
    CREATE TEMP TABLE dup_cases AS
        SELECT id FROM cases WHERE status IN ('open', 'waiting_on_hf') AND id NOT IN (
            SELECT MAX(id) FROM cases WHERE status IN ('open', 'waiting_on_hf')
            GROUP BY discord_user_id, hf_account COLLATE NOCASE);
    INSERT INTO events (case_id, kind, actor_id, payload, created_at)
        SELECT c.id, 'status_changed', NULL,
               json_object('from', c.status, 'to', 'closed',
                           'reason', 'duplicate of a newer active case (schema upgrade)'),
               strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
        FROM cases c WHERE c.id IN (SELECT id FROM dup_cases);
    UPDATE cases SET status = 'closed' WHERE id IN (SELECT id FROM dup_cases);
    DROP TABLE dup_cases;
    CREATE UNIQUE INDEX idx_cases_one_active ON cases (discord_user_id, hf_account COLLATE NOCASE)
        WHERE status IN ('open', 'waiting_on_hf');
    CREATE TABLE account_reports (
        account_key TEXT PRIMARY KEY,
        checked_at TEXT NOT NULL,
        report TEXT NOT NULL
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: which server's moderators handle a case (`owner`: the server's id, 0 = the home
    # server, for DMs and user-install contexts; -1 = unassigned, cases from before servers were
    # told apart that a home server has not claimed yet), per-server settings and per-person
    # preferences. Indexes so that every scoped query searches instead of scanning.
    """
    ALTER TABLE cases ADD COLUMN owner INTEGER NOT NULL DEFAULT -1;
    UPDATE cases SET owner = guild_id WHERE guild_id IS NOT NULL;
    CREATE INDEX idx_cases_owner ON cases (owner, id);
    CREATE INDEX idx_cases_owner_status ON cases (owner, status, id);
    CREATE INDEX idx_events_actor ON events (actor_id);
    CREATE TABLE server_settings (
        guild_id INTEGER PRIMARY KEY,
        modlog_channel_id INTEGER,
        moderator_role_id INTEGER,
        updated_by INTEGER,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE person_prefs (
        discord_user_id INTEGER PRIMARY KEY,
        status_dms INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    """,
    # 4: follow-up reminders (claim -> send -> mark; the next due one is one indexed
    # query on (state, due_at)), how each case went (first email, outcome), and the statistics'
    # tallies kept by triggers (so /case stats reads a few rows instead of every case).
    """
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        guild_id INTEGER,
        number INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        due_at TEXT NOT NULL,
        scheduled_for TEXT NOT NULL,
        claims INTEGER NOT NULL DEFAULT 0,
        led_to_reply INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX idx_reminders_due ON reminders (state, due_at);
    CREATE INDEX idx_reminders_case ON reminders (case_id, id);
    CREATE UNIQUE INDEX idx_reminders_one_pending ON reminders (case_id)
        WHERE state IN ('pending', 'claimed');
    CREATE TABLE case_outcomes (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        guild_id INTEGER,
        first_email_at TEXT,
        first_email_to TEXT,
        emails INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        outcome_at TEXT,
        days_to_outcome REAL,
        dm_closed_at TEXT
    );
    CREATE INDEX idx_outcomes_outcome ON case_outcomes (outcome, outcome_at);
    CREATE INDEX idx_outcomes_days ON case_outcomes (outcome, days_to_outcome);
    CREATE INDEX idx_cases_stats ON cases (owner, status, created_at);
    CREATE INDEX idx_cases_status_created ON cases (status, created_at);
    CREATE TABLE case_tallies (
        guild_key INTEGER NOT NULL,
        metric TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (guild_key, metric, key)
    ) WITHOUT ROWID;
    INSERT INTO case_tallies (guild_key, metric, key, n)
        SELECT owner, 'status', status, COUNT(*) FROM cases GROUP BY 1, 3;
    CREATE TRIGGER tally_case_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_tallies VALUES (NEW.owner, 'status', NEW.status, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_case_update AFTER UPDATE OF status, owner ON cases BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = OLD.owner
            AND metric = 'status' AND key = OLD.status;
        INSERT INTO case_tallies VALUES (NEW.owner, 'status', NEW.status, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER owner_follows AFTER UPDATE OF owner ON cases BEGIN
        UPDATE case_outcomes SET guild_id = NEW.owner WHERE case_id = NEW.id;
        UPDATE reminders SET guild_id = NEW.owner WHERE case_id = NEW.id;
    END;
    CREATE TRIGGER tally_case_delete AFTER DELETE ON cases BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = OLD.owner
            AND metric = 'status' AND key = OLD.status;
    END;
    CREATE TRIGGER tally_outcome_insert AFTER INSERT ON case_outcomes BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'outcome', NEW.outcome, 1
            WHERE NEW.outcome IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), m.metric,
                MIN(CAST(NEW.days_to_outcome AS INTEGER), 60), 1
            FROM (SELECT 'days' AS metric UNION ALL SELECT 'days@' || NEW.first_email_to) m
            WHERE NEW.outcome = 'restored' AND NEW.days_to_outcome IS NOT NULL
                AND m.metric IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_outcome_delete AFTER DELETE ON case_outcomes BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'outcome' AND key = OLD.outcome;
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND OLD.outcome = 'restored' AND OLD.days_to_outcome IS NOT NULL
            AND metric IN ('days', 'days@' || OLD.first_email_to)
            AND key = CAST(MIN(CAST(OLD.days_to_outcome AS INTEGER), 60) AS TEXT);
    END;
    CREATE TRIGGER tally_outcome_update
        AFTER UPDATE OF outcome, days_to_outcome, first_email_to, guild_id ON case_outcomes
    BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'outcome' AND key = OLD.outcome;
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND OLD.outcome = 'restored' AND OLD.days_to_outcome IS NOT NULL
            AND metric IN ('days', 'days@' || OLD.first_email_to)
            AND key = CAST(MIN(CAST(OLD.days_to_outcome AS INTEGER), 60) AS TEXT);
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'outcome', NEW.outcome, 1
            WHERE NEW.outcome IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), m.metric,
                MIN(CAST(NEW.days_to_outcome AS INTEGER), 60), 1
            FROM (SELECT 'days' AS metric UNION ALL SELECT 'days@' || NEW.first_email_to) m
            WHERE NEW.outcome = 'restored' AND NEW.days_to_outcome IS NOT NULL
                AND m.metric IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_update AFTER UPDATE OF state, led_to_reply ON reminders BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'sent', 1
            WHERE NEW.state = 'sent' AND OLD.state != 'sent' ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'replied', 1
            WHERE NEW.led_to_reply = 1 AND OLD.led_to_reply = 0
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_insert AFTER INSERT ON reminders BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'sent', 1
            WHERE NEW.state = 'sent' ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'replied', 1
            WHERE NEW.led_to_reply = 1 ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_delete AFTER DELETE ON reminders BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'reminders' AND ((key = 'sent' AND OLD.state = 'sent')
                OR (key = 'replied' AND OLD.led_to_reply = 1));
    END;
    """,
    # 6: the language of the person, from their last interaction (Discord's locale, e.g. "es-ES"),
    # so that DMs sent later (reminders, case updates) speak it.
    """
    ALTER TABLE cases ADD COLUMN locale TEXT;
    """,
    # 7: checks waiting in the queue (one per person), so that after a crash the person is told
    # at the next start that their check did not run. No Discord token is kept.
    """
    CREATE TABLE waiting_checks (
        discord_user_id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        locale TEXT,
        queued_at TEXT NOT NULL
    );
    """,
)

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
