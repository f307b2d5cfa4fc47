"""Helpers for the case store's tests."""

from __future__ import annotations


async def insert_cases(store, user: int, count: int, status: str = "open") -> None:
    """`count` cases of `user` written directly (faster than `open_case`), one event each."""
    async with store.db.write() as conn:
        for i in range(count):
            cur = await conn.execute(
                "INSERT INTO cases (discord_user_id, hf_account, status, created_at, updated_at) "
                "VALUES (?, ?, ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
                (user, f"acct{i}", status),
            )
            await conn.execute(
                "INSERT INTO events (case_id, kind, actor_id, created_at) "
                "VALUES (?, 'opened', ?, '2026-01-01T00:00:00+00:00')",
                (cur.lastrowid, user),
            )

