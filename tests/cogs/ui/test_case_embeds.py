"""Case embeds: within Discord's limits, statuses by their label, dates formatted for display."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cases.models import STATUS_LABELS, Case, CaseStatus, Event, EventKind
from bot.i18n import use_language
from cogs.ui.case_embeds import case_embed, case_line, case_list_embed, event_line, my_cases_embed
from tests.cogs.helpers import assert_fits

OPENED = datetime(2026, 11, 25, 8, 5, 59, 123456, tzinfo=UTC)


def _case(status: CaseStatus = CaseStatus.OPEN, account: str = "alice") -> Case:
    return Case(
        id=7,
        discord_user_id=1,
        guild_id=2,
        owner=2,
        hf_account=account,
        status=status,
        created_at=OPENED,
        updated_at=datetime(2026, 11, 27, 23, 59, tzinfo=UTC),
    )


def _note(i: int, text: str) -> Event:
    return Event(
        id=i, case_id=7, kind=EventKind.NOTE, actor_id=3, payload={"text": text}, created_at=OPENED
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=3000), max_size=40))
def test_case_embeds_fit(notes):
    case = _case(account="a" * 96)
    events = [_note(i, n) for i, n in enumerate(notes)]
    assert_fits(case_embed(case, events))
    assert_fits(case_list_embed([case] * 10, "Cases", 1))
    assert_fits(my_cases_embed([case] * 10))


def test_statuses_show_their_label_and_dates_are_formatted_where_shown():
    for status, label in STATUS_LABELS.items():
        assert f" · {label} · updated 2026-11-27" in case_line(_case(status))
    embed = case_embed(_case(CaseStatus.WAITING_ON_HF), [_note(1, "hi")])
    assert "Status: **waiting on Hugging Face**" in (embed.description or "")
    assert "Opened 2026-11-25 08:05 UTC" in (embed.description or "")
    assert event_line(_note(1, "hi")).startswith("`2026-11-25 08:05` note by <@3>: hi")


def _event(kind: EventKind, payload: dict[str, object]) -> Event:
    return Event(id=1, case_id=7, kind=kind, actor_id=3, payload=payload, created_at=OPENED)


def test_timeline_lines_in_the_moderators_language():
    check = _event(EventKind.CHECK_RAN, {"verdict": "visible", "public_repos": 1})
    drafted = _event(EventKind.APPEAL_DRAFTED, {"to": "website@huggingface.co"})
    assert event_line(check).endswith("check_ran by <@3>: visible, 1 public repo")
    assert event_line(drafted).endswith("appeal_drafted by <@3>: to website@huggingface.co")
    with use_language("de"):
        assert event_line(_note(1, "hi")).endswith("Notiz von <@3>: hi")
        german = event_line(drafted)
    assert german.endswith("E-Mail-Entwurf erstellt von <@3>: an website@huggingface.co")
    with use_language("ru"):
        five = _event(EventKind.CHECK_RAN, {"verdict": "visible", "public_repos": 5})
        assert event_line(five).endswith("проверка — <@3>: visible, 5 публичных репозиториев")
