"""The report cache: reused while younger than the TTL (also across restarts), only complete
reports stored, and read without any Hub client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.check.cache import ReportCache
from bot.check.models import AccountReport, Verdict
from bot.check.service import CheckService
from bot.db import Database
from bot.hub.client import HubClient
from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


async def test_cache_hit_across_services_and_fresh_bypass(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["m"])
    async with open_service() as service:
        first = await service.check("alice")
        second = await service.check("ALICE")
    assert fake_hub.request_count() == 5
    assert second.cached and second.age_s is not None and second.age_s < 5
    assert second.model_dump(exclude={"cached", "age_s"}) == first.model_dump(
        exclude={"cached", "age_s"}
    )
    async with open_service() as restarted:  # same database file, new process state
        third = await restarted.check("alice")
        assert third.cached and fake_hub.request_count() == 5
        fresh = await restarted.check("alice", fresh=True)
        assert not fresh.cached and fake_hub.request_count() == 10
        latest = await restarted.reports.latest("Alice")
    assert latest is not None and latest.checked_at == fresh.checked_at and latest.cached


async def test_cache_expires(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice")
    async with open_service(check_cache_ttl_s=0) as service:
        await service.check("alice")
        await service.check("alice")
        assert await service.reports.latest("alice") is not None
    assert fake_hub.request_count("/api/users") == 2


async def test_cache_ttl_boundary_in_seconds(fake_hub: FakeHub, tmp_path: Path) -> None:
    """A report is reused while younger than `CHECK_CACHE_TTL_S` seconds, not at that age."""
    fake_hub.add_user("alice")
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    now = [start]
    settings = make_hub_settings(fake_hub.url, tmp_path / "ttl.db", check_cache_ttl_s=300)
    db = await Database.open(settings.database_path)
    try:
        async with HubClient(settings) as hub:
            service = CheckService(hub, ReportCache(db, clock=lambda: now[0]), settings)
            first = await service.check("alice")
            assert first.checked_at == start
            now[0] = start + timedelta(seconds=299.999)
            kept = await service.check("alice")
            assert kept.cached and kept.age_s == pytest.approx(299.999)
            now[0] = start + timedelta(seconds=300)
            renewed = await service.check("alice")
            assert not renewed.cached and renewed.checked_at == now[0]
            await service.aclose()
    finally:
        await db.close()
    assert fake_hub.request_count("/api/users") == 2


async def test_incomplete_reports_are_never_served_from_cache(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["m"])
    fake_hub.fail("/api/models", status=500, times=3)
    async with open_service() as service:
        broken = await service.check("alice")
        assert broken.verdict.code == "incomplete"
        assert await service.reports.latest("alice") is None
        healed = await service.check("alice")
    assert not healed.cached and healed.complete and healed.models.count == 1


def _report(account: str, checked_at: datetime) -> AccountReport:
    return AccountReport(
        account=account,
        kind="user",
        profile_reachable=True,
        verdict=Verdict(code="visible", explanation="x"),
        checked_at=checked_at,
        duration_s=0.1,
    )


async def test_the_cache_alone_stores_and_reads_without_a_hub(tmp_path: Path) -> None:
    """What `appeal` does: no Hub client, no settings; the age comes from the cache's clock."""
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    db = await Database.open(tmp_path / "bot.db")
    try:
        cache = ReportCache(db, clock=lambda: start + timedelta(seconds=90))
        assert await cache.latest("alice") is None
        cache.store("alice", _report("Alice", start))
        latest = await cache.latest("ALICE")  # waits for the write still in progress
        assert latest is not None and latest.account == "Alice"
        assert latest.cached and latest.age_s == 90 and latest.checked_at == start
        assert await cache.younger_than("alice", 90) is None
        assert await cache.younger_than("alice", 91) is not None
        await cache.aclose()
    finally:
        await db.close()


async def test_an_unreadable_stored_report_counts_as_none(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = await Database.open(tmp_path / "bot.db")
    try:
        async with db.write() as conn:
            await conn.execute(
                "INSERT INTO account_reports (account_key, checked_at, report) VALUES (?, ?, ?)",
                ("alice", "2026-11-20T12:00:00+00:00", '{"account": "alice"}'),
            )
        assert await ReportCache(db).latest("alice") is None
    finally:
        await db.close()
    assert caplog.messages == ["ignoring an unreadable stored report for alice"]


async def test_a_failed_write_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = await Database.open(tmp_path / "bot.db")
    cache = ReportCache(db)
    await db.close()  # the write finds the connection closed
    cache.store("alice", _report("alice", datetime.now(UTC)))
    await cache.aclose()
    (message,) = caplog.messages
    assert message.startswith("could not store the report of alice: ")
    assert not message.endswith(": None")  # the reason is given


async def test_ages_are_never_negative_and_kept_to_the_millisecond(tmp_path: Path) -> None:
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    now = [start]
    db = await Database.open(tmp_path / "bot.db")
    try:
        cache = ReportCache(db, clock=lambda: now[0])
        cache.store("alice", _report("alice", start))
        fresh = await cache.latest("alice")
        assert fresh is not None and fresh.age_s == 0
        now[0] = start - timedelta(seconds=30)  # the clock went back (NTP): age 0, not -30
        skewed = await cache.younger_than("alice", 1)
        assert skewed is not None and skewed.age_s == 0
        now[0] = start + timedelta(seconds=0.123456)
        later = await cache.latest("alice")
        assert later is not None and later.age_s == 0.123
        await cache.aclose()
    finally:
        await db.close()


async def test_finished_writes_are_forgotten_and_the_newest_one_is_waited_for(
    tmp_path: Path,
) -> None:
    """The cache keeps no handle on a write once it is done (a long-running bot would grow), and
    an older write finishing never drops the newer one a reader must wait for."""
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    db = await Database.open(tmp_path / "bot.db")
    try:
        cache = ReportCache(db, clock=lambda: start)
        for i in range(3):
            cache.store("alice", _report(f"alice{i}", start))
        cache.store("bob", _report("bob", start))
        latest = await cache.latest("alice")
        assert latest is not None and latest.account == "alice2"
        await cache.aclose()
        assert cache._writes == {}
    finally:
        await db.close()
