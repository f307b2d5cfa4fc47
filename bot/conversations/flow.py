"""What the bot does with a DM a person wrote: the one rule the Discord side follows."""

from __future__ import annotations

from enum import StrEnum

from bot.conversations.models import Conversation


class Step(StrEnum):
    """The answer to a DM."""

    ASK_ACCOUNT = "ask_account"  # no active case and no account named: welcome, ask for it
    WELCOME = "welcome"  # the case's first message: welcome, with the buttons for its account
    RELAY = "relay"  # a moderator's thread exists: relay (writing again restarts an ended talk)
    SAVED = "saved"  # on the case, no moderator yet: saved, with *Talk to a moderator*
    NOTES_ONLY = "notes_only"  # nothing in it could be taken: only say why


def next_step(has_case: bool, before: Conversation | None, relayable: bool) -> Step:
    """The step for a DM: `has_case` (the person's case was found or opened), the case's
    conversation before this message, and whether anything of it passed the limits."""
    if not has_case:
        return Step.ASK_ACCOUNT
    if not relayable:
        return Step.NOTES_ONLY
    if before is None:
        return Step.WELCOME
    return Step.RELAY if before.thread_id is not None else Step.SAVED
