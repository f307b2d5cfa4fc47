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
    assert stage_label("PAUSED") == "paused by its owner" and stage_label("running") == "running"
    assert stage_label("RUNNING_APP_STARTING") == "running, restarting"
    assert stage_label("APP_STARTING") == "starting" and stage_label("BUILDING") == "building"
    assert stage_label(None) == "unknown" and stage_label("") == "unknown"
    assert stage_label("QUANTUM_FLUX_2030" * 10) == ("QUANTUM_FLUX_2030" * 10)[:STAGE_LABEL_LIMIT]
    assert space_state("SLEEPING", True) == "sleeping (disabled)"
    assert space_state(None, False) == "unknown"


def test_which_stages_keep_an_error_message() -> None:
    assert is_paused("paused") and not is_paused("RUNNING") and not is_paused(None)
    assert has_error_message("RUNTIME_ERROR") and has_error_message("PAUSED")
    assert not has_error_message("RUNNING") and not has_error_message(None)
    assert has_error_message("NO_APP_FILE") and has_error_message("CONFIG_ERROR")
    assert not has_error_message("SLEEPING")


def test_every_stage_of_the_library_and_sleeping_has_words() -> None:
    from huggingface_hub import SpaceStage

    from bot.check.wording import SPACE_STAGES

    codes = {stage.value for stage in SpaceStage}
    assert "SLEEPING" not in codes  # real (hub-api.md), though the enum lacks it
    assert codes | {"SLEEPING", ""} == set(SPACE_STAGES)
    for code in codes:
        assert stage_label(code) != code and stage_label(code).islower()


def test_error_notes() -> None:
    assert error_note("Exit code 1") == "error: Exit code 1"
    shown = error_note("x" * 500, 150)
    assert shown.startswith("error: x") and len(shown) == len("error: ") + 150


def test_the_error_message_of_no_app_file_and_config_error_is_kept() -> None:
    from bot.check.models import SpaceItem

    for stage in ("NO_APP_FILE", "CONFIG_ERROR", "SOME_FUTURE_STAGE_ERROR"):
        item = SpaceItem.model_validate(
            {"id": "a/b", "runtime": {"stage": stage, "errorMessage": "app.py is missing"}}
        )
        assert item.error_message == "app.py is missing"
    sleeping = SpaceItem.model_validate({"id": "a/b", "runtime": {"stage": "SLEEPING"}})
    assert stage_label(sleeping.stage) == "sleeping" and sleeping.error_message is None
