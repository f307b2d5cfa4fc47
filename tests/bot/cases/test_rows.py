"""How cases and events are stored: aware dates as ISO text, payload and note limits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.cases.models import (
    CaseError,
    EventKind,
)
from bot.cases.rows import MAX_NOTE_CHARS, MAX_PAYLOAD_BYTES
from bot.cases.scope import Scope

ALL = Scope.everything()


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


async def test_note_limits_are_inclusive_and_explained(store):
    case = await store.open_case(1, None, "alice")
    longest = await store.add_note(case.id, 1, "n" * MAX_NOTE_CHARS, ALL)
    assert longest.payload == {"text": "n" * MAX_NOTE_CHARS}
    with pytest.raises(CaseError) as empty:
        await store.add_note(case.id, 1, " \n ", ALL)
    assert str(empty.value) == "a note cannot be empty"
    with pytest.raises(CaseError, match="a note can be at most 1,000 characters"):
        await store.add_note(case.id, 1, "n" * (MAX_NOTE_CHARS + 1), ALL)

