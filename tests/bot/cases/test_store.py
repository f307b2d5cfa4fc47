"""The case store against real SQLite files."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.cases.models import (
    CaseError,
    CaseNotFound,
    CaseStatus,
    EventKind,
    NotYourCase,
    Progress,
    TransitionError,
)
from bot.cases.scope import Scope
from bot.i18n import use_language

ALL = Scope.everything()


async def test_open_case_dedupes_case_insensitively(store):
    first = await store.open_case(1, 10, "Alice")
    again = await store.open_case(1, 11, "alice")
    assert first.created and not again.created
    assert again.id == first.id and again.hf_account == "Alice"
    other_user = await store.open_case(2, 10, "alice")
    other_account = await store.open_case(1, 10, "bob")
    assert len({first.id, other_user.id, other_account.id}) == 3
    assert first.ref == f"#{first.id}"
    events = await store.events(first.id)
    assert [e.kind for e in events] == [EventKind.OPENED]


async def test_concurrent_open_case_makes_one_case(store):
    cases = await asyncio.gather(*(store.open_case(7, None, "Carol") for _ in range(30)))
    assert len({c.id for c in cases}) == 1
    assert sum(c.created for c in cases) == 1


async def test_closed_case_allows_a_new_one(store):
    case = await store.open_case(1, None, "dave")
    await store.set_status(case.id, "closed", 99, scope=ALL)
    fresh = await store.open_case(1, None, "DAVE")
    assert fresh.id != case.id and fresh.created


async def test_a_case_waiting_on_hf_is_reused(store):
    case = await store.open_case(1, None, "ivan")
    await store.set_status(case.id, "waiting_on_hf", 1, scope=ALL)
    again = await store.open_case(1, None, "IVAN")
    assert again.id == case.id and not again.created
    assert again.status is CaseStatus.WAITING_ON_HF
    assert len(await store.list_cases(ALL)) == 1


async def test_two_hundred_concurrent_events_all_land(store):
    case = await store.open_case(1, None, "grace")
    await asyncio.gather(*(store.add_event(case.id, "check_ran", 1, {"n": i}) for i in range(200)))
    events = await store.events(case.id, limit=1000)
    assert sorted(e.payload["n"] for e in events if e.kind == EventKind.CHECK_RAN) == list(
        range(200)
    )
    # committed: a second connection sees them all
    with sqlite3.connect(store.db.path) as raw:
        (count,) = raw.execute(
            "SELECT COUNT(*) FROM events WHERE case_id = ?", (case.id,)
        ).fetchone()
    assert count == 201


@pytest.mark.parametrize("account", ["a\nb", "=cmd", "@alice", "-alice", "a/b", "", "x" * 97])
async def test_open_case_refuses_what_the_check_refuses(store, account):
    with pytest.raises(CaseError, match="not a Hugging Face account name"):
        await store.open_case(1, None, account)
    assert await store.list_cases(ALL) == []


async def test_record_opens_a_case_once_and_appends_every_interaction(store):
    first = await store.record(1, 5, "Alice", EventKind.CHECK_RAN, {"verdict": "locked"})
    again = await store.record(1, 5, "alice", EventKind.APPEAL_DRAFTED, {"to": "x@hf.co"})
    other = await store.record(2, None, "alice", EventKind.BACKUP_SHOWN)
    assert first.created and not again.created and other.created
    assert again.id == first.id and other.id != first.id
    events = await store.events(first.id)
    assert [e.kind for e in events] == [
        EventKind.OPENED,
        EventKind.CHECK_RAN,
        EventKind.APPEAL_DRAFTED,
    ]
    assert [e.actor_id for e in events] == [1, 1, 1]
    assert events[1].payload == {"verdict": "locked"}


async def test_record_refuses_a_bad_account_and_stores_nothing(store):
    with pytest.raises(CaseError, match="not a Hugging Face account name"):
        await store.record(1, 5, "=cmd", EventKind.CHECK_RAN)
    assert await store.list_cases(ALL) == []


async def test_a_new_case_keeps_its_guild_and_its_event_ids(store):
    case = await store.open_case(1, 10, "alice")
    assert case.guild_id == 10 and (await store.require_case(case.id, ALL)).guild_id == 10
    recorded = await store.record(2, 11, "bob", EventKind.CHECK_RAN)
    assert (await store.require_case(recorded.id, ALL)).guild_id == 11
    event = await store.add_event(case.id, EventKind.NOTE, 3, {"text": "x"})
    stored = (await store.events(case.id))[-1]
    assert event == stored and event.id > 0 and event.actor_id == 3


async def test_errors_name_what_was_wrong(store):
    with pytest.raises(CaseError) as bad_name:
        await store.open_case(1, None, "x" * 97)
    assert repr("x" * 40) in str(bad_name.value) and "x" * 41 not in str(bad_name.value)
    with pytest.raises(CaseNotFound, match="there is no case #999"):
        await store.add_event(999, "note", 1)
    case = await store.open_case(1, None, "alice")
    with pytest.raises(NotYourCase, match=f"case {case.ref} is not yours"):
        await store.record_progress(case.id, 2, Progress.LOCKED)
    with pytest.raises(TransitionError) as unknown:
        await store.set_status(case.id, "d" * 60, 1, scope=ALL)
    assert repr("d" * 40) in str(unknown.value) and "d" * 41 not in str(unknown.value)
    assert "use one of: open, waiting_on_hf, restored, or closed" in str(unknown.value)


async def test_a_refusal_reads_in_the_persons_language(store):
    """`str()` stays English (logs, the terminal); `text()` is what Discord shows, statuses by
    their label in that language."""
    case = await store.open_case(1, None, "alice")
    await store.set_status(case.id, "closed", 1, scope=ALL)
    with pytest.raises(TransitionError) as refused:
        await store.set_status(case.id, "restored", 1, scope=ALL, moderator=True)
    assert str(refused.value) == f"case {case.ref} is closed; it cannot move to restored"
    with use_language("de"):
        german = refused.value.text()
    assert german == (
        f"der Fall {case.ref} ist „geschlossen“; er kann nicht zu „wiederhergestellt“ wechseln"
    )
    with use_language("ja"):
        japanese = refused.value.text()
    assert japanese == f"ケース {case.ref} は「終了」なので、「復旧済み」には変更できません"
