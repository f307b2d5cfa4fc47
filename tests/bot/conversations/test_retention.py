"""Retention: texts of cases closed more than RETENTION_DAYS ago are blanked, counts stay."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from bot.cases.models import CaseStatus, EventKind
from bot.cases.scope import Scope
from bot.cases.stats import case_stats
from bot.conversations.models import AttachmentInfo
from bot.conversations.retention import RetentionLoop, purge_closed
from tests.bot.conversations.conftest import Stores

ALL = Scope.everything()
PERSON, MOD = 11, 22
SHOT = AttachmentInfo(name="lock.png", url="https://cdn.example/lock.png", size=9)


async def _busy_case(stores: Stores, account: str) -> int:
    case = await stores.cases.open_case(PERSON, None, account)
    await stores.cases.add_event(
        case.id, EventKind.APPEAL_DRAFTED, PERSON, {"to": "x@hf.co", "lock_message": "LOCKTEXT"}
    )
    await stores.cases.add_note(case.id, MOD, "NOTETEXT", ALL)
    await stores.talks.record_incoming(case.id, PERSON, "DMTEXT", [SHOT])
    await stores.talks.record_reply(case.id, MOD, "REPLYTEXT")
    return case.id


async def _texts(stores: Stores, case_id: int) -> str:
    events = [json.dumps(e.payload) for e in await stores.cases.events(case_id)]
    talk = [m.text + m.model_dump_json() for m in await stores.talks.messages(case_id)]
    return " ".join(events + talk)


async def test_purge_after_the_days_keeps_counts(stores: Stores) -> None:
    old = await _busy_case(stores, "old")
    await stores.cases.set_status(old, CaseStatus.CLOSED, MOD, scope=ALL, reason="REASONTEXT")
    active = await _busy_case(stores, "active")
    await stores.clock.advance(timedelta(days=89))
    recent = await _busy_case(stores, "recent")
    await stores.cases.set_status(recent, CaseStatus.RESTORED, PERSON, scope=ALL)
    events_before = len(await stores.cases.events(old))

    nothing = await purge_closed(stores.db, days=90, now=stores.clock.now())
    assert nothing.cases == 0  # 89 days: not yet
    await stores.clock.advance(timedelta(days=1, seconds=1))
    stats_before = await case_stats(stores.db, ALL, now=stores.clock.now())
    report = await purge_closed(stores.db, days=90, now=stores.clock.now())
    assert (report.cases, report.messages) == (1, 2)
    assert report.events == 3  # the lock message, the note and the closing reason
    text = await _texts(stores, old)
    for typed in ("LOCKTEXT", "NOTETEXT", "DMTEXT", "REPLYTEXT", "REASONTEXT", "lock.png"):
        assert typed not in text
    assert len(await stores.cases.events(old)) == events_before
    assert len(await stores.talks.messages(old)) == 2
    for kept in (active, recent):
        assert "DMTEXT" in await _texts(stores, kept) and "NOTETEXT" in await _texts(stores, kept)
    stats_after = await case_stats(stores.db, ALL, now=stores.clock.now())
    assert stats_after == stats_before
    again = await purge_closed(stores.db, days=90, now=stores.clock.now())
    assert again.cases == 0  # done once


async def test_zero_keeps_forever(stores: Stores) -> None:
    old = await _busy_case(stores, "old")
    await stores.cases.set_status(old, CaseStatus.CLOSED, MOD, scope=ALL)
    await stores.clock.advance(timedelta(days=3650))
    assert (await purge_closed(stores.db, days=0, now=stores.clock.now())).cases == 0
    loop = RetentionLoop(stores.db, 0, stores.clock)
    await asyncio.wait_for(loop.run(), 1)  # returns at once
    assert "DMTEXT" in await _texts(stores, old)


async def test_reopened_case_is_purged_again_later(stores: Stores) -> None:
    case = await _busy_case(stores, "old")
    await stores.cases.set_status(case, CaseStatus.CLOSED, MOD, scope=ALL)
    await stores.clock.advance(timedelta(days=91))
    assert (await purge_closed(stores.db, days=90, now=stores.clock.now())).cases == 1
    await stores.cases.set_status(case, CaseStatus.OPEN, MOD, scope=ALL, moderator=True)
    await stores.talks.record_incoming(case, PERSON, "NEWTEXT")
    await stores.cases.set_status(case, CaseStatus.CLOSED, MOD, scope=ALL)
    await stores.clock.advance(timedelta(days=10))
    assert (await purge_closed(stores.db, days=90, now=stores.clock.now())).cases == 0
    await stores.clock.advance(timedelta(days=81))
    assert (await purge_closed(stores.db, days=90, now=stores.clock.now())).cases == 1
    assert "NEWTEXT" not in await _texts(stores, case)


async def test_the_loop_purges_every_day_on_its_clock(stores: Stores) -> None:
    case = await _busy_case(stores, "old")
    await stores.cases.set_status(case, CaseStatus.CLOSED, MOD, scope=ALL)
    loop = RetentionLoop(stores.db, 2, stores.clock)
    task = asyncio.create_task(loop.run())
    try:
        while loop.runs < 1 or stores.clock.sleepers < 1:
            await asyncio.sleep(0.01)
        assert "DMTEXT" in await _texts(stores, case)  # closed today: kept
        for day in (2, 3, 4):
            await stores.clock.advance(timedelta(days=1))
            while loop.runs < day or stores.clock.sleepers < 1:
                await asyncio.sleep(0.01)
        assert "DMTEXT" not in await _texts(stores, case)
    finally:
        task.cancel()
