"""Status moves, and what a person reports moving their case."""

from __future__ import annotations

import pytest

from bot.cases.models import (
    CaseNotFound,
    CaseStatus,
    EventKind,
    NotYourCase,
    Progress,
    TransitionError,
)
from bot.cases.scope import Scope

ALL = Scope.everything()


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

