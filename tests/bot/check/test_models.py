"""A report's counts in the reader's language (plural forms chosen per language); the summary
line, which goes into the email, always in English."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem, Verdict
from bot.check.stages import error_note, space_state
from bot.check.verdict import build_verdict
from bot.i18n import use_language


def _report() -> AccountReport:
    models = [RepoItem(id="a/m1"), RepoItem(id="a/m2", gated="manual"), RepoItem(id="a/m3")]
    spaces = [SpaceItem(id=f"a/s{i}", stage="PAUSED") for i in range(2)]
    spaces += [SpaceItem(id=f"a/s{i}", stage="RUNNING") for i in range(2, 5)]
    return AccountReport(
        account="a",
        kind="user",
        profile_reachable=True,
        models=RepoList[RepoItem](count=3, items=models),
        datasets=RepoList[RepoItem](count=1, items=[RepoItem(id="a/d")]),
        spaces=RepoList[SpaceItem](count=5, items=spaces),
        verdict=Verdict(code="visible", explanation="x"),
        checked_at=datetime(2026, 11, 25, tzinfo=UTC),
        duration_s=0.1,
    )


def test_counts_in_english_are_unchanged():
    report = _report()
    assert report.public_repos_text() == "9 public repos"
    assert report.breakdown() == "3 models incl. 1 gated, 1 dataset, and 5 Spaces: 2 paused"


def test_counts_in_russian_take_the_right_plural_form():
    report = _report()
    with use_language("ru"):
        assert report.public_repos_text() == "9 публичных репозиториев"
        assert report.breakdown() == (
            "3 модели, из них 1 с ограниченным доступом, 1 датасет и 5 Space: 2 на паузе"
        )
        explanation = build_verdict(report).explanation
    assert "9 публичных репозиториев" in explanation and "public" not in explanation
    assert "1 репозиторий с ограниченным доступом требует" in explanation


def test_a_cut_list_and_a_single_repo():
    report = _report().model_copy(
        update={
            "models": RepoList[RepoItem](count=1, capped=True, items=[RepoItem(id="a/m")]),
            "datasets": RepoList[RepoItem](),
            "spaces": RepoList[SpaceItem](),
        }
    )
    assert report.breakdown() == "1+ models, 0 datasets, and 0 Spaces"
    with use_language("de"):
        assert report.public_repos_text() == "1+ öffentliche Repos"  # a cut list reads as several
        assert report.breakdown() == "1+ Modelle, 0 Datasets und 0 Spaces"


def test_the_summary_line_for_the_email_stays_english():
    with use_language("ja"):
        line = _report().summary_line()
    assert line == (
        "9 public repos reachable (3 models incl. 1 gated, 1 dataset, and 5 Spaces: 2 paused)"
    )


def test_a_spaces_state_and_error_note_in_the_readers_language():
    assert space_state("paused", True) == "paused by its owner (disabled)"
    assert error_note("Scheduling failure") == "error: Scheduling failure"
    with use_language("es"):
        assert space_state("paused", True).endswith("(desactivado)")
        assert error_note("Scheduling failure") == "error: Scheduling failure"
    with use_language("fr"):
        assert error_note("x" * 50, 10).startswith("erreur : xxxx")
