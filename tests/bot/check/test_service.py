"""CheckService against the fake Hub: kinds, lists, faults, verdicts, cache and dedupe."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from bot.accounts import InvalidAccount
from bot.check.models import AccountReport
from bot.config import Settings
from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub

STAGES = ["NO_APP_FILE", "CONFIG_ERROR", "BUILDING", "BUILD_ERROR", "RUNNING", "RUNNING_BUILDING",
          "RUNTIME_ERROR", "DELETING", "STOPPED", "PAUSED", "APP_STARTING", "RUNNING_APP_STARTING",
          "SLEEPING", "QUANTUM_FLUX_2030"]  # fmt: skip




async def test_user_with_all_three_types(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", fullname="Alice A.", models=[{"name": "m1", "likes": 5, "downloads": 12}, "m2"],
                      datasets=["d1"], spaces=[{"name": "app", "stage": "RUNNING"}])  # fmt: skip
    async with open_service() as service:
        report = await service.check("https://huggingface.co/alice")
    assert report.account == "alice" and report.kind == "user" and report.profile_reachable
    assert report.display_name == "Alice A."
    assert (report.models.count, report.datasets.count, report.spaces.count) == (2, 1, 1)
    assert (
        report.models.stated_total,
        report.datasets.stated_total,
        report.spaces.stated_total,
    ) == (2, 1, 1)
    m1 = report.models.items[0]
    assert (m1.id, m1.likes, m1.downloads) == ("alice/m1", 5, 12)
    assert m1.url == f"{fake_hub.url}/alice/m1" and m1.last_modified is not None
    assert report.datasets.items[0].url == f"{fake_hub.url}/datasets/alice/d1"
    assert report.spaces.items[0].url == f"{fake_hub.url}/spaces/alice/app"
    assert report.spaces.items[0].stage == "RUNNING" and not report.spaces.items[0].disabled
    assert report.verdict.code == "visible"
    assert "does not look deleted" in report.verdict.explanation.lower()
    assert "4 public repos" in report.verdict.explanation
    assert report.summary_line() == "4 public repos reachable (2 models, 1 dataset, and 1 Space)"
    assert report.complete and not report.cached and report.age_s is None
    assert report.checked_at.utcoffset() is not None and report.duration_s >= 0
    # one request per part (both overviews at once), Space stages from the list call itself
    assert fake_hub.request_count() == 5
    spaces_query = next(r.query for r in fake_hub.requests if r.path == "/api/spaces")
    assert "expand=runtime" in spaces_query and "expand=disabled" in spaces_query


async def test_organization(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_org("Acme", models=["big"])
    async with open_service() as service:
        report = await service.check("@acme")
    assert report.kind == "organization" and report.profile_reachable
    assert report.account == "Acme"  # the Hub's spelling
    assert report.models.count == 1 and report.verdict.code == "visible"
    assert fake_hub.request_count("/api/organizations/acme/overview") == 1


async def test_unknown_account_is_not_visible(fake_hub: FakeHub, open_service: Open) -> None:
    async with open_service() as service:
        report = await service.check("ghost")
    assert report.kind == "not_found" and not report.profile_reachable
    assert report.public_count == 0 and report.complete
    assert report.verdict.code == "not_visible"
    text = report.verdict.explanation
    for words in (
        "locked",
        "renamed",
        "private",
        "deleted",
        "support",
        "do not assume the data is gone",
    ):
        assert words in text
    assert report.summary_line() == "nothing publicly visible (no profile, no public repos)"


async def test_profile_without_public_repos_is_visible(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("quiet")
    async with open_service() as service:
        report = await service.check("quiet")
    assert report.verdict.code == "visible"
    assert "no public repos" in report.verdict.explanation
    assert report.summary_line() == "profile reachable, no public repos listed"


async def test_repos_without_a_profile_are_visible(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_repos("hidden", "space", ["app"])
    async with open_service() as service:
        report = await service.check("hidden")
    assert report.kind == "not_found" and report.verdict.code == "visible"
    assert "1 public repo is still reachable" in report.verdict.explanation
    assert "no profile page was found" in report.verdict.explanation


async def test_pagination_across_pages(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.max_page_size = 4
    fake_hub.add_user("many", models=[f"m{i}" for i in range(10)])
    async with open_service() as service:
        report = await service.check("many")
    assert report.models.count == 10 and not report.models.capped
    assert [i.id for i in report.models.items] == [f"many/m{i}" for i in range(10)]
    assert fake_hub.request_count("/api/models") == 3


async def test_cap_reports_n_plus(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.max_page_size = 3
    fake_hub.add_user("huge", models=[f"m{i}" for i in range(20)], spaces=["s"])
    async with open_service(check_max_items=7) as service:
        report = await service.check("huge")
    assert report.models.count == 7 and report.models.capped and report.models.stated_total == 20
    assert report.models.shown_count() == "7+"
    assert fake_hub.request_count("/api/models") == 3  # 3 + 3 + 1 of a page of 3
    assert report.summary_line() == "8+ public repos reachable (7+ models, 0 datasets, and 1 Space)"
    assert report.verdict.code == "visible"


async def test_every_space_stage_including_unknown_ones(
    fake_hub: FakeHub, open_service: Open
) -> None:
    specs: list[Any] = [{"name": f"s{i}", "stage": stage} for i, stage in enumerate(STAGES)]
    specs += [
        {"name": "no-runtime", "runtime": None},
        {"name": "off", "stage": "PAUSED", "disabled": True},
    ]
    fake_hub.add_user("stagey", spaces=specs)
    async with open_service() as service:
        report = await service.check("stagey")
    stages = {s.id.split("/")[1]: s.stage for s in report.spaces.items}
    assert [stages[f"s{i}"] for i in range(len(STAGES))] == STAGES
    assert stages["no-runtime"] is None
    off = next(s for s in report.spaces.items if s.id == "stagey/off")
    assert off.disabled and off.stage == "PAUSED"
    assert report.complete and report.verdict.code == "visible"
    assert report.paused_spaces() == 2 and report.disabled_spaces() == 1


@pytest.mark.parametrize(
    ("paused", "running", "noted"), [(2, 0, True), (4, 1, True), (3, 2, False), (1, 0, False)]
)
async def test_mass_paused_spaces_note(fake_hub: FakeHub, open_service: Open, paused: int,
                                       running: int, noted: bool) -> None:  # fmt: skip
    spaces: list[Any] = [{"name": f"p{i}", "stage": "PAUSED"} for i in range(paused)]
    spaces += [{"name": f"r{i}", "stage": "RUNNING"} for i in range(running)]
    fake_hub.add_user("flagged", spaces=spaces)
    async with open_service() as service:
        report = await service.check("flagged")
    text = report.verdict.explanation
    assert ("reported this same pattern" in text) is noted
    assert "because" not in text.lower()
    if noted:
        assert f"{paused} of its {paused + running} Spaces are paused or disabled" in text


async def test_ten_simultaneous_checks_share_one_set_of_requests(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["m"], spaces=["s"])
    fake_hub.latency = 0.1
    async with open_service() as service:
        reports = await asyncio.gather(
            *(service.check("alice", fresh=i % 2 == 0) for i in range(10))
        )
    assert fake_hub.request_count() == 5
    assert len({r.checked_at for r in reports}) == 1 and all(r.models.count == 1 for r in reports)


async def test_a_cancelled_caller_does_not_cancel_the_shared_check(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice")
    fake_hub.latency = 0.2
    async with open_service() as service:
        impatient = asyncio.create_task(service.check("alice"))
        patient = asyncio.create_task(service.check("alice"))
        await asyncio.sleep(0.05)
        impatient.cancel()
        report = await patient
    assert report.verdict.code == "visible" and fake_hub.request_count() == 5


@pytest.mark.parametrize(
    "text", ["../x", "a l i c e", "\u0430lice", "x" * 5000, "https://evil.example/alice"]
)
async def test_hostile_input_never_reaches_the_hub(
    fake_hub: FakeHub, open_service: Open, text: str
) -> None:
    async with open_service() as service:
        with pytest.raises(InvalidAccount):
            await service.check(text)
        with pytest.raises(InvalidAccount):
            await service.reports.latest(text)
    assert fake_hub.request_count() == 0


async def test_json_shape_is_stable(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", models=["m"], spaces=[{"name": "s", "stage": "PAUSED"}])
    async with open_service() as service:
        report = await service.check("alice")
    data = json.loads(report.model_dump_json())
    assert {"account", "kind", "profile_reachable", "models", "datasets", "spaces", "verdict",
            "checked_at", "duration_s", "cached", "age_s", "profile_error"} <= set(data)  # fmt: skip
    assert set(data["models"]) >= {"count", "capped", "stated_total", "items", "error"}
    assert set(data["models"]["items"][0]) == {"id", "url", "last_modified", "likes", "downloads",
                                               "disabled", "gated"}  # fmt: skip
    assert data["linked_repo"] is None and data["profile_status"] is None
    assert (
        data["spaces"]["items"][0]["stage"] == "PAUSED"
        and data["spaces"]["items"][0]["disabled"] is False
    )
    assert set(data["verdict"]) == {"code", "explanation"}
    assert data["checked_at"].endswith("Z") or data["checked_at"].endswith("+00:00")
    assert AccountReport.model_validate_json(report.model_dump_json()) == report


async def test_settings_fixture_points_at_the_fake(
    fake_hub: FakeHub, hub_settings: Settings
) -> None:
    assert hub_settings.hf_endpoint == fake_hub.url and hub_settings.hub_token() is False


async def test_progress_reports_every_list_also_under_the_hubs_spelling(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("Alice", models=["m1", "m2"], datasets=["d"], spaces=["s1", "s2", "s3"])
    seen: list[tuple[str, int]] = []
    async with open_service() as service:
        report = await service.check("alice", progress=lambda part, n: seen.append((part, n)))
    assert report.account == "Alice"
    # asked as typed first (nothing listed), then as the Hub spells it: the counts come from there
    assert {("models", 2), ("datasets", 1), ("spaces", 3)} <= set(seen)


async def test_duration_is_the_time_the_check_took_in_milliseconds(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice")
    async with open_service() as service:
        loop = asyncio.get_running_loop()
        before = loop.time()
        report = await service.check("alice")
        took = loop.time() - before
    assert 0 <= report.duration_s <= took + 0.001
    assert report.duration_s == round(report.duration_s, 3)
