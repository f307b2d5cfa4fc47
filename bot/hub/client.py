"""An async client for the public Hub API: one shared HTTP client, bounded concurrency, a timeout
per request, a deadline per call, and the Hub's rate-limit and retry rules.

Never blocks the event loop: it uses the library's async session (`get_async_session()`), not the
synchronous `HfApi` (which has no timeout and sleeps in its retries). Headers are built here rather
than with `build_hf_headers`, because that helper fetches `{HF_ENDPOINT}/api/agent-harnesses`
synchronously (a blocking side request to the import-time endpoint) unless telemetry is disabled.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx2
from huggingface_hub import __version__ as hf_hub_version
from huggingface_hub import get_async_session
from huggingface_hub.errors import OfflineModeIsEnabled

from bot import __version__
from bot.clock import SystemClock
from bot.config import Settings
from bot.hub.budget import BudgetExhausted, HubBudget
from bot.hub.errors import (
    HubError,
    decode_json,
    http_error,
    is_token_refusal,
    rate_limited,
    retry_after_s,
)
from bot.hub.token import HubToken, TokenState

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_PAGE_SIZE = 500  # no larger page is documented; huggingface.js asks for at most 500
_MAX_RATE_LIMIT_WAITS = 3


@dataclass(frozen=True)
class HubPage(Generic[T]):
    """A parsed answer and the URL of the next page (`Link: rel="next"`), if any;
    `next_error` when that link was unusable."""

    data: T
    next_url: str | None = None
    next_error: HubError | None = None


@dataclass
class Listing(Generic[T]):
    """Items of a paginated list call, up to a cap: `unreadable` counts items the parser could
    not read; `error` is set when a page failed (the items before it are kept)."""

    items: list[T] = field(default_factory=list)
    unreadable: int = 0
    capped: bool = False
    error: HubError | None = None


class HubClient:
    """The bot's Hub client. Use `async with HubClient(settings) as hub:` or call `aclose()`."""

    def __init__(
        self,
        settings: Settings,
        *,
        backoff_s: float = 0.25,
        max_retries: int = 2,
        budget: HubBudget | None = None,
    ) -> None:
        self.endpoint = settings.hf_endpoint
        self.budget = budget or HubBudget.for_settings(settings, SystemClock())
        self._timeout = settings.hub_timeout_s
        self._semaphore = asyncio.Semaphore(settings.hub_max_concurrency)
        self._backoff_s = backoff_s
        self._max_retries = max_retries
        self._client = get_async_session()
        self._headers = _headers()
        self.token = HubToken(settings.hub_token())

    async def __aenter__(self) -> HubClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client (idempotent)."""
        await self._client.aclose()

    async def validate_token(self, deadline: float) -> TokenState:
        """Ask `/api/whoami-v2` whether the Hub accepts the token (hf_api.py `HfApi.whoami`).
        A refusal drops the token (`HubToken.refuse` logs it); a failure leaves it unchecked."""
        if self.token.state == "none":
            return "none"
        try:
            page = await self.get_json("/api/whoami-v2", deadline=deadline)
        except HubError as exc:
            if not self.token.refused:
                log.warning("Could not check HF_TOKEN with the Hub: %s", exc.message)
            return self.token.state
        data = page.data if page is not None else None
        owner = data.get("name") if isinstance(data, dict) else None
        self.token.accept(owner if isinstance(owner, str) else None)
        return self.token.state

    async def get_json(
        self,
        path_or_url: str,
        *,
        deadline: float,
        params: list[tuple[str, str | int]] | None = None,
        allow_404: bool = False,
    ) -> HubPage[Any] | None:
        """GET a JSON answer before `deadline` (`loop.time()` based). `None` for a 404 when
        `allow_404`; any other failure raises `HubError`."""
        return await self.get_page(
            path_or_url, parse=decode_json, deadline=deadline, params=params, allow_404=allow_404
        )

    async def get_page(
        self,
        path_or_url: str,
        *,
        parse: Callable[[bytes], T],
        deadline: float,
        params: list[tuple[str, str | int]] | None = None,
        allow_404: bool = False,
    ) -> HubPage[T] | None:
        """Like `get_json`, with `parse` turning the body into data (raising `HubError`)."""
        url = urljoin(self.endpoint + "/", path_or_url.lstrip("/"))
        response = await self._get(url, params, deadline)
        if response.status_code == 404 and allow_404:
            return None
        if response.status_code >= 400:
            raise http_error(response)
        data = parse(response.content)
        try:
            return HubPage(data, self._next_url(response))
        except HubError as exc:
            return HubPage(data, None, exc)

    async def list_repos(
        self,
        collection: str,
        author: str,
        *,
        parse: Callable[[bytes], tuple[list[T], int]],
        expand: Sequence[str],
        max_items: int,
        deadline: float,
        on_page: Callable[[int], None] | None = None,
    ) -> Listing[T]:
        """Public repos of `author` in `/api/{collection}` ("models", "datasets", "spaces"),
        following `Link: rel="next"` up to `max_items`. `parse`
        turns a page into (items, unreadable count) or raises `HubError`; a failing page ends
        the listing with `error` set and the items seen so far kept."""
        limit = min(max_items, MAX_PAGE_SIZE)
        params: list[tuple[str, str | int]] = [("author", author), ("limit", limit)]
        params += [("expand", name) for name in expand]
        listing: Listing[T] = Listing()
        url: str | None = f"/api/{collection}"
        try:
            while url is not None:
                page = await self.get_page(url, parse=parse, deadline=deadline, params=params)
                assert page is not None  # allow_404 is off
                items, unreadable = page.data
                if not items and not unreadable:
                    break  # an empty page ends the listing, whatever its links say
                listing.items.extend(items)
                listing.unreadable += unreadable
                if on_page is not None:
                    on_page(len(listing.items))
                if len(listing.items) >= max_items:
                    more = page.next_url is not None or page.next_error is not None
                    listing.capped = len(listing.items) > max_items or more
                    del listing.items[max_items:]
                    break
                if page.next_error is not None:
                    raise page.next_error
                url, params = page.next_url, []
        except HubError as exc:
            listing.error = exc
        return listing

    async def _get(
        self, url: str, params: list[tuple[str, str | int]] | None, deadline: float
    ) -> httpx2.Response:
        """Send once the budget allows (never into a known 429 window), retrying 5xx and network
        failures with backoff and a 429 after its window reset, all within `deadline`."""
        loop = asyncio.get_running_loop()
        failures = rate_limit_waits = 0
        while True:
            if loop.time() >= deadline:
                raise HubError("timeout", "the Hub did not answer before the deadline")
            try:
                await self.budget.acquire(deadline - loop.time())
            except BudgetExhausted as exc:
                raise HubError(
                    "rate_limited",
                    f"the Hub's request quota is used up; retry in {round(exc.wait_s)} s",
                    status=429,
                    retry_after_s=exc.wait_s,
                ) from None
            try:
                response = await self._send(url, params, deadline)
            except HubError as exc:
                self.budget.release()
                error = exc
            else:
                self.budget.observe(
                    response.headers,
                    status=response.status_code,
                    retry_after_s=retry_after_s(response.headers)
                    if response.status_code == 429
                    else None,
                )
                if is_token_refusal(response) and "authorization" in response.request.headers:
                    self.token.refuse()
                    continue  # the same request again, anonymously
                if response.status_code == 429:
                    wait = retry_after_s(response.headers)
                    error = rate_limited(response, wait)
                    if (
                        wait is not None
                        and wait < deadline - loop.time()
                        and rate_limit_waits < _MAX_RATE_LIMIT_WAITS
                    ):
                        rate_limit_waits += 1
                        continue  # `acquire` waits for the window the Hub announced
                    raise error
                if response.status_code >= 500:
                    error = http_error(response)
                else:
                    return response
            failures += 1
            delay = self._backoff_s * 2 ** (failures - 1) * random.uniform(0.5, 1.5)  # noqa: S311
            if failures > self._max_retries or loop.time() + delay >= deadline:
                raise error
            await asyncio.sleep(delay)

    async def _send(
        self, url: str, params: list[tuple[str, str | int]] | None, deadline: float
    ) -> httpx2.Response:
        """One request under the semaphore, bounded by the per-request timeout and the deadline."""
        try:
            async with asyncio.timeout_at(deadline), self._semaphore:
                async with asyncio.timeout(self._timeout):
                    return await self._client.get(
                        url,
                        params=tuple(params) if params else None,
                        headers=self._headers | self.token.authorization(),
                        timeout=self._timeout,
                    )
        except (TimeoutError, httpx2.TimeoutException):
            raise HubError("timeout", "the Hub did not answer in time") from None
        except (httpx2.TransportError, httpx2.DecodingError, OfflineModeIsEnabled) as exc:
            raise HubError("network", f"could not reach the Hub ({type(exc).__name__})") from None
        except httpx2.TooManyRedirects:
            raise HubError("bad_response", "the Hub redirected too many times") from None

    def _next_url(self, response: httpx2.Response) -> str | None:
        link = response.links.get("next", {}).get("url")
        if not link:
            return None
        url = urljoin(str(response.url), link)
        if _origin(url) != _origin(self.endpoint):
            raise HubError("bad_response", "the Hub's next-page link points to another site")
        return url


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _headers() -> dict[str, str]:
    agent = (
        f"hf-support-bot/{__version__}; hf_hub/{hf_hub_version}; python/{platform.python_version()}"
    )
    return {"user-agent": agent, "accept": "application/json"}
