"""Checks waiting in the queue, kept in SQLite while they wait (one per person), so that a
person whose check was dropped by a crash is told at the next start. Nothing of Discord is kept
but the person's id and language."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from bot.db import Database


class LeftCheck(BaseModel):
    """A check that was waiting when the bot last stopped without telling its person."""

    discord_user_id: int
    account: str
    locale: str | None
    queued_at: datetime


async def note_waiting(
    db: Database, discord_user_id: int, account: str, locale: str | None, now: datetime
) -> None:
    """The person's check waits in the queue (committed before they are told their place)."""
    async with db.write() as conn:
        await conn.execute(
            "INSERT OR REPLACE INTO waiting_checks (discord_user_id, account, locale, queued_at) "
            "VALUES (?, ?, ?, ?)",
            (discord_user_id, account, locale, now.isoformat()),
        )


async def done_waiting(db: Database, discord_user_id: int) -> None:
    """The person's check ran, or they were told it will not."""
    async with db.write() as conn:
        await conn.execute(
            "DELETE FROM waiting_checks WHERE discord_user_id = ?", (discord_user_id,)
        )


async def take_left_checks(db: Database) -> list[LeftCheck]:
    """At start: the checks left waiting by the last run, removed as they are read (each person
    is told once). The table holds only checks waiting now (none, outside a busy day)."""
    async with db.write() as conn:
        async with conn.execute(
            "SELECT discord_user_id, account, locale, queued_at FROM waiting_checks"
        ) as cur:
            rows = await cur.fetchall()
        await conn.execute("DELETE FROM waiting_checks")
    return [
        LeftCheck(
            discord_user_id=r[0], account=r[1], locale=r[2], queued_at=datetime.fromisoformat(r[3])
        )
        for r in rows
    ]
