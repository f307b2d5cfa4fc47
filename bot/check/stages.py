"""How a Space's runtime stage and error message are shown: one formatter for the embeds, the
attached repo list, the verdict and the terminal."""

from __future__ import annotations

from bot.check.wording import COUNT_WORDS
from bot.i18n import t
from bot.text import truncate

STAGE_LABEL_LIMIT = 40
"""Characters shown of a stage (the Hub's stage is an open string)."""
UNKNOWN_STAGE = "unknown"


def stage_label(stage: str | None) -> str:
    """The Hub's stage code as people see it on the Space page ("PAUSED", "RUNTIME_ERROR"; a
    stage added later is shown as sent), upper-case, at most `STAGE_LABEL_LIMIT` characters;
    "unknown" when the Hub gave none."""
    return (stage or "").upper()[:STAGE_LABEL_LIMIT] or UNKNOWN_STAGE


def is_paused(stage: str | None) -> bool:
    """Whether the stage is PAUSED (stopped by its owner or by Hugging Face)."""
    return (stage or "").upper() == "PAUSED"


def has_error_message(stage: str | None) -> bool:
    """Whether a Space's error message is worth keeping: an error stage, or PAUSED (a Space
    stopped by an automated rule says so there)."""
    return "ERROR" in (stage or "").upper() or is_paused(stage)


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
