"""Reminders in SQLite: schedule, move, cancel, and the scheduler's claim → send → mark.

A reminder is `pending` until due. The scheduler *claims* it (state `claimed`, and its `due_at`
moves on by the retry delay) before sending and *marks* it after; a process that dies in
between leaves it claimed, and it is claimed once more when the retry delay has passed. A second
unconfirmed claim gives up (`unconfirmed`): a reminder is never sent in a loop. Because a
claimed reminder's retry time is its `due_at`, "when is the next one due" is one query on the
index `(state, due_at)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import aiosqlite

from bot.db import Database
from bot.reminders.models import Reminder, ReminderState

_COLUMNS = "id, case_id, number, state, due_at, scheduled_for, claims, result"
CLAIM_BATCH = 50
NEXT_DUE_SQL = (
    "SELECT MIN(due) FROM ("
    "SELECT MIN(due_at) AS due FROM reminders WHERE state = 'pending' "
    "UNION ALL SELECT MIN(due_at) FROM reminders WHERE state = 'claimed')"
)


def _reminder(row: aiosqlite.Row) -> Reminder:
    return Reminder.model_validate({key: row[key] for key in row.keys()})  # noqa: SIM118


async def cancel_for_case(
    conn: aiosqlite.Connection, case_id: int, reason: str, now: datetime
) -> int:
    """Cancel a case's pending reminder inside the caller's transaction; how many were."""
    cur = await conn.execute(
        "UPDATE reminders SET state = 'cancelled', result = ?, updated_at = ? "
        "WHERE case_id = ? AND state = 'pending'",
        (reason, now.isoformat(), case_id),
    )
    return cur.rowcount


async def mark_led_to_reply(conn: aiosqlite.Connection, case_id: int) -> None:
    """The case got an answer: its sent reminders count as having led to one."""
    await conn.execute(
        "UPDATE reminders SET led_to_reply = 1 WHERE case_id = ? AND state = 'sent'", (case_id,)
    )


class ReminderStore:
    """The reminder table's API over an open `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def schedule(self, case_id: int, number: int, due: datetime, now: datetime) -> Reminder:
        """The case's one pending reminder, due at `due` (an earlier pending one is replaced)."""
        async with self.db.write() as conn:
            await cancel_for_case(conn, case_id, "replaced by a newer reminder", now)
            cur = await conn.execute(
                "INSERT INTO reminders (case_id, guild_id, number, state, due_at, scheduled_for, "
                "created_at, updated_at) SELECT id, owner, ?, 'pending', ?, ?, ?, ? "
                "FROM cases WHERE id = ?",
                (number, due.isoformat(), due.isoformat(), now.isoformat(), now.isoformat(),
                 case_id),
            )  # fmt: skip
            reminder_id = int(cur.lastrowid or 0)
        return Reminder(
            id=reminder_id, case_id=case_id, number=number, state=ReminderState.PENDING,
            due_at=due, scheduled_for=due, claims=0,
        )  # fmt: skip

    async def pending(self, case_id: int) -> Reminder | None:
        """The case's pending reminder, if any."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM reminders WHERE case_id = ? AND state = 'pending'",
            (case_id,),
        )
        return None if row is None else _reminder(row)

    async def for_case(self, case_id: int) -> list[Reminder]:
        """Every reminder of a case, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM reminders WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [_reminder(r) for r in rows]

    async def move(self, case_id: int, due: datetime, now: datetime) -> Reminder | None:
        """Move the case's pending reminder to `due`; None when there is none."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE reminders SET due_at = ?, scheduled_for = ?, updated_at = ? "
                "WHERE case_id = ? AND state = 'pending'",
                (due.isoformat(), due.isoformat(), now.isoformat(), case_id),
            )
        return await self.pending(case_id)

    async def cancel(self, case_id: int, reason: str, now: datetime) -> bool:
        """Cancel the case's pending reminder; whether there was one."""
        async with self.db.write() as conn:
            return await cancel_for_case(conn, case_id, reason, now) > 0

    async def next_due(self) -> datetime | None:
        """When the scheduler must next look: the earliest pending reminder or claim retry."""
        row = await self.db.fetchone(NEXT_DUE_SQL)
        return None if row is None or row[0] is None else datetime.fromisoformat(row[0])

    async def claim_due(self, now: datetime, retry_after: timedelta) -> list[Reminder]:
        """Claim what is due at `now` (at most `CLAIM_BATCH`); a claim left unconfirmed since
        an earlier claim is claimed once more, a second time it is given up."""
        retry = (now + retry_after).isoformat()
        async with self.db.write() as conn:
            async with conn.execute(
                f"SELECT {_COLUMNS} FROM reminders WHERE state = 'pending' AND due_at <= ? "
                f"UNION ALL SELECT {_COLUMNS} FROM reminders WHERE state = 'claimed' "
                "AND due_at <= ? ORDER BY due_at LIMIT ?",
                (now.isoformat(), now.isoformat(), CLAIM_BATCH),
            ) as cur:
                due = [_reminder(r) for r in await cur.fetchall()]
            claimed: list[Reminder] = []
            for reminder in due:
                if reminder.state == ReminderState.CLAIMED and reminder.claims >= 2:
                    await self._set(conn, reminder.id, ReminderState.UNCONFIRMED,
                                    "claimed twice, never confirmed", now)  # fmt: skip
                    continue
                await conn.execute(
                    "UPDATE reminders SET state = 'claimed', claims = claims + 1, due_at = ?, "
                    "updated_at = ? WHERE id = ?",
                    (retry, now.isoformat(), reminder.id),
                )
                claimed.append(
                    reminder.model_copy(
                        update={"state": ReminderState.CLAIMED, "claims": reminder.claims + 1}
                    )
                )
        return claimed

    async def release(self, reminder_id: int, due: datetime, now: datetime) -> None:
        """Give a claimed reminder back as pending, due at `due` (Discord asked to wait)."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE reminders SET state = 'pending', claims = 0, due_at = ?, updated_at = ? "
                "WHERE id = ? AND state = 'claimed'",
                (due.isoformat(), now.isoformat(), reminder_id),
            )

    async def mark(
        self, reminder_id: int, state: ReminderState, result: str, now: datetime
    ) -> None:
        """Record how a claimed reminder ended."""
        async with self.db.write() as conn:
            await self._set(conn, reminder_id, state, result, now)

    @staticmethod
    async def _set(
        conn: aiosqlite.Connection, reminder_id: int, state: ReminderState, result: str,
        now: datetime,
    ) -> None:  # fmt: skip
        await conn.execute(
            "UPDATE reminders SET state = ?, result = ?, updated_at = ? WHERE id = ?",
            (state.value, result, now.isoformat(), reminder_id),
        )

    async def upcoming(self, *, limit: int = 100) -> list[Reminder]:
        """Pending and claimed reminders, the earliest due first."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM reminders WHERE state = 'pending' UNION ALL "
            f"SELECT {_COLUMNS} FROM reminders WHERE state = 'claimed' ORDER BY due_at LIMIT ?",
            (max(1, limit),),
        )
        return [_reminder(r) for r in rows]

    async def pending_of(self, case_ids: Iterable[int]) -> dict[int, Reminder]:
        """The pending reminder of each of these cases that has one."""
        ids = list(case_ids)[:500]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM reminders WHERE state = 'pending' AND case_id IN ({marks})",
            ids,
        )
        return {int(r["case_id"]): _reminder(r) for r in rows}
