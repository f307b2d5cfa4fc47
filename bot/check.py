"""The account visibility check: profile and public repo lists fetched concurrently, a verdict,
and a report cache in SQLite with in-flight deduplication.

Cache policy: only complete reports (no part failed) are stored, so an incomplete report is never
served from cache and `latest()` returns the last complete observation.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import aiosqlite
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.accounts import parse_account
from bot.config import Settings
from bot.db import Database
from bot.hub import HubClient, HubError, Listing
from bot.listing import page_parser, to_repo_list
from bot.report import (
    AccountKind,
    AccountReport,
    ItemT,
    PartError,
    RepoItem,
    RepoList,
    RepoType,
    SpaceItem,
    Verdict,
)
from bot.verdict import build_verdict

__all__ = ["AccountReport", "CheckService", "ProgressFn"]

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int], None]
"""Called with a part name ("models", "datasets", "spaces") and how many items are listed so far."""

_EXPAND: dict[RepoType, tuple[str, ...]] = {
    "model": ("lastModified", "likes", "downloads", "private"),
    "dataset": ("lastModified", "likes", "downloads", "private"),
    "space": ("lastModified", "likes", "private", "disabled", "runtime"),
}
_URL_PREFIX: dict[RepoType, str] = {"model": "", "dataset": "datasets/", "space": "spaces/"}


class _RawProfile(BaseModel):
    """The fields used of a user or organization overview."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = Field(None, alias="user")
    org_name: str | None = Field(None, alias="name")
    fullname: str | None = None
    type: str | None = None
    num_models: int | None = Field(None, alias="numModels")
    num_datasets: int | None = Field(None, alias="numDatasets")
    num_spaces: int | None = Field(None, alias="numSpaces")


@dataclass
class _Profile:
    kind: AccountKind
    data: _RawProfile | None = None
    error: PartError | None = None


