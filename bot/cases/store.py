"""The case store: the record of every person helped, as a small API over SQLite.

A *case* ties one Discord user to one Hugging Face account. It has a status and an append-only
timeline of *events* (check ran, backup shown, appeal drafted, DM sent or failed, note, status
change). Commands in `cogs/` and the CLI only call this API; they never write SQL.

Statuses move as `bot.cases.models.TRANSITIONS` allows. At most one *active* case (`open` or
`waiting_on_hf`) exists per person and account (names compare case-insensitively). Every write
returns after its transaction has committed.
Two rules of the service live here, not in the adapters: every interaction about an account is
part of a case (`record`), and what a person reports about their case moves it (`record_progress`:
"Hugging Face replied" means the case now waits on Hugging Face). Dates are ISO 8601 UTC text in
the database and aware datetimes in the models.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.accounts import is_valid_name
from bot.cases.claiming import claim_unassigned
from bot.cases.erasure import erase_person
from bot.cases.export_rows import export_rows
from bot.cases.models import (
    ACTIVE_STATUSES,
    Case,
    CaseError,
    CaseNotFound,
    CaseStatus,
    DeletionReport,
    Event,
    EventKind,
    NotYourCase,
    Progress,
    TransitionError,
    check_move,
)
from bot.cases.outcomes import after_progress, after_status_change
from bot.cases.reads import CaseReads
from bot.cases.rows import (
    CASE_COLUMNS,
    MAX_ACCOUNT_CHARS,
    MAX_NOTE_CHARS,
    case_from_row,
    payload_json,
)
from bot.cases.scope import Scope, owner_for
from bot.clock import Clock, SystemClock
from bot.db import Database
from bot.i18n import listing


class CaseStore(CaseReads):
    """The case API over an open `Database` (the reads are `CaseReads`')."""

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()

    def _now(self) -> datetime:
        """The current time (stored as its ISO 8601 text, `bot.db.utcnow`'s format)."""
        return self.clock.now().astimezone(UTC)

    async def open_case(self, discord_user_id: int, guild_id: int | None, hf_account: str) -> Case:
        """The person's active case for that account, or a new `open` one (with an `opened`
        event). Never creates a duplicate, even under concurrent calls."""
        account = hf_account.strip()
        if not is_valid_name(account):  # the check's rules: no newline, formula or path
            raise CaseError("account", account=repr(account[:40]), limit=MAX_ACCOUNT_CHARS)
        async with self.db.write() as conn:
            found = await self._active(conn, discord_user_id, account)
            if found is not None:
                return found
            now = self._now()
            owner = owner_for(guild_id)
            cur = await conn.execute(
                "INSERT INTO cases (discord_user_id, guild_id, owner, hf_account, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?)",
                (discord_user_id, guild_id, owner, account, now.isoformat(), now.isoformat()),
            )
            case_id = int(cur.lastrowid or 0)
            await conn.execute(
                "INSERT INTO events (case_id, kind, actor_id, payload, created_at) "
                "VALUES (?, 'opened', ?, '{}', ?)",
                (case_id, discord_user_id, now.isoformat()),
            )
        return Case(
            id=case_id,
            discord_user_id=discord_user_id,
            guild_id=guild_id,
            owner=owner,
            hf_account=account,
            status=CaseStatus.OPEN,
            created_at=now,
            updated_at=now,
            created=True,
        )

    async def _active(self, conn: aiosqlite.Connection, user_id: int, account: str) -> Case | None:
        async with conn.execute(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE discord_user_id = ? "
            "AND hf_account = ? COLLATE NOCASE AND status IN ('open', 'waiting_on_hf')",
            (user_id, account),
        ) as cur:
            row = await cur.fetchone()
        return None if row is None else case_from_row(row)

    async def add_event(
        self,
        case_id: int,
        kind: EventKind | str,
        actor_id: int | None,
        payload: Mapping[str, Any] | None = None,
    ) -> Event:
        """Append an event to a case's timeline (and touch its `updated_at`)."""
        kind = EventKind(kind)
        text = payload_json(payload)
        now = self._now()
        async with self.db.write() as conn:
            cur = await conn.execute(
                "UPDATE cases SET updated_at = ? WHERE id = ?", (now.isoformat(), case_id)
            )
            if cur.rowcount == 0:
                raise CaseNotFound("no_case", case_id=case_id)
            cur = await conn.execute(
                "INSERT INTO events (case_id, kind, actor_id, payload, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (case_id, kind.value, actor_id, text, now.isoformat()),
            )
            event_id = int(cur.lastrowid or 0)
        return Event(
            id=event_id,
            case_id=case_id,
            kind=kind,
            actor_id=actor_id,
            payload=json.loads(text),
            created_at=now,
        )

    async def record(
        self,
        discord_user_id: int,
        guild_id: int | None,
        hf_account: str,
        kind: EventKind | str,
        payload: Mapping[str, Any] | None = None,
        *,
        locale: str | None = None,
    ) -> Case:
        """Every interaction about an account is part of a case: open (or reuse) the person's
        case for `hf_account` and append the event. The case's `created` tells whether it is new
        (the bot then tells the moderators). `locale`, when given, becomes the case's language
        (the DMs sent later speak it)."""
        case = await self.open_case(discord_user_id, guild_id, hf_account)
        await self.add_event(case.id, kind, discord_user_id, payload)
        if locale and locale != case.locale:
            async with self.db.write() as conn:
                await conn.execute("UPDATE cases SET locale = ? WHERE id = ?", (locale, case.id))
            case = case.model_copy(update={"locale": locale})
        return case

    async def record_progress(
        self,
        case_id: int,
        actor_id: int,
        progress: Progress | str,
        *,
        moderator_scope: Scope | None = None,
    ) -> Case:
        """What the case's person (or a moderator whose `moderator_scope` holds the case) reports:
        `restored` marks the case restored; `replied` is noted and moves an `open` case to
        `waiting_on_hf`; `locked` is noted. Raises `NotYourCase` for anyone else, `CaseNotFound`
        and `TransitionError` as usual."""
        progress = Progress(progress)
        case = await self.require_case(case_id, Scope.everything())
        moderator = moderator_scope is not None and moderator_scope.allows(case.owner)
        if case.discord_user_id != actor_id and not moderator:
            raise NotYourCase("not_yours", ref=case.ref)
        if progress == Progress.RESTORED:
            return await self.set_status(
                case.id,
                CaseStatus.RESTORED,
                actor_id,
                scope=Scope.everything(),
                reason="reported by the person",
            )
        update = "hf_replied" if progress == Progress.REPLIED else "still_locked"
        await self.add_event(case.id, EventKind.USER_UPDATE, actor_id, {"update": update})
        if case.active:
            async with self.db.write() as conn:
                await after_progress(conn, case.id, progress, self._now())
        if progress == Progress.REPLIED and case.status == CaseStatus.OPEN:
            return await self.set_status(
                case.id,
                CaseStatus.WAITING_ON_HF,
                actor_id,
                scope=Scope.everything(),
                reason="Hugging Face replied",
            )
        return await self.require_case(case.id, Scope.everything())

    async def add_note(
        self,
        case_id: int,
        actor_id: int | None,
        text: str,
        scope: Scope,
        *,
        for_person: bool = False,
    ) -> Event:
        """A moderator's note on a case in `scope` (1 to 1,000 characters); `for_person` marks it
        as meant for the case's person (the bot then sends it to them)."""
        text = text.strip()
        if not text:
            raise CaseError("empty_note")
        if len(text) > MAX_NOTE_CHARS:
            raise CaseError("long_note", limit=MAX_NOTE_CHARS)
        case = await self.require_case(case_id, scope)
        payload: dict[str, Any] = {"text": text}
        if for_person:
            payload["for_person"] = True
        return await self.add_event(case.id, EventKind.NOTE, actor_id, payload)

    async def set_status(
        self,
        case_id: int,
        new: CaseStatus | str,
        actor_id: int | None,
        *,
        scope: Scope,
        reason: str | None = None,
        moderator: bool = False,
    ) -> Case:
        """Move a case in `scope` to `new`, recording who and why; raises `TransitionError` when
        the move is not allowed (see the module docstring) and `CaseNotFound` for an unknown id
        or one out of scope."""
        try:
            target = CaseStatus(new)
        except ValueError:
            allowed = listing([s.value for s in CaseStatus], alternatives=True)
            raise TransitionError(
                "unknown_status", status=repr(str(new)[:40]), allowed=allowed
            ) from None
        now = self._now()
        async with self.db.write() as conn:
            async with conn.execute(
                f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?",
                (case_id,),
            ) as cur:
                row = await cur.fetchone()
            case = None if row is None else case_from_row(row)
            if case is None or not scope.allows(case.owner):
                raise CaseNotFound("no_case", case_id=case_id)
            check_move(case, target, moderator)
            if target in ACTIVE_STATUSES and not case.active:
                other = await self._active(conn, case.discord_user_id, case.hf_account)
                if other is not None:
                    raise TransitionError(
                        "reopen_taken", case_id=case.id, other=other.ref, account=case.hf_account
                    )
            await conn.execute(
                "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?",
                (target.value, now.isoformat(), case_id),
            )
            payload = {"from": case.status.value, "to": target.value}
            if reason:
                payload["reason"] = reason.strip()[:MAX_NOTE_CHARS]
            await conn.execute(
                "INSERT INTO events (case_id, kind, actor_id, payload, created_at) "
                "VALUES (?, 'status_changed', ?, ?, ?)",
                (case_id, actor_id, payload_json(payload), now.isoformat()),
            )
            await after_status_change(conn, case_id, target, now)
        return case.model_copy(update={"status": target, "updated_at": now})

    async def delete_user_data(self, discord_user_id: int, scope: Scope) -> DeletionReport:
        """Erase a person's data in `scope` (`bot.cases.erasure.erase_person`)."""
        return await erase_person(self.db, discord_user_id, scope)

    def export(
        self, scope: Scope, *, status: CaseStatus | str | None = None, batch: int = 1000
    ) -> AsyncIterator[dict[str, Any]]:
        """Every case in `scope` as a flat row, oldest first (`bot.cases.export_rows`)."""
        return export_rows(self.db, scope, status=status, batch=batch)

    async def claim_unassigned(self, case_ids: Sequence[int] | None = None) -> list[int]:
        """Hand unassigned cases to the home server (`bot.cases.claiming`); the ids moved."""
        return await claim_unassigned(self.db, case_ids)
