"""The limits on what a person's DM puts on the case, and the per-person cooldown."""

from __future__ import annotations

from bot.conversations.limits import (
    COOLDOWN_PER_S,
    COOLDOWN_RATE,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_TEXT_CHARS,
    DmCooldown,
    Refusal,
    screen,
)
from bot.conversations.models import AttachmentInfo


def file(name: str, size: int) -> AttachmentInfo:
    return AttachmentInfo(name=name, url=f"https://cdn.example/{name}", size=size)


def test_text_at_and_over_the_limit() -> None:
    at = screen("x" * MAX_TEXT_CHARS, [])
    assert at.text == "x" * MAX_TEXT_CHARS and at.refused == []
    over = screen("y" * (MAX_TEXT_CHARS + 1), [])
    assert len(over.text) == MAX_TEXT_CHARS and over.refused == [(Refusal.TOO_LONG, "")]


def test_attachments_over_the_limits_are_named() -> None:
    files = [file(f"{i}.png", 10) for i in range(MAX_ATTACHMENTS)]
    files += [file("extra.png", 10)]
    out = screen("", [file("big.png", MAX_ATTACHMENT_BYTES + 1), *files])
    assert (Refusal.FILE_TOO_BIG, "big.png") in out.refused
    assert [a.name for a in out.attachments] == [f"{i}.png" for i in range(MAX_ATTACHMENTS - 1)]
    assert (Refusal.TOO_MANY_FILES, "extra.png") in out.refused
    edge = screen("", [file("edge.png", MAX_ATTACHMENT_BYTES)])
    assert edge.relayable and edge.refused == []


def test_nothing_left_is_refused() -> None:
    out = screen("   ", [file("big.png", MAX_ATTACHMENT_BYTES + 1)])
    assert not out.relayable and out.refused[-1] == (Refusal.EMPTY, "")


def test_cooldown_per_person() -> None:
    now = [0.0]
    cooldown = DmCooldown(clock=lambda: now[0])
    assert all(cooldown.hit(1) == 0 for _ in range(COOLDOWN_RATE))
    assert cooldown.hit(1) > 0
    assert cooldown.hit(2) == 0  # someone else is not slowed down
    now[0] += COOLDOWN_PER_S
    assert cooldown.hit(1) == 0
