"""Cases from before servers were told apart (owner `UNASSIGNED`) handed to the home server."""

from __future__ import annotations

from collections.abc import Sequence

from bot.cases.scope import HOME, UNASSIGNED
from bot.db import Database


async def claim_unassigned(db: Database, case_ids: Sequence[int] | None = None) -> list[int]:
    """Hand unassigned cases (all, or those of `case_ids`) to the home server; returns the ids
    moved. Ids that are not unassigned are left alone."""
    async with db.write() as conn:
        if case_ids is None:
            async with conn.execute(
                "SELECT id FROM cases WHERE owner = ? ORDER BY id", (UNASSIGNED,)
            ) as cur:
                ids = [int(r[0]) for r in await cur.fetchall()]
        else:
            ids = []
            for case_id in sorted(set(case_ids)):
                async with conn.execute(
                    "SELECT id FROM cases WHERE id = ? AND owner = ?", (case_id, UNASSIGNED)
                ) as cur:
                    if await cur.fetchone() is not None:
                        ids.append(case_id)
        for case_id in ids:
            await conn.execute("UPDATE cases SET owner = ? WHERE id = ?", (HOME, case_id))
    return ids
