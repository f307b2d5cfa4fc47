"""CheckService against the fake Hub, on what the real Hub answers: disabled and gated repos,
spelling, refused profiles, pasted repo links, Space error messages, page size, both overviews
at once, and one set of requests for simultaneous checks whatever the interleaving."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import parse_qs

import pytest

from bot.backup.plan import build_backup_plan
from bot.check.models import ERROR_MESSAGE_LIMIT
from bot.db import Database
from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub
from tests.fakes.fake_hub_answers import KNOWN_EXPAND


async def test_disabled_and_gated_models_and_datasets(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user(
        "alice",
        models=[{"name": "off", "disabled": True}, {"name": "llm", "gated": "manual"}],
        datasets=[{"name": "data", "gated": "auto"}],
    )
    async with open_service() as service:
        report = await service.check("alice")
    off, llm = report.models.items
    assert (off.disabled, off.gated, llm.disabled, llm.gated) == (True, None, False, "manual")
    assert report.datasets.items[0].gated == "auto"
    assert report.copyable_count() == 0 and report.gated_repos() == 2 and report.disabled_repos() == 1
    text = report.verdict.explanation
    assert "can most likely be copied" not in text
    assert "2 gated repos need a logged-in account" in text and "1 disabled repo:" in text
    for r in fake_hub.requests:
        for value in parse_qs(r.query).get("expand", []):
            assert value in KNOWN_EXPAND[r.path.rsplit("/", 1)[-1].rstrip("s")]
    plan = build_backup_plan(report)
    assert plan.commands == [] and [r.id for r in plan.support_only] == ["alice/off"]
    assert [(g.id, g.gated) for g in plan.gated] == [("alice/llm", "manual"), ("alice/data", "auto")]
    for script in (plan.shell_script, plan.python_script):
        assert "hf download alice/llm" not in script and "('alice/llm'" not in script
        assert "#   alice/llm (model, gated): needs a logged-in" in script
    assert "alice/off" not in plan.shell_script


async def test_lists_use_the_spelling_the_overview_returned(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("Alice", models=["m"], spaces=["s"])
    async with open_service() as service:
        report = await service.check("alice")
    assert report.account == "Alice" and report.models.count == 1 and report.spaces.count == 1
    assert report.complete
    authors = {parse_qs(r.query)["author"][0] for r in fake_hub.requests if r.path == "/api/models"}
    assert authors == {"alice", "Alice"}  # asked as typed, then as the Hub spells it


@pytest.mark.parametrize("status", [401, 403, 410])
async def test_a_refused_profile_is_not_visible_not_transient(
    fake_hub: FakeHub, open_service: Open, status: int
) -> None:
    fake_hub.fail("/api/users/ghost/overview", status=status, times=None)
    async with open_service() as service:
        report = await service.check("ghost")
    assert report.kind == "not_found" and report.profile_status == status and report.complete
    assert report.profile_error is None and report.verdict.code == "not_visible"
    assert f"HTTP {status}" in report.verdict.explanation
    assert "Retrying" not in report.verdict.explanation


async def test_only_transient_failures_suggest_retrying(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["m"])
    fake_hub.fail("/api/datasets", status=400, times=None)
    async with open_service() as service:
        definite = await service.check("alice")
        fake_hub.fail("/api/organizations/alice/overview", status=503, times=None)
        fake_hub.fail("/api/users/alice/overview", status=404, times=None)
        transient = await service.check("alice", fresh=True)
    assert definite.verdict.code == "incomplete" and "Retrying" not in definite.verdict.explanation
    assert transient.kind == "unknown" and "Retrying" in transient.verdict.explanation


async def test_a_pasted_space_link_is_looked_at_first(fake_hub: FakeHub, open_service: Open) -> None:
    message = "Paused by an automated rule: " + "x" * 2000
    fake_hub.add_user("alice", spaces=[{"name": "app", "stage": "PAUSED", "errorMessage": message},
                                       {"name": "ok", "stage": "RUNNING", "errorMessage": "old"}])  # fmt: skip
    fake_hub.latency = 0.05  # so that every request of the check is in flight at once
    async with open_service() as service:
        report = await service.check("https://huggingface.co/spaces/alice/app/discussions")
    linked = report.linked_repo
    assert linked is not None and linked.reachable and (linked.type, linked.id) == ("space", "alice/app")
    assert linked.stage == "PAUSED" and linked.error_message is not None
    assert linked.error_message.startswith("Paused by an automated rule")
    assert len(linked.error_message) <= ERROR_MESSAGE_LIMIT
    assert report.verdict.explanation.startswith("The linked Space alice/app is reachable")
    assert fake_hub.request_count("/api/spaces/alice/app") == 1
    assert fake_hub.request_count() == 6 and fake_hub.max_in_flight == 6  # one round trip
    app, ok = report.spaces.items
    assert app.error_message == linked.error_message and ok.error_message is None
    data = report.model_dump(mode="json")["linked_repo"]
    assert {"id", "type", "reachable", "stage", "disabled", "gated"} <= set(data)


async def test_a_linked_disabled_or_missing_repo_is_not_reachable(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=[{"name": "off", "disabled": True}])
    async with open_service() as service:
        off = await service.check("alice/off")
        missing = await service.check("https://hf.co/datasets/alice/nothing")
        plain = await service.check("alice")
    assert off.linked_repo is not None and not off.linked_repo.reachable
    assert off.linked_repo.status == 403 and off.linked_repo.disabled is True
    assert "disabled by Hugging Face (HTTP 403)" in off.verdict.explanation
    assert missing.linked_repo is not None and missing.linked_repo.type == "dataset"
    assert not missing.linked_repo.reachable and missing.linked_repo.disabled is None
    assert plain.linked_repo is None and not plain.cached  # a different question than the links


async def test_pages_of_500(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("big", models=[f"m{i}" for i in range(600)])
    async with open_service() as service:
        report = await service.check("big")
    assert report.models.count == 600 and not report.models.capped
    first = next(r for r in fake_hub.requests if r.path == "/api/models")
    assert parse_qs(first.query)["limit"] == ["500"]
    assert fake_hub.request_count("/api/models") == 2


async def test_an_organization_costs_one_round_trip(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_org("acme", models=["m"], stated={"models": None})
    fake_hub.latency = 0.05
    async with open_service() as service:
        report = await service.check("acme")
    assert report.kind == "organization" and report.models.stated_total is None
    assert fake_hub.request_count() == 5 and fake_hub.max_in_flight == 5


async def test_twenty_checks_share_one_set_of_requests_whatever_the_interleaving(
    fake_hub: FakeHub, open_service: Open
) -> None:
    """Callers arriving while the first one's cache read is pending: any later cache read is held
    on SQLite's own thread until the first check has finished (its report not yet stored)."""
    fake_hub.add_user("alice", models=["m"])
    first_done = threading.Event()
    reads = 0

    def hold_later_reads(sql: str) -> None:  # runs on the database thread, before each statement
        nonlocal reads
        if "FROM account_reports" in sql:
            reads += 1
            if reads > 1:
                first_done.wait(timeout=10)

    async with open_service() as service:
        db: Database = service.reports.db  # the real connection, observed only
        await db.conn.set_trace_callback(hold_later_reads)
        first = asyncio.create_task(service.check("alice"))
        others = [asyncio.create_task(service.check("alice")) for _ in range(19)]
        report = await first
        first_done.set()
        reports = await asyncio.gather(*others)
        await db.conn.set_trace_callback(None)  # type: ignore[arg-type]  # None removes it (sqlite3 docs)
    assert fake_hub.request_count() == 5
    assert {r.checked_at for r in reports} == {report.checked_at}


