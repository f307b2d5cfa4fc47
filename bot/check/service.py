"""The account visibility check: profile and public repo lists fetched concurrently, a verdict,
reports reused from the `ReportCache`, and in-flight deduplication.

Cache policy: only complete reports (no part failed) are stored, so an incomplete report is never
served from cache and `ReportCache.latest()` returns the last complete observation.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.accounts import AccountInput, parse_account_input
from bot.check.cache import ReportCache, report_key
from bot.check.cost import OVERVIEW_COLLECTIONS
from bot.check.linked import complete_linked, fetch_linked, not_visible, same_link
from bot.check.listing import page_parser, to_repo_list
from bot.check.models import (
    AccountKind,
    AccountReport,
    ItemT,
    RepoItem,
    RepoList,
    SpaceItem,
    Verdict,
)
from bot.check.parts import PartError
from bot.check.repo_types import REPO_TYPES, RepoType
from bot.check.verdict import build_verdict
from bot.config import Settings
from bot.hub.client import HubClient, Listing
from bot.hub.errors import HubError

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int], None]
"""Called with a part name ("models", "datasets", "spaces") and how many items are listed so far."""



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
    status: int | None = None


@dataclass
class _Flight:
    """A check in progress (cache read included), shared by every caller of the same key."""

    task: asyncio.Task[AccountReport]
    fresh: bool


class CheckService:
    """Runs account checks. One instance per process, sharing one `HubClient` and `ReportCache`
    (whose clock also gives the report times, so ages and check times agree)."""

    def __init__(self, hub: HubClient, reports: ReportCache, settings: Settings) -> None:
        self._hub = hub
        self.reports = reports
        self._settings = settings
        self._clock = reports.clock
        self._inflight: dict[str, _Flight] = {}

    async def check(
        self, account: str, *, fresh: bool = False, progress: ProgressFn | None = None
    ) -> AccountReport:
        """Check `account` (raw text is read with `parse_account_input`, which may raise
        `InvalidAccount`; a repo link is looked at too). A stored report younger than
        `check_cache_ttl_s` is returned marked `cached` unless `fresh`; simultaneous checks of one
        account share one set of requests.

        No await happens between looking for a shared check and registering a new one, and the
        cache is read inside the shared check: a caller arriving at any moment either joins it or,
        once it is over, finds its report being stored (`ReportCache.written`) or stored."""
        request = parse_account_input(account)
        key = _flight_key(request)
        flight = self._inflight.get(key)
        if flight is None or (fresh and not flight.fresh):
            task = asyncio.create_task(self._run(request, fresh, progress), name=f"check {key}")
            flight = _Flight(task, fresh)
            self._inflight[key] = flight
            task.add_done_callback(lambda done: self._forget_flight(key, done))
        return await asyncio.shield(flight.task)

    async def cached(self, account: str) -> AccountReport | None:
        """The stored report a check of `account` (raw text, `InvalidAccount` when it is not
        one) would answer with now, without asking the Hub; `None` when a check is needed."""
        return await self._cached(parse_account_input(account))

    async def aclose(self) -> None:
        """Cancel checks still running, then let pending cache writes finish. Call it before
        closing the database."""
        checks = [flight.task for flight in self._inflight.values()]
        for task in checks:
            task.cancel()
        await asyncio.gather(*checks, return_exceptions=True)
        await self.reports.aclose()

    async def _cached(self, request: AccountInput) -> AccountReport | None:
        cached = await self.reports.younger_than(
            report_key(request.name), self._settings.check_cache_ttl_s
        )
        if cached is not None and same_link(cached.linked_repo, request):
            return cached
        return None

    def _forget_flight(self, key: str, done: asyncio.Task[AccountReport]) -> None:
        flight = self._inflight.get(key)
        if flight is not None and flight.task is done:
            del self._inflight[key]

    async def _run(
        self, request: AccountInput, fresh: bool, progress: ProgressFn | None
    ) -> AccountReport:
        """A usable stored report unless `fresh`; else check, then store a complete report in the
        background: callers get the report without waiting for the write, and cache readers wait
        for the write. The write is registered before this task ends."""
        key = report_key(request.name)
        if not fresh:
            cached = await self._cached(request)
            if cached is not None:
                return cached
        report = await self._fetch(request, progress)
        if report.complete:
            self.reports.store(key, report)
        return report

    async def _fetch(self, request: AccountInput, progress: ProgressFn | None) -> AccountReport:
        """Both overviews, the linked repo and the three lists, concurrently, until the check's
        deadline. When the overview spells the name differently, the lists are asked again under
        its spelling (`author=` is matched as stored)."""
        loop = asyncio.get_running_loop()
        started, checked_at = loop.time(), self._clock()
        deadline = started + self._settings.check_deadline_s
        name = request.name
        profile, linked, (models, datasets, spaces) = await asyncio.gather(
            self._profile(name, deadline),
            fetch_linked(self._hub, request, deadline),
            self._lists(name, deadline, progress),
        )
        account = _canonical(name, profile.data)
        if account != name:
            models, datasets, spaces = await self._lists(account, deadline, progress)
        report = AccountReport(
            account=account,
            kind=profile.kind,
            profile_reachable=profile.data is not None,
            display_name=profile.data.fullname if profile.data else None,
            profile_error=profile.error,
            profile_status=profile.status,
            linked_repo=linked,
            models=models,
            datasets=datasets,
            spaces=spaces,
            verdict=Verdict(code="incomplete", explanation=""),
            checked_at=checked_at,
            duration_s=round(loop.time() - started, 3),
            token_refused=self._hub.token.refused,
        )
        if profile.data is not None:
            report.models.stated_total = profile.data.num_models
            report.datasets.stated_total = profile.data.num_datasets
            report.spaces.stated_total = profile.data.num_spaces
        complete_linked(report)
        report.verdict = build_verdict(report)
        return report

    async def _lists(
        self, name: str, deadline: float, progress: ProgressFn | None
    ) -> tuple[RepoList[RepoItem], RepoList[RepoItem], RepoList[SpaceItem]]:
        return await asyncio.gather(
            self._repos("model", name, deadline, progress),
            self._repos("dataset", name, deadline, progress),
            self._spaces(name, deadline, progress),
        )

    async def _profile(self, name: str, deadline: float) -> _Profile:
        """The user and the organization overview, asked at once (one round trip for either)."""
        answers = await asyncio.gather(
            *(self._overview(collection, name, deadline) for collection in OVERVIEW_COLLECTIONS)
        )
        user, org = answers
        for kind, answer in (("user", user), ("organization", org)):
            if isinstance(answer, _RawProfile):
                if answer.type in {"org", "organization"}:
                    kind = "organization"
                return _Profile(kind=kind, data=answer)  # type: ignore[arg-type]
        errors = [a for a in (user, org) if isinstance(a, HubError)]
        failed = [e for e in errors if not not_visible(e)]
        if failed:
            return _Profile(kind="unknown", error=PartError.from_hub(failed[0]))
        return _Profile(kind="not_found", status=errors[0].status if errors else None)

    async def _overview(
        self, collection: str, name: str, deadline: float
    ) -> _RawProfile | HubError | None:
        """One overview: the profile, `None` for a 404, or the error."""
        try:
            page = await self._hub.get_json(
                f"/api/{collection}/{quote(name, safe='')}/overview",
                deadline=deadline,
                allow_404=True,
            )
            if page is None:
                return None
            try:
                return _RawProfile.model_validate(page.data)
            except ValidationError:
                raise HubError(
                    "bad_response", "the Hub sent a profile that could not be read"
                ) from None
        except HubError as exc:
            return exc

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
        info = REPO_TYPES[repo_type]
        return await self._hub.list_repos(
            info.plural,
            name,
            parse=page_parser(item_type, f"{self._hub.endpoint}/{info.url_prefix}"),
            expand=info.expand,
            max_items=self._settings.check_max_items,
            deadline=deadline,
            on_page=(lambda n: progress(info.plural, n)) if progress else None,
        )


def _flight_key(request: AccountInput) -> str:
    key = request.name.lower()
    if request.repo_id is not None:
        key += f" {request.repo_type}:{request.repo_id.lower()}"
    return key


def _canonical(name: str, profile: _RawProfile | None) -> str:
    """The profile's own spelling of the name when it matches the one asked (case aside)."""
    if profile is not None:
        for candidate in (profile.name, profile.org_name):
            if candidate and candidate.lower() == name.lower():
                return candidate
    return name
