"""Reading cases: one case in a scope, filtered lists, a case's timeline. `CaseStore` has these
methods; they only read."""

from __future__ import annotations

from bot.cases.models import Case, CaseNotFound, CaseStatus, Event
from bot.cases.rows import CASE_COLUMNS, MAX_LIST_LIMIT, case_from_row, event_from_row
from bot.cases.scope import Scope
from bot.db import Database


class CaseReads:
    """The reading half of the case API over an open `Database`."""

    db: Database

    async def get_case(self, case_id: int, scope: Scope) -> Case | None:
        """The case with that id if it is in `scope`, else None (a case out of scope does not
        exist for the asker)."""
        row = await self.db.fetchone(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?",
            (case_id,),
        )
        case = None if row is None else case_from_row(row)
        return case if case is not None and scope.allows(case.owner) else None

    async def require_case(self, case_id: int, scope: Scope) -> Case:
        """The case with that id in `scope`; raises `CaseNotFound`."""
        case = await self.get_case(case_id, scope)
        if case is None:
            raise CaseNotFound("no_case", case_id=case_id)
        return case

    async def list_cases(
        self,
        scope: Scope,
        *,
        status: CaseStatus | str | None = None,
        discord_user_id: int | None = None,
        hf_account: str | None = None,
        limit: int = 20,
        before_id: int | None = None,
    ) -> list[Case]:
        """Cases in `scope` matching every given filter, newest first, at most `limit` (1-500).
        For the next page pass the last id seen as `before_id`."""
        scope_sql, scope_params = scope.where()
        where: list[str] = [scope_sql]
        params: list[object] = [*scope_params]
        if status is not None:
            where.append("status = ?")
            params.append(CaseStatus(status).value)
        if discord_user_id is not None:
            where.append("discord_user_id = ?")
            params.append(discord_user_id)
        if hf_account is not None:
            where.append("hf_account = ? COLLATE NOCASE")
            params.append(hf_account.strip())
        if before_id is not None:
            where.append("id < ?")
            params.append(before_id)
        sql = f"SELECT {CASE_COLUMNS} FROM cases WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(max(1, min(int(limit), MAX_LIST_LIMIT)))
        return [case_from_row(row) for row in await self.db.fetchall(sql, params)]

    async def events(self, case_id: int, *, limit: int = 200) -> list[Event]:
        """A case's timeline, oldest first (the last `limit` events)."""
        rows = await self.db.fetchall(
            "SELECT * FROM (SELECT id, case_id, kind, actor_id, payload, created_at FROM events "
            "WHERE case_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
            (case_id, max(1, limit)),
        )
        return [event_from_row(row) for row in rows]
