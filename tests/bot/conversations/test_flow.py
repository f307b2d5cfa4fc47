"""The rule for answering a DM."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.conversations.flow import Step, next_step
from bot.conversations.models import Conversation

NOW = datetime(2026, 1, 5, tzinfo=UTC)


def talk(thread: int | None, ended: bool = False) -> Conversation:
    return Conversation(case_id=1, thread_id=thread, thread_guild_id=1 if thread else None,
                        started_at=NOW, ended_at=NOW if ended else None)  # fmt: skip


def test_steps() -> None:
    assert next_step(False, None, True) == Step.ASK_ACCOUNT
    assert next_step(False, None, False) == Step.ASK_ACCOUNT
    assert next_step(True, None, False) == Step.NOTES_ONLY
    assert next_step(True, None, True) == Step.WELCOME
    assert next_step(True, talk(None), True) == Step.SAVED
    assert next_step(True, talk(7), True) == Step.RELAY
    assert next_step(True, talk(7, ended=True), True) == Step.RELAY  # writing again restarts it