async def test_a_caller_after_the_check_but_before_the_store_gets_the_stored_report(
    fake_hub: FakeHub, open_service: Open
) -> None:
    """The write of the first report is held on SQLite's thread while a second caller arrives."""
    fake_hub.add_user("alice", models=["m"])
    stored = threading.Event()

    def hold_the_write(sql: str) -> None:
        if sql.startswith("INSERT INTO account_reports"):
            stored.wait(timeout=10)

    async with open_service() as service:
        db: Database = service.reports.db  # the real connection, observed only
        await db.conn.set_trace_callback(hold_the_write)
        first = await service.check("alice")
        late = asyncio.create_task(service.check("alice"))
        await asyncio.sleep(0)  # the late caller is now waiting for the write
        assert not late.done()
        stored.set()
        second = await late
        await db.conn.set_trace_callback(None)  # type: ignore[arg-type]  # None removes it (sqlite3 docs)
    assert second.cached and second.checked_at == first.checked_at
    assert fake_hub.request_count() == 5


async def test_a_report_repr_stays_short(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("big", models=[f"m{i}" for i in range(300)])
    async with open_service() as service:
        task = asyncio.create_task(service.check("big"))
        await task
    assert len(repr(task)) < 400 and "m299" not in repr(task)


async def test_a_linked_repo_that_is_missing_failing_or_unreadable(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", spaces=["app"])
    fake_hub.fail("/api/spaces/alice/app", status=500, times=None)
    fake_hub.garbage("/api/models/alice/odd", body=b'{"no_id": 1}')
    fake_hub.fail("/api/datasets/alice/nothing", status=404)  # the fake answers 401 otherwise
    async with open_service() as service:
        missing = await service.check("https://hf.co/datasets/alice/nothing")
        failing = await service.check("https://huggingface.co/spaces/alice/app")
        odd = await service.check("alice/odd")
    assert missing.linked_repo is not None
    assert (missing.linked_repo.status, missing.linked_repo.error) == (404, None)
    assert failing.linked_repo is not None and failing.linked_repo.status is None
    assert failing.linked_repo.error is not None and failing.linked_repo.error.status == 500
    assert not failing.linked_repo.reachable and failing.spaces.count == 1
    assert odd.linked_repo is not None and odd.linked_repo.error is not None
    assert odd.linked_repo.error.kind == "bad_response"
    assert odd.linked_repo.error.message == "the Hub sent a repo that could not be read"


async def test_a_stored_report_is_reused_only_for_the_same_link(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["app"], spaces=["app"])
    async with open_service() as service:
        plain = await service.check("alice")
        space = await service.check("https://huggingface.co/spaces/alice/app")
        space_again = await service.check("https://huggingface.co/spaces/Alice/APP")
        model = await service.check("https://huggingface.co/alice/app")
        plain_again = await service.check("alice")
    assert not plain.cached and not space.cached and not model.cached
    assert space_again.cached and space_again.linked_repo == space.linked_repo
    assert model.linked_repo is not None and model.linked_repo.type == "model"
    # the last complete report is stored per account: it looked at the model, not at no link
    assert not plain_again.cached and plain_again.linked_repo is None