class CheckService:
    """Runs account checks. One instance per process, sharing one `HubClient` and `Database`."""

    def __init__(
        self,
        hub: HubClient,
        db: Database,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """`clock` gives the current UTC time (report times and cache ages)."""
        self._hub = hub
        self._db = db
        self._settings = settings
        self._clock = clock
        self._inflight: dict[str, asyncio.Task[AccountReport]] = {}
        self._stores: dict[str, asyncio.Task[None]] = {}

    async def check(
        self, account: str, *, fresh: bool = False, progress: ProgressFn | None = None
    ) -> AccountReport:
        """Check `account` (raw text is normalised with `parse_account`, which may raise
        `InvalidAccount`). A stored report younger than `check_cache_ttl_s` is returned marked
        `cached` unless `fresh`; simultaneous checks of one account share one set of requests."""
        name = parse_account(account)
        key = name.lower()
        task = self._inflight.get(key)
        if task is None and not fresh:
            await self._written(key)
            cached = await self._stored(key, max_age=self._settings.check_cache_ttl_s)
            if cached is not None:
                return cached
            task = self._inflight.get(key)  # another caller may have started meanwhile
        if task is None:
            task = asyncio.create_task(self._run(name, key, progress), name=f"check {key}")
            self._inflight[key] = task
        return await asyncio.shield(task)

    async def latest(self, account: str) -> AccountReport | None:
        """The stored report of `account`, whatever its age (marked `cached`), or `None`."""
        key = parse_account(account).lower()
        await self._written(key)
        return await self._stored(key, max_age=None)

    async def aclose(self) -> None:
        """Cancel checks still running, then let pending cache writes finish. Call it before
        closing the database."""
        checks = list(self._inflight.values())
        for task in checks:
            task.cancel()
        await asyncio.gather(*checks, return_exceptions=True)
        await asyncio.gather(*list(self._stores.values()))

    async def _written(self, key: str) -> None:
        """Wait for a cache write of `key` still in progress, if any."""
        store = self._stores.get(key)
        if store is not None:
            await asyncio.shield(store)

    async def _stored(self, key: str, *, max_age: float | None) -> AccountReport | None:
        row = await self._db.fetchone(
            "SELECT report FROM account_reports WHERE account_key = ?", (key,)
        )
        if row is None:
            return None
        try:
            report = AccountReport.model_validate_json(row["report"])
        except ValidationError:
            log.warning("ignoring an unreadable stored report for %s", key)
            return None
        age = max(0.0, (self._clock() - report.checked_at).total_seconds())
        if max_age is not None and age >= max_age:
            return None
        return report.model_copy(update={"cached": True, "age_s": round(age, 3)})

    async def _store(self, key: str, report: AccountReport) -> None:
        """Write the report to the cache."""
        try:
            async with self._db.write() as conn:
                await conn.execute(
                    "INSERT INTO account_reports (account_key, checked_at, report) VALUES (?, ?, ?) "
                    "ON CONFLICT (account_key) DO UPDATE SET checked_at = excluded.checked_at, "
                    "report = excluded.report",
                    (key, report.checked_at.isoformat(), report.model_dump_json()),
                )
        except (aiosqlite.Error, ValueError) as exc:  # ValueError: the connection is closed
            log.warning("could not store the report of %s: %s", key, exc)

    async def _run(self, name: str, key: str, progress: ProgressFn | None) -> AccountReport:
        """Check, then store a complete report in the background: callers get the report without
        waiting for the write, and cache readers wait for the write (`_written`)."""
        try:
            report = await self._fetch(name, progress)
        finally:
            self._inflight.pop(key, None)
        if report.complete:
            store = asyncio.create_task(self._store(key, report), name=f"store {key}")
            self._stores[key] = store
            store.add_done_callback(lambda done: self._forget_store(key, done))
        return report

    def _forget_store(self, key: str, done: asyncio.Task[None]) -> None:
        if self._stores.get(key) is done:
            del self._stores[key]

    async def _fetch(self, name: str, progress: ProgressFn | None) -> AccountReport:
        """The profile and the three lists, concurrently, until the check's deadline."""
        loop = asyncio.get_running_loop()
        started, checked_at = loop.time(), self._clock()
        deadline = started + self._settings.check_deadline_s
        profile, models, datasets, spaces = await asyncio.gather(
            self._profile(name, deadline),
            self._repos("model", name, deadline, progress),
            self._repos("dataset", name, deadline, progress),
            self._spaces(name, deadline, progress),
        )
        report = AccountReport(
            account=_canonical(name, profile.data),
            kind=profile.kind,
            profile_reachable=profile.data is not None,
            display_name=profile.data.fullname if profile.data else None,
            profile_error=profile.error,
            models=models,
            datasets=datasets,
            spaces=spaces,
            verdict=Verdict(code="incomplete", explanation=""),
            checked_at=checked_at,
            duration_s=round(loop.time() - started, 3),
        )
        if profile.data is not None:
            report.models.stated_total = profile.data.num_models
            report.datasets.stated_total = profile.data.num_datasets
            report.spaces.stated_total = profile.data.num_spaces
        report.verdict = build_verdict(report)
        return report

    async def _profile(self, name: str, deadline: float) -> _Profile:
        quoted = quote(name, safe="")
        try:
            kind: AccountKind = "user"
            page = await self._hub.get_json(
                f"/api/users/{quoted}/overview", deadline=deadline, allow_404=True
            )
            if page is None:
                kind = "organization"
                page = await self._hub.get_json(
                    f"/api/organizations/{quoted}/overview", deadline=deadline, allow_404=True
                )
            if page is None:
                return _Profile(kind="not_found")
            try:
                data = _RawProfile.model_validate(page.data)
            except ValidationError:
                raise HubError(
                    "bad_response", "the Hub sent a profile that could not be read"
                ) from None
        except HubError as exc:
            return _Profile(kind="unknown", error=PartError.from_hub(exc))
        if data.type in {"org", "organization"}:
            kind = "organization"
        return _Profile(kind=kind, data=data)

    async def _repos(
        self, repo_type: RepoType, name: str, deadline: float, progress: ProgressFn | None
    ) -> RepoList[RepoItem]:
        listing = await self._listing(repo_type, RepoItem, name, deadline, progress)
        return to_repo_list(listing, RepoList[RepoItem])

    async def _spaces(
        self, name: str, deadline: float, progress: ProgressFn | None
    ) -> RepoList[SpaceItem]:
        listing = await self._listing("space", SpaceItem, name, deadline, progress)
        return to_repo_list(listing, RepoList[SpaceItem])

    async def _listing(
        self,
        repo_type: RepoType,
        item_type: type[ItemT],
        name: str,
        deadline: float,
        progress: ProgressFn | None,
    ) -> Listing[ItemT]:
        part = f"{repo_type}s"
        return await self._hub.list_repos(
            repo_type,
            name,
            parse=page_parser(item_type, f"{self._hub.endpoint}/{_URL_PREFIX[repo_type]}"),
            expand=_EXPAND[repo_type],
            max_items=self._settings.check_max_items,
            deadline=deadline,
            on_page=(lambda n: progress(part, n)) if progress else None,
        )


def _canonical(name: str, profile: _RawProfile | None) -> str:
    """The profile's own spelling of the name when it matches the one asked (case aside)."""
    if profile is not None:
        for candidate in (profile.name, profile.org_name):
            if candidate and candidate.lower() == name.lower():
                return candidate
    return name
