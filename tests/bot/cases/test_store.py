"""The case store against real SQLite files."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date, timedelta

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
from bot.cases.rows import MAX_NOTE_CHARS, MAX_PAYLOAD_BYTES
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


ALLOWED = [
    ("open", "waiting_on_hf", False),
    ("open", "restored", False),
    ("open", "closed", False),
    ("waiting_on_hf", "restored", False),
    ("waiting_on_hf", "closed", False),
    ("restored", "open", True),
    ("closed", "open", True),
]
REFUSED = [
    ("open", "open", True),
    ("waiting_on_hf", "open", True),
    ("waiting_on_hf", "waiting_on_hf", True),
    ("restored", "closed", True),
    ("restored", "waiting_on_hf", True),
    ("closed", "restored", True),
    ("closed", "waiting_on_hf", True),
    ("restored", "open", False),
    ("closed", "open", False),
]


async def _case_in(store, status: str):
    case = await store.open_case(5, None, f"acct-{status}")
    path = {
        "open": [],
        "waiting_on_hf": ["waiting_on_hf"],
        "restored": ["waiting_on_hf", "restored"],
        "closed": ["closed"],
    }[status]
    for step in path:
        case = await store.set_status(case.id, step, 1, scope=ALL)
    return case


@pytest.mark.parametrize(("start", "target", "moderator"), ALLOWED)
async def test_allowed_transitions(store, start, target, moderator):
    case = await _case_in(store, start)
    moved = await store.set_status(
        case.id, target, 42, reason="because", moderator=moderator, scope=ALL
    )
    assert moved.status == CaseStatus(target)
    assert (await store.get_case(case.id, ALL)).status == CaseStatus(target)
    last = (await store.events(case.id))[-1]
    assert last.kind == EventKind.STATUS_CHANGED and last.actor_id == 42
    assert last.payload == {"from": start, "to": target, "reason": "because"}


@pytest.mark.parametrize(("start", "target", "moderator"), REFUSED)
async def test_refused_transitions_change_nothing(store, start, target, moderator):
    case = await _case_in(store, start)
    before = await store.events(case.id)
    with pytest.raises(TransitionError) as err:
        await store.set_status(case.id, target, 42, moderator=moderator, scope=ALL)
    assert case.ref in str(err.value)
    assert (await store.get_case(case.id, ALL)).status == CaseStatus(start)
    assert await store.events(case.id) == before


async def test_unknown_status_and_case(store):
    case = await store.open_case(1, None, "erin")
    with pytest.raises(TransitionError, match="unknown status"):
        await store.set_status(case.id, "deleted", 1, scope=ALL)
    with pytest.raises(CaseNotFound, match="#999"):
        await store.set_status(999, "closed", 1, scope=ALL)
    with pytest.raises(CaseNotFound):
        await store.add_event(999, "note", 1, {"text": "x"})
    assert await store.get_case(999, ALL) is None


async def test_reopen_refused_when_another_case_is_active(store):
    old = await store.open_case(1, None, "frank")
    await store.set_status(old.id, "closed", 1, scope=ALL)
    new = await store.open_case(1, None, "frank")
    with pytest.raises(TransitionError, match=new.ref):
        await store.set_status(old.id, "open", 9, moderator=True, scope=ALL)


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


async def test_notes_and_payload_limits(store):
    case = await store.open_case(1, None, "heidi")
    note = await store.add_note(case.id, 3, "  called HF  ", ALL)
    assert note.payload == {"text": "called HF"} and note.kind == EventKind.NOTE
    with pytest.raises(CaseError):
        await store.add_note(case.id, 3, "   ", ALL)
    with pytest.raises(CaseError):
        await store.add_note(case.id, 3, "x" * 1001, ALL)
    with pytest.raises(CaseError, match="too large"):
        await store.add_event(case.id, "note", 3, {"text": "y" * 20_000})
    with pytest.raises(ValueError):
        await store.add_event(case.id, "made_up", 3)
    with pytest.raises(CaseError):
        await store.open_case(1, None, "   ")


async def test_list_cases_filters_and_pages(store):
    ids = []
    for i in range(25):
        case = await store.open_case(100 + i % 3, None, f"acct{i % 5}")
        ids.append(case.id)
    await store.set_status(ids[0], "waiting_on_hf", 1, scope=ALL)
    page1 = await store.list_cases(ALL, limit=10)
    page2 = await store.list_cases(ALL, limit=10, before_id=page1[-1].id)
    assert [c.id for c in page1 + page2] == sorted(set(ids), reverse=True)[:20]
    mine = await store.list_cases(ALL, discord_user_id=100)
    assert mine and all(c.discord_user_id == 100 for c in mine)
    by_account = await store.list_cases(ALL, hf_account="ACCT1")
    assert by_account and all(c.hf_account == "acct1" for c in by_account)
    waiting = await store.list_cases(ALL, status="waiting_on_hf")
    assert [c.id for c in waiting] == [ids[0]]
    both = await store.list_cases(ALL, status="open", discord_user_id=101)
    assert all(c.discord_user_id == 101 and c.status == "open" for c in both)


async def test_delete_user_data_removes_exactly_that_person(store):
    mine = [await store.open_case(1, None, name) for name in ("a1", "a2")]
    theirs = await store.open_case(2, None, "a1")
    await store.add_event(mine[0].id, "check_ran", 1, {})
    await store.add_note(theirs.id, 1, "written by user 1 as a moderator", ALL)
    report = await store.delete_user_data(1, ALL)
    assert report.case_ids == [c.id for c in mine]
    assert report.cases == 2 and report.events == 3 and report.events_anonymised == 1
    assert await store.list_cases(ALL, discord_user_id=1) == []
    assert await store.get_case(theirs.id, ALL) is not None
    events = await store.events(theirs.id)
    assert len(events) == 2 and all(e.actor_id != 1 for e in events)
    assert (await store.delete_user_data(1, ALL)).cases == 0


@pytest.mark.parametrize("account", ["a\nb", "=cmd", "@alice", "-alice", "a/b", "", "x" * 97])
async def test_open_case_refuses_what_the_check_refuses(store, account):
    with pytest.raises(CaseError, match="not a Hugging Face account name"):
        await store.open_case(1, None, account)
    assert await store.list_cases(ALL) == []


@pytest.mark.parametrize(
    ("where", "params"),
    [
        ("discord_user_id = ?", (1,)),
        ("hf_account = ? COLLATE NOCASE", ("x",)),
        ("status = ?", ("open",)),
    ],
)
async def test_lookups_use_an_index(store, where, params):
    plan = await store.db.fetchall(
        f"EXPLAIN QUERY PLAN SELECT * FROM cases WHERE {where} ORDER BY id DESC LIMIT 20", params
    )
    detail = " | ".join(row["detail"] for row in plan)
    assert "USING INDEX" in detail or "USING COVERING INDEX" in detail, detail
    assert "TEMP B-TREE" not in detail, detail
    events_plan = await store.db.fetchall(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE case_id = ? ORDER BY id", (1,)
    )
    assert "idx_events_case" in " ".join(r["detail"] for r in events_plan)


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


async def test_hugging_face_replied_moves_an_open_case_to_waiting(store):
    case = await store.open_case(1, 5, "alice")
    moved = await store.record_progress(case.id, 1, Progress.REPLIED)
    assert moved.status == CaseStatus.WAITING_ON_HF
    again = await store.record_progress(case.id, 1, "replied")  # already waiting: noted only
    assert again.status == CaseStatus.WAITING_ON_HF
    events = await store.events(case.id)
    assert [(e.kind, e.payload) for e in events[1:]] == [
        (EventKind.USER_UPDATE, {"update": "hf_replied"}),
        (
            EventKind.STATUS_CHANGED,
            {"from": "open", "to": "waiting_on_hf", "reason": "Hugging Face replied"},
        ),
        (EventKind.USER_UPDATE, {"update": "hf_replied"}),
    ]


async def test_still_locked_is_noted_and_restored_closes_the_case(store):
    case = await store.open_case(1, 5, "alice")
    noted = await store.record_progress(case.id, 1, Progress.LOCKED)
    assert noted.status == CaseStatus.OPEN
    restored = await store.record_progress(case.id, 1, Progress.RESTORED)
    assert restored.status == CaseStatus.RESTORED
    last = (await store.events(case.id))[-1]
    assert last.payload == {"from": "open", "to": "restored", "reason": "reported by the person"}
    with pytest.raises(TransitionError):  # restored twice: refused, nothing added
        await store.record_progress(case.id, 1, Progress.RESTORED)
    assert len(await store.events(case.id)) == 3  # opened, still_locked, restored


async def test_progress_only_from_the_person_or_a_moderator(store):
    case = await store.open_case(1, 5, "alice")
    with pytest.raises(NotYourCase):
        await store.record_progress(case.id, 2, Progress.REPLIED)
    assert len(await store.events(case.id)) == 1  # nothing recorded
    other_server = Scope.server(6, home_guild_id=None)
    with pytest.raises(NotYourCase):  # a moderator of another server is anyone else here
        await store.record_progress(case.id, 2, Progress.REPLIED, moderator_scope=other_server)
    moved = await store.record_progress(
        case.id, 2, Progress.REPLIED, moderator_scope=Scope.server(5, home_guild_id=None)
    )
    assert moved.status == CaseStatus.WAITING_ON_HF
    with pytest.raises(CaseNotFound):
        await store.record_progress(99, 1, Progress.LOCKED)
    with pytest.raises(ValueError):
        await store.record_progress(case.id, 1, "celebrating")


async def test_dates_are_aware_datetimes_stored_as_iso_text(store):
    case = await store.open_case(1, 5, "alice")
    assert case.created_at.utcoffset() == timedelta(0) and case.updated_at == case.created_at
    event = await store.add_event(case.id, EventKind.NOTE, 1, {"text": "hi"})
    read = await store.require_case(case.id, ALL)
    assert read.created_at == case.created_at and read.updated_at == event.created_at
    assert (await store.events(case.id))[-1].created_at == event.created_at
    row = await store.db.fetchone(
        "SELECT created_at, updated_at FROM cases WHERE id = ?", (case.id,)
    )
    assert row["created_at"] == case.created_at.isoformat()
    assert row["updated_at"] == event.created_at.isoformat()


# What the mutation run (bench/mutation.sh) found untested: each test below pins a behaviour a
# changed line of the store would break.


async def test_a_new_case_keeps_its_guild_and_its_event_ids(store):
    case = await store.open_case(1, 10, "alice")
    assert case.guild_id == 10 and (await store.require_case(case.id, ALL)).guild_id == 10
    recorded = await store.record(2, 11, "bob", EventKind.CHECK_RAN)
    assert (await store.require_case(recorded.id, ALL)).guild_id == 11
    event = await store.add_event(case.id, EventKind.NOTE, 3, {"text": "x"})
    stored = (await store.events(case.id))[-1]
    assert event == stored and event.id > 0 and event.actor_id == 3


async def test_payloads_are_sorted_utf8_json_and_dates_become_text(store):
    case = await store.open_case(1, None, "alice")
    event = await store.add_event(case.id, "check_ran", 1, {"b": "é", "a": date(2026, 1, 2)})
    assert event.payload == {"a": "2026-01-02", "b": "é"}
    row = await store.db.fetchone("SELECT payload FROM events WHERE id = ?", (event.id,))
    assert row["payload"] == '{"a": "2026-01-02", "b": "é"}'


async def test_the_payload_limit_counts_utf8_bytes_up_to_and_including_the_limit(store):
    case = await store.open_case(1, None, "alice")
    frame = len('{"text": ""}')
    exact = await store.add_event(case.id, "note", 1, {"text": "y" * (MAX_PAYLOAD_BYTES - frame)})
    assert len(exact.payload["text"]) == MAX_PAYLOAD_BYTES - frame
    with pytest.raises(CaseError, match="too large"):
        await store.add_event(case.id, "note", 1, {"text": "y" * (MAX_PAYLOAD_BYTES - frame + 1)})
    # "é" is 2 bytes of UTF-8 (12 as an ASCII escape \u00e9): this one fits as UTF-8 only
    accented = await store.add_event(case.id, "note", 1, {"text": "é" * 8000})
    assert accented.payload["text"] == "é" * 8000


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
    assert "use one of: open, waiting_on_hf, restored, closed" in str(unknown.value)


async def test_note_limits_are_inclusive_and_explained(store):
    case = await store.open_case(1, None, "alice")
    longest = await store.add_note(case.id, 1, "n" * MAX_NOTE_CHARS, ALL)
    assert longest.payload == {"text": "n" * MAX_NOTE_CHARS}
    with pytest.raises(CaseError) as empty:
        await store.add_note(case.id, 1, " \n ", ALL)
    assert str(empty.value) == "a note cannot be empty"
    with pytest.raises(CaseError, match="a note can be at most 1000 characters"):
        await store.add_note(case.id, 1, "n" * (MAX_NOTE_CHARS + 1), ALL)


async def test_reopening_needs_an_explicit_moderator(store):
    case = await store.open_case(1, None, "alice")
    await store.set_status(case.id, "closed", 1, scope=ALL)
    with pytest.raises(TransitionError, match="only a moderator"):
        await store.set_status(case.id, "open", 1, scope=ALL)  # moderator not given: not a moderator


async def test_a_status_change_returns_the_stored_case(store):
    case = await store.open_case(1, None, "alice")
    moved = await store.set_status(case.id, "closed", 1, scope=ALL)
    assert moved == await store.require_case(case.id, ALL)
    assert moved.updated_at > case.updated_at


async def test_progress_events_name_who_reported_it(store):
    case = await store.open_case(1, None, "alice")
    await store.record_progress(case.id, 1, Progress.LOCKED)
    await store.record_progress(case.id, 7, Progress.REPLIED, moderator_scope=ALL)
    await store.record_progress(case.id, 1, Progress.RESTORED)
    events = (await store.events(case.id))[1:]
    assert [(e.kind, e.actor_id, e.payload.get("update")) for e in events] == [
        (EventKind.USER_UPDATE, 1, "still_locked"),
        (EventKind.USER_UPDATE, 7, "hf_replied"),
        (EventKind.STATUS_CHANGED, 7, None),
        (EventKind.STATUS_CHANGED, 1, None),
    ]


async def _insert_cases(store, user: int, count: int, status: str = "open") -> None:
    """`count` cases of `user` written directly (faster than `open_case`), one event each."""
    async with store.db.write() as conn:
        for i in range(count):
            cur = await conn.execute(
                "INSERT INTO cases (discord_user_id, hf_account, status, created_at, updated_at) "
                "VALUES (?, ?, ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
                (user, f"acct{i}", status),
            )
            await conn.execute(
                "INSERT INTO events (case_id, kind, actor_id, created_at) "
                "VALUES (?, 'opened', ?, '2026-01-01T00:00:00+00:00')",
                (cur.lastrowid, user),
            )


async def test_list_cases_page_sizes_default_and_bounds(store):
    await _insert_cases(store, 1, 501, status="closed")
    assert len(await store.list_cases(ALL)) == 20
    assert len(await store.list_cases(ALL, limit=0)) == 1
    assert len(await store.list_cases(ALL, limit=10_000)) == 500


async def test_the_timeline_keeps_the_last_events(store):
    case = await store.open_case(1, None, "alice")
    for n in range(200):
        await store.add_event(case.id, "check_ran", 1, {"n": n})
    timeline = await store.events(case.id)  # 201 events: the last 200, oldest first
    assert [e.payload["n"] for e in timeline] == list(range(200))
    assert [e.payload["n"] for e in await store.events(case.id, limit=0)] == [199]


async def test_deleting_more_cases_than_one_batch_counts_every_event(store):
    await _insert_cases(store, 1, 1_100)
    other = await store.open_case(2, None, "alice")
    report = await store.delete_user_data(1, ALL)
    assert report.cases == 1_100 and report.events == 1_100 and len(set(report.case_ids)) == 1_100
    assert await store.list_cases(ALL, discord_user_id=1) == []
    remaining = await store.db.fetchone("SELECT COUNT(*) AS n FROM events")
    assert remaining["n"] == 1 and await store.get_case(other.id, ALL) is not None


async def test_export_pages_through_every_case_in_order(store):
    ids = [(await store.open_case(1, None, f"acct{i}")).id for i in range(5)]
    await store.set_status(ids[3], "closed", 1, scope=ALL)
    rows = [row async for row in store.export(ALL, batch=2)]
    assert [r["id"] for r in rows] == ids and [r["events"] for r in rows] == [1, 1, 1, 2, 1]
    closed = [row async for row in store.export(ALL, status="closed", batch=1)]
    assert [r["id"] for r in closed] == [ids[3]]


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
