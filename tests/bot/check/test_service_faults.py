"""The check when the Hub fails: 429s, 5xx, timeouts, malformed answers, each a partial, honest report."""

from __future__ import annotations

import asyncio

import pytest

from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub

STAGES = ["NO_APP_FILE", "CONFIG_ERROR", "BUILDING", "BUILD_ERROR", "RUNNING", "RUNNING_BUILDING",
          "RUNTIME_ERROR", "DELETING", "STOPPED", "PAUSED", "APP_STARTING", "RUNNING_APP_STARTING",
          "SLEEPING", "QUANTUM_FLUX_2030"]  # fmt: skip


async def test_429_then_success_within_the_deadline(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", models=["m"])
    fake_hub.rate_limit("/api/models", reset_s=1)
    async with open_service(check_deadline_s=3) as service:
        report = await service.check("alice")
    assert report.complete and report.models.count == 1
    assert fake_hub.request_count("/api/models") == 2


async def test_429_beyond_the_deadline_gives_a_partial_report(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["m"], datasets=["d"], spaces=["s"])
    fake_hub.rate_limit("/api/spaces", reset_s=40, times=None)
    async with open_service(check_deadline_s=2) as service:
        report = await service.check("alice")
    assert report.spaces.error is not None and report.spaces.error.kind == "rate_limited"
    assert report.spaces.error.retry_after_s == 41  # t + 1 s, as huggingface_hub waits
    assert report.models.count == 1 and report.datasets.count == 1 and report.profile_reachable
    assert report.verdict.code == "incomplete"
    text = report.verdict.explanation
    assert "the Space list" in text and "retry in 41 s" in text and "Retrying" in text
    assert "does not look deleted" in text  # what was seen is still said
    assert report.summary_line().endswith("; could not check: Spaces")


async def test_500_then_success(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", datasets=["d"])
    fake_hub.fail("/api/datasets", status=500, times=1)
    async with open_service() as service:
        report = await service.check("alice")
    assert report.complete and report.datasets.count == 1
    assert fake_hub.request_count("/api/datasets") == 2


async def test_timeout_of_one_part_keeps_the_others(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", models=["m"], datasets=["d"], spaces=["s"])
    fake_hub.delay("/api/datasets", 10)
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with open_service(check_deadline_s=0.8, hub_timeout_s=0.3) as service:
        report = await service.check("alice")
    assert loop.time() - started < 1.5
    assert report.datasets.error is not None and report.datasets.error.kind == "timeout"
    assert report.models.count == 1 and report.spaces.count == 1 and report.profile_error is None
    assert report.verdict.code == "incomplete" and "the dataset list" in report.verdict.explanation


async def test_profile_failure_is_unknown(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.fail("/api/users", status=502, times=None)
    async with open_service() as service:
        report = await service.check("alice")
    assert report.kind == "unknown" and not report.profile_reachable
    assert report.profile_error is not None and report.profile_error.status == 502
    assert report.profile_error.request_id is not None
    assert report.verdict.code == "incomplete" and "the profile page" in report.verdict.explanation
    assert report.summary_line() == "no public repos listed; could not check: profile"


@pytest.mark.parametrize("body", [b"{not json", b'{"user": 5, "numModels": "many"}', b"[1, 2]"])
async def test_malformed_profile(fake_hub: FakeHub, open_service: Open, body: bytes) -> None:
    fake_hub.garbage("/api/users", body=body)
    async with open_service() as service:
        report = await service.check("alice")
    assert report.kind == "unknown"
    assert report.profile_error is not None and report.profile_error.kind == "bad_response"


async def test_malformed_list_and_items(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", models=["ok"], spaces=["s"])
    fake_hub.garbage("/api/datasets", body=b'{"not": "a list"}')
    fake_hub.garbage("/api/spaces", body=b'[{"id": "alice/s"}, {"no_id": 1}, "junk"]')
    async with open_service() as service:
        report = await service.check("alice")
    assert report.models.count == 1 and report.models.error is None
    assert report.datasets.error is not None and report.datasets.error.kind == "bad_response"
    assert report.spaces.count == 1 and report.spaces.error is not None
    assert "2 listed item(s)" in report.spaces.error.message
    assert report.verdict.code == "incomplete"


async def test_an_unreadable_profile_says_so(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.garbage("/api/users", body=b'{"user": 5}')
    async with open_service() as service:
        report = await service.check("alice")
    assert report.profile_error is not None
    assert report.profile_error.message == "the Hub sent a profile that could not be read"

