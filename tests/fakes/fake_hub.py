"""A fake Hugging Face Hub on 127.0.0.1 for tests and benchmarks.

It serves the JSON shapes of the real API (see /work/shared/notes/hub-api.md): user and
organization overviews, `/api/{models,datasets,spaces}?author=` lists with `expand=` and
`Link: rel="next"` pagination, and what `snapshot_download` needs for small repos (revision info,
tree, HEAD/GET on resolve). Faults are configured per path prefix, and every request is recorded.

    async with FakeHub() as hub:
        hub.add_user("alice", models=["m1"], spaces=[{"name": "app", "stage": "PAUSED"}])
        hub.fail("/api/models", status=500, times=1)
        ... point the code under test at hub.url ...
        assert hub.request_count("/api/models") == 2
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from aiohttp import web

from tests.fakes.fake_hub_answers import (
    RATE_LIMIT_QUOTA,
    Quota,
    json_response,
    token_refused,
    whoami,
)
from tests.fakes.fake_hub_content import HubContent, RepoSpec
from tests.fakes.fake_hub_faults import HubFaults, Rule

__all__ = ["FakeHub", "RecordedRequest", "RepoSpec", "fake_hub_in_thread"]

_TYPES = {"models": "model", "datasets": "dataset", "spaces": "space"}


@dataclass
class RecordedRequest:
    """One request the fake received."""

    method: str
    path: str
    query: str
    headers: dict[str, str]


class FakeHub(HubFaults):
    """The fake server. Configure it with `add_*`, `fail`, `rate_limit`, `delay`, `garbage`;
    `latency` adds a fixed delay to every request."""

    def __init__(self, *, latency: float = 0.0, max_page_size: int = 1000) -> None:
        self.latency = latency
        self.max_page_size = max_page_size
        self.default_page_size = 1000
        self.requests: list[RecordedRequest] = []
        self.url = ""
        self.next_link_base: str | None = None  # to make Link: rel="next" point elsewhere
        self.content = HubContent()
        self._rules: list[Rule] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests it was answering at once
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        self._quota: Quota | None = None
        self.refused = 0  # requests answered 429 by the quota mode
        self.revoked_tokens: set[str] = set()  # tokens answered 401 on every route

    # -- lifecycle ------------------------------------------------------------------------------
    async def __aenter__(self) -> FakeHub:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Listen on a random port of 127.0.0.1; `url` is then set."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=0.1
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def close(self) -> None:
        """Stop serving; pending delays end at once."""
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- content --------------------------------------------------------------------------------
    def add_user(
        self,
        name: str,
        *,
        fullname: str | None = None,
        stated: Mapping[str, int | None] | None = None,
        models: Iterable[RepoSpec] = (),
        datasets: Iterable[RepoSpec] = (),
        spaces: Iterable[RepoSpec] = (),
    ) -> None:
        """A user with public repos; the overview states their counts unless `stated` overrides
        (keys "models", "datasets", "spaces")."""
        repos = {"model": models, "dataset": datasets, "space": spaces}
        self.content.add_account(name, "user", fullname, stated, repos)

    def add_org(
        self,
        name: str,
        *,
        fullname: str | None = None,
        stated: Mapping[str, int | None] | None = None,
        models: Iterable[RepoSpec] = (),
        datasets: Iterable[RepoSpec] = (),
        spaces: Iterable[RepoSpec] = (),
    ) -> None:
        """An organization with public repos."""
        repos = {"model": models, "dataset": datasets, "space": spaces}
        self.content.add_account(name, "org", fullname, stated, repos)

    def add_repos(self, author: str, repo_type: str, specs: Iterable[RepoSpec]) -> list[str]:
        """Repos of `author` of one type ("model", "dataset", "space"), with or without a
        profile. A spec is a name or a dict (`name` or `id`, `likes`, `downloads`, `stage`,
        `disabled`, `gated`, `private`, `lastModified`, `errorMessage` for Spaces, ...).
        Returns the ids."""
        return self.content.add_repos(author, repo_type, specs)

    def rename(self, old_id: str, new_id: str, *, repo_type: str = "model") -> None:
        """Rename a repo: its old API address redirects (307) to the new one."""
        self.content.rename(repo_type, old_id, new_id)

    def add_files(
        self, repo_id: str, files: Mapping[str, bytes], *, repo_type: str = "model"
    ) -> None:
        """Files of a repo, served to `snapshot_download` (revision, tree and resolve calls)."""
        self.content.add_files(repo_type, repo_id, files)

    # -- inspection -----------------------------------------------------------------------------
    def request_count(self, path_prefix: str = "", *, method: str | None = None) -> int:
        """Requests received whose path starts with `path_prefix`."""
        return sum(
            1
            for r in self.requests
            if r.path.startswith(path_prefix) and (method is None or r.method == method)
        )

    def reset_requests(self) -> None:
        """Forget the recorded requests."""
        self.requests.clear()

    # -- serving --------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.requests.append(
            RecordedRequest(request.method, path, request.query_string, dict(request.headers))
        )
        request_id = f"fake-{len(self.requests)}"
        if self.latency:
            await self._sleep(self.latency)
        if self._quota is not None:
            return self._quota_answer(request, request_id)
        refused = token_refused(request, self.revoked_tokens)
        if refused is not None:
            return self._with_rate_limit(refused, request_id)
        for rule in list(self._rules):
            if not path.startswith(rule.prefix) or rule.times == 0:
                continue
            if rule.after > 0:
                rule.after -= 1
                continue
            if rule.times is not None:
                rule.times -= 1
            if rule.action == "delay":
                await self._sleep(rule.seconds)
                continue
            headers = {"X-Request-Id": request_id, **rule.headers}
            answer = web.Response(
                status=rule.status,
                body=rule.body,
                headers=headers,
                content_type=None if "Content-Type" in headers else "application/json",
            )
            return self._with_rate_limit(answer, request_id)
        return self._with_rate_limit(self._route(request), request_id)

    def _with_rate_limit(self, response: web.StreamResponse, request_id: str) -> web.StreamResponse:
        """The request id and the rate-limit state, on every answer, errors included: the Hub
        sends `RateLimit` on every response, not only on 429s (hub-api.md; utils/_http.py
        `hf_raise_for_status`: "Headers are set on every response: only use them if they are
        the reason for the 429"); r>0 means "keep going". The quota itself is not enforced
        here: `rate_limit()` simulates it, `enforce_quota()` enforces it."""
        response.headers.setdefault("X-Request-Id", request_id)
        remaining = max(1, RATE_LIMIT_QUOTA - len(self.requests))
        response.headers.setdefault("RateLimit", f'"api";r={remaining};t=120')
        response.headers.setdefault(
            "RateLimit-Policy", f'"fixed window";"api";q={RATE_LIMIT_QUOTA};w=300'
        )
        return response

    def _quota_answer(self, request: web.Request, request_id: str) -> web.StreamResponse:
        """The quota mode. Every answer carries `RateLimit: "api";r=<left>;t=<reset>` and
        `RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window>` (hub-api.md; the formats
        are those huggingface_hub parses, utils/_http.py `parse_ratelimit_headers` and its
        docstring example `"api";r=0;t=55`); over the quota the answer is 429 with r=0, and
        huggingface_hub's retry loop then waits t + 1 s (utils/_http.py `_http_backoff_base`)."""
        assert self._quota is not None
        left, reset = self._quota.take()
        headers = {
            "X-Request-Id": request_id,
            "RateLimit": f'"api";r={max(0, left)};t={reset}',
            "RateLimit-Policy": (
                f'"fixed window";"api";q={self._quota.limit};w={self._quota.window_s}'
            ),
        }
        refused = token_refused(request, self.revoked_tokens)
        if refused is not None and left >= 0:
            refused.headers.update(headers)
            return refused
        if left < 0:
            self.refused += 1
            body = json.dumps({"error": "You have been rate-limited"}).encode()
            return web.Response(
                status=429, body=body, headers=headers, content_type="application/json"
            )
        response = self._route(request)
        response.headers.update(headers)
        return response

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    def _route(self, request: web.Request) -> web.StreamResponse:
        parts = [p for p in request.path.split("/") if p]
        if parts == ["api", "whoami-v2"]:
            return whoami(request)
        if parts[:1] == ["api"] and len(parts) >= 2:
            if (
                len(parts) == 4
                and parts[1] in {"users", "organizations"}
                and parts[3] == "overview"
            ):
                return self.content.overview(parts[1], parts[2])
            if len(parts) == 2 and parts[1] in _TYPES:
                return self.content.list_page(
                    request,
                    _TYPES[parts[1]],
                    base_url=self.next_link_base or self.url,
                    default_page_size=self.default_page_size,
                    max_page_size=self.max_page_size,
                )
            if parts[1] in _TYPES and len(parts) == 4:
                return self.content.repo_info(request, _TYPES[parts[1]], "/".join(parts[2:]))
            if parts[1] in _TYPES and len(parts) >= 5:
                return self.content.repo_api(request, _TYPES[parts[1]], parts[2:])
        elif "resolve" in parts:
            return self.content.resolve(request, parts)
        return json_response({"error": "Not found"}, status=404)


@contextlib.contextmanager
def fake_hub_in_thread(hub: FakeHub | None = None) -> Iterator[FakeHub]:
    """Serve a `FakeHub` from a background thread, for synchronous code (the CLI, hypothesis)."""
    hub = hub or FakeHub()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-hub", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(hub.start(), loop).result(timeout=10)
        yield hub
    finally:
        asyncio.run_coroutine_threadsafe(hub.close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
