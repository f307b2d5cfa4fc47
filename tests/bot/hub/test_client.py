"""HubClient against the fake Hub: retries, rate limits, deadlines, pagination, headers."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.hub.client import HubClient
from bot.hub.errors import HubError, decode_json
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


def _raw(content: bytes) -> tuple[list[Any], int]:
    data = decode_json(content)
    if not isinstance(data, list):
        raise HubError("bad_response", "not a list")
    return data, 0


def _deadline(seconds: float) -> float:
    return asyncio.get_running_loop().time() + seconds


async def test_overview_found_and_404_is_an_answer(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.add_user("alice", models=["m"])
    async with HubClient(hub_settings) as hub:
        page = await hub.get_json(
            "/api/users/alice/overview", deadline=_deadline(2), allow_404=True
        )
        missing = await hub.get_json(
            "/api/users/bob/overview", deadline=_deadline(2), allow_404=True
        )
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/bob/overview", deadline=_deadline(2))
    assert page is not None and page.data["user"] == "alice" and page.data["numModels"] == 1
    assert missing is None
    assert info.value.kind == "hub_error" and info.value.status == 404
    assert info.value.request_id and info.value.request_id.startswith("fake-")


async def test_429_then_success_within_the_deadline(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.add_user("alice")
    fake_hub.rate_limit("/api/users", reset_s=1, times=1)
    async with HubClient(hub_settings) as hub:
        started = time.monotonic()
        page = await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert page is not None and page.data["user"] == "alice"
    assert 0.9 <= time.monotonic() - started < 2.5  # waited for the announced reset
    assert fake_hub.request_count("/api/users") == 2


async def test_retry_after_header_is_honoured(fake_hub: FakeHub, hub_settings: Settings) -> None:
    fake_hub.add_user("alice")
    fake_hub.rate_limit("/api/users", reset_s=0, times=2, style="retry-after")
    async with HubClient(hub_settings) as hub:
        page = await hub.get_json("/api/users/alice/overview", deadline=_deadline(2))
    assert page is not None
    assert fake_hub.request_count("/api/users") == 3


async def test_429_beyond_the_deadline_reports_the_wait(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.rate_limit("/api/users", reset_s=55, times=None)
    async with HubClient(hub_settings) as hub:
        started = time.monotonic()
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert time.monotonic() - started < 1  # did not wait in vain
    error = info.value
    # t + 1 s, as huggingface_hub waits
    assert error.kind == "rate_limited" and error.retry_after_s == 56 and error.status == 429
    assert "retry in 56 s" in error.message
    assert fake_hub.request_count("/api/users") == 1


async def test_429_without_a_wait_closes_a_whole_window(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    """A 429 that says nothing of its reset is not retried into the window: the budget assumes
    a whole window (300 s) and a later call sends nothing at all."""
    fake_hub.rate_limit("/api/users", reset_s=None, times=None)
    settings = make_hub_settings(fake_hub.url, tmp_path / "db")
    async with HubClient(settings, backoff_s=0.01) as hub:
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
        with pytest.raises(HubError) as again:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert info.value.kind == "rate_limited" and info.value.retry_after_s is None
    assert fake_hub.request_count("/api/users") == 1
    assert again.value.kind == "rate_limited" and again.value.retry_after_s is not None
    assert 290 < again.value.retry_after_s <= 300


async def test_500_then_success(fake_hub: FakeHub, hub_settings: Settings) -> None:
    fake_hub.add_user("alice")
    fake_hub.fail("/api/users", status=500, times=1)
    async with HubClient(hub_settings) as hub:
        page = await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert page is not None
    assert fake_hub.request_count("/api/users") == 2


async def test_5xx_gives_up_after_two_retries(fake_hub: FakeHub, tmp_path: Path) -> None:
    fake_hub.fail("/api/users", status=503, times=None)
    async with HubClient(make_hub_settings(fake_hub.url, tmp_path / "db"), backoff_s=0.01) as hub:
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert info.value.kind == "hub_error" and info.value.status == 503
    assert info.value.request_id == "fake-3"
    assert fake_hub.request_count("/api/users") == 3


async def test_4xx_is_not_retried(fake_hub: FakeHub, hub_settings: Settings) -> None:
    fake_hub.fail("/api/users", status=403, times=None, headers={"X-Error-Message": "nope"})
    async with HubClient(hub_settings) as hub:
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(3))
    assert info.value.kind == "hub_error" and info.value.status == 403
    assert fake_hub.request_count("/api/users") == 1


async def test_slow_answer_times_out_per_request_and_by_deadline(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    fake_hub.delay("/api/users", 5)
    settings = make_hub_settings(fake_hub.url, tmp_path / "db", hub_timeout_s=0.2)
    async with HubClient(settings, backoff_s=0.01) as hub:
        started = time.monotonic()
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(0.5))
    assert info.value.kind == "timeout"
    assert time.monotonic() - started < 0.9
    assert fake_hub.request_count("/api/users") >= 2  # the per-request timeout allowed a retry


async def test_malformed_json_is_a_bad_response(fake_hub: FakeHub, hub_settings: Settings) -> None:
    fake_hub.garbage("/api/users")
    async with HubClient(hub_settings) as hub:
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(2))
    assert info.value.kind == "bad_response"


async def test_unreachable_hub_is_a_network_error(tmp_path: Path) -> None:
    fake = FakeHub()
    await fake.start()
    url = fake.url
    await fake.close()  # nothing listens there any more
    settings = make_hub_settings(url, tmp_path / "db")
    async with HubClient(settings, backoff_s=0.01) as hub:
        with pytest.raises(HubError) as info:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(2))
    assert info.value.kind == "network"


async def test_pagination_follows_link_next_and_caps(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.max_page_size = 3
    fake_hub.add_repos("alice", "model", [f"m{i}" for i in range(8)])
    async with HubClient(hub_settings) as hub:
        everything = await hub.list_repos("models", "alice", parse=_raw, expand=["likes"], max_items=100,
                                          deadline=_deadline(2))  # fmt: skip
        capped = await hub.list_repos(
            "models", "alice", parse=_raw, expand=[], max_items=5, deadline=_deadline(2)
        )
        exact = await hub.list_repos(
            "models", "alice", parse=_raw, expand=[], max_items=8, deadline=_deadline(2)
        )
    assert [i["id"] for i in everything.items] == [f"alice/m{i}" for i in range(8)]
    assert set(everything.items[0]) == {"_id", "id", "likes"}  # expand selects the fields
    assert not everything.capped and everything.error is None
    assert len(capped.items) == 5 and capped.capped
    assert len(exact.items) == 8 and not exact.capped
    first = next(r for r in fake_hub.requests if r.path == "/api/models")
    assert "limit=100" in first.query and "author=alice" in first.query


async def test_a_failing_page_keeps_the_items_seen(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.max_page_size = 2
    fake_hub.add_repos("alice", "dataset", ["a", "b", "c"])
    fake_hub.garbage("/api/datasets", times=None, after=1)
    async with HubClient(hub_settings) as hub:
        listing = await hub.list_repos(
            "datasets", "alice", parse=_raw, expand=[], max_items=10, deadline=_deadline(2)
        )
    assert [i["id"] for i in listing.items] == ["alice/a", "alice/b"]
    assert listing.error is not None and listing.error.kind == "bad_response"


async def test_next_link_to_another_site_is_refused(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    fake_hub.max_page_size = 1
    fake_hub.next_link_base = "http://127.0.0.2:9"
    fake_hub.add_repos("alice", "model", ["a", "b"])
    async with HubClient(hub_settings) as hub:
        listing = await hub.list_repos(
            "models", "alice", parse=_raw, expand=[], max_items=10, deadline=_deadline(2)
        )
    assert [i["id"] for i in listing.items] == ["alice/a"]
    assert listing.error is not None and listing.error.kind == "bad_response"


async def test_token_only_when_configured_and_no_side_requests(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    anonymous = make_hub_settings(fake_hub.url, tmp_path / "db")
    with_token = make_hub_settings(fake_hub.url, tmp_path / "db", hf_token=SecretStr("hf_secret"))
    for settings in (anonymous, with_token):
        async with HubClient(settings) as hub:
            await hub.get_json("/api/users/alice/overview", deadline=_deadline(2), allow_404=True)
    first, second = fake_hub.requests
    assert "Authorization" not in first.headers
    assert second.headers["Authorization"] == "Bearer hf_secret"
    assert first.headers["User-Agent"].startswith("hf-support-bot/")
    assert fake_hub.request_count("/api/agent-harnesses") == 0


async def test_concurrency_is_bounded_per_request(fake_hub: FakeHub, tmp_path: Path) -> None:
    fake_hub.latency = 0.05
    settings = make_hub_settings(fake_hub.url, tmp_path / "db", hub_max_concurrency=3)
    async with HubClient(settings) as hub:
        await asyncio.gather(*(
            hub.get_json(f"/api/users/u{i}/overview", deadline=_deadline(3), allow_404=True)
            for i in range(12)
        ))  # fmt: skip
    assert fake_hub.max_in_flight == 3
