"""How a Space's runtime stage and error message are shown: one formatter for the embeds, the
attached repo list, the verdict and the terminal."""

from __future__ import annotations

from bot.check.wording import COUNT_WORDS, SPACE_STAGES
from bot.i18n import t
from bot.text import truncate

STAGE_LABEL_LIMIT = 40
"""Characters shown of a stage the bot does not know (the Hub's stage is an open string)."""
ERROR_STAGES = frozenset({"NO_APP_FILE", "CONFIG_ERROR", "BUILD_ERROR", "RUNTIME_ERROR"})
"""Stages whose `runtime.errorMessage` says what went wrong."""


def stage_label(stage: str | None) -> str:
    """A Space's stage as its page says it ("starting", "sleeping", "paused by its owner"), in
    the current language (`SPACE_STAGES`); a stage added later is shown as the Hub sent it, at
    most `STAGE_LABEL_LIMIT` characters; "unknown" when the Hub gave none."""
    code = (stage or "").strip().upper()
    if code in SPACE_STAGES:
        return t(SPACE_STAGES[code])
    return code[:STAGE_LABEL_LIMIT]


def is_paused(stage: str | None) -> bool:
    """Whether the stage is PAUSED (stopped by its owner or by Hugging Face)."""
    return (stage or "").upper() == "PAUSED"


def has_error_message(stage: str | None) -> bool:
    """Whether a Space's error message is worth keeping: an error stage, or PAUSED (a Space
    stopped by an automated rule says so there)."""
    code = (stage or "").upper()
    return code in ERROR_STAGES or "ERROR" in code or is_paused(stage)


def space_state(stage: str | None, disabled: bool) -> str:
    """`stage_label`, followed by " (disabled)" for a disabled Space (current language)."""
    label = stage_label(stage)
    return t(COUNT_WORDS["space_disabled"], stage=label) if disabled else label


def error_note(message: str, limit: int | None = None) -> str:
    """A Space's error message as shown under it, "error: ...", the message cut to `limit`
    characters when given (the label in the current language, the message as the Hub sent it)."""
    return t(
        COUNT_WORDS["error"], message=message if limit is None else truncate(message, limit)[0]
    )
