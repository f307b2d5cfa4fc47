"""The one Space-stage formatter."""

from __future__ import annotations

from bot.check.stages import (
    STAGE_LABEL_LIMIT,
    error_note,
    has_error_message,
    is_paused,
    space_state,
    stage_label,
)


def test_stage_labels() -> None:
    assert stage_label("PAUSED") == "PAUSED" and stage_label("running") == "RUNNING"
    assert stage_label(None) == "unknown" and stage_label("") == "unknown"
    assert stage_label("QUANTUM_FLUX_2030" * 10) == ("QUANTUM_FLUX_2030" * 10)[:STAGE_LABEL_LIMIT]
    assert space_state("SLEEPING", True) == "SLEEPING (disabled)"
    assert space_state(None, False) == "unknown"


def test_which_stages_keep_an_error_message() -> None:
    assert is_paused("paused") and not is_paused("RUNNING") and not is_paused(None)
    assert has_error_message("RUNTIME_ERROR") and has_error_message("PAUSED")
    assert not has_error_message("RUNNING") and not has_error_message(None)


def test_error_notes() -> None:
    assert error_note("Exit code 1") == "error: Exit code 1"
    shown = error_note("x" * 500, 150)
    assert shown.startswith("error: x") and len(shown) == len("error: ") + 150
