"""The data of a DM conversation: its messages (both ways) with their attachments, and the
conversation itself (its mod-log thread, whether it ended)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel


class Direction(StrEnum):
    """Which way a message went."""

    IN = "in"  # the person wrote to the bot
    OUT = "out"  # a moderator answered the person


class AttachmentInfo(BaseModel):
    """A file that came with a message: its name, link and size in bytes."""

    name: str
    url: str
    size: int


class ConversationMessage(BaseModel):
    """One message of a conversation. `signed` is the name an answer was signed with (None:
    "a moderator of SERVER")."""

    id: int
    case_id: int
    direction: Direction
    author_id: int | None
    text: str
    attachments: list[AttachmentInfo]
    signed: str | None = None
    discord_message_id: int | None = None
    created_at: datetime


class Conversation(BaseModel):
    """The conversation of a case: its private mod-log thread (once opened) and its end."""

    case_id: int
    thread_id: int | None
    thread_guild_id: int | None
    started_at: datetime
    ended_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether messages are still relayed both ways."""
        return self.ended_at is None
