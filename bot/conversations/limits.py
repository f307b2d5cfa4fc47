"""What of a person's DM the bot takes onto the case and relays: text and attachment limits, and
a per-person cooldown against floods. Rules only; the wording lives with the front end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.conversations.models import AttachmentInfo
from bot.cooldown import Cooldown

MAX_TEXT_CHARS = 4000
"""The longest DM Discord lets anyone send (4,000 with Nitro; docs, Message `content`)."""
MAX_REPLY_CHARS = 1800
"""A moderator's answer: it goes out in one DM with a signature line (Discord: 2,000 chars)."""
MAX_ATTACHMENTS = 5
"""Attachments kept from one message; more are refused."""
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024
"""The largest attachment relayed (the bot re-uploads it; Discord's bot upload limit is 10 MiB)."""
COOLDOWN_RATE = 5
COOLDOWN_PER_S = 60.0
"""At most `COOLDOWN_RATE` messages per person in `COOLDOWN_PER_S` seconds go onto the case."""


class Refusal(StrEnum):
    """Why (part of) a message was not taken."""

    TOO_LONG = "too_long"
    TOO_MANY_FILES = "too_many_files"
    FILE_TOO_BIG = "file_too_big"
    EMPTY = "empty"


@dataclass
class Screened:
    """A message after the limits: what is kept, and why anything was left out."""

    text: str
    attachments: list[AttachmentInfo]
    refused: list[tuple[Refusal, str]] = field(default_factory=list)  # (why, file name or "")

    @property
    def relayable(self) -> bool:
        """Whether anything is left to put on the case."""
        return bool(self.text or self.attachments)


def screen(text: str, attachments: Sequence[AttachmentInfo]) -> Screened:
    """Apply the limits: an over-long text is cut to `MAX_TEXT_CHARS`, attachments beyond
    `MAX_ATTACHMENTS` or over `MAX_ATTACHMENT_BYTES` are left out; each cut is named."""
    out = Screened(text.strip(), [])
    if len(out.text) > MAX_TEXT_CHARS:
        out.text = out.text[:MAX_TEXT_CHARS]
        out.refused.append((Refusal.TOO_LONG, ""))
    for index, item in enumerate(attachments):
        if index >= MAX_ATTACHMENTS:
            out.refused.append((Refusal.TOO_MANY_FILES, item.name))
        elif item.size > MAX_ATTACHMENT_BYTES or item.size < 0:
            out.refused.append((Refusal.FILE_TOO_BIG, item.name))
        else:
            out.attachments.append(item)
    if not out.relayable:
        out.refused.append((Refusal.EMPTY, ""))
    return out


class DmCooldown:
    """The per-person flood limit on DMs (`COOLDOWN_RATE` per `COOLDOWN_PER_S`)."""

    def __init__(self, *, clock: Callable[[], float] | None = None) -> None:
        args = {"clock": clock} if clock is not None else {}
        self._cooldown = Cooldown(COOLDOWN_RATE, COOLDOWN_PER_S, **args)

    def hit(self, user_id: int) -> float:
        """Record a message and return 0, or the seconds the person should wait first."""
        return self._cooldown.hit(("dm", user_id))
