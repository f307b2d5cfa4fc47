"""What the fake Discord records for the tests to read: each request (with its files and spec
errors), each violation of Discord's rules, each interaction response and each message-like body
the bot sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordedFile:
    """A file the bot uploaded in a multipart body (``files[n]``)."""

    field: str
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class RecordedRequest:
    """One REST request the bot made (``path`` is relative to ``/api/v10``)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    time: float
    authorization: str | None
    status: int = 0
    spec_errors: list[str] = field(default_factory=list)  # what Discord's OpenAPI spec refuses


@dataclass
class Violation:
    """A broken Discord rule (late or double response, invalid body, ...)."""

    kind: str
    detail: str
    time: float
    interaction_id: int | None = None


@dataclass
class ResponseRecord:
    """One initial-response attempt (``POST /interactions/{id}/{token}/callback``)."""

    type: int
    data: dict[str, Any] | None
    files: list[RecordedFile]
    time: float
    accepted: bool = False
    status: int = 0
    error_code: int | None = None


@dataclass
class SentMessage:
    """A message-like payload the bot sent: response, followup, edit, channel message or edit.

    ``payload`` is the message JSON as sent (for callbacks, the body's ``data``);
    ``message`` is the resulting message object (``None`` when Discord refused it).
    """

    kind: str
    payload: dict[str, Any]
    files: list[RecordedFile]
    time: float
    accepted: bool
    channel_id: int | None = None
    message: dict[str, Any] | None = None
    interaction_id: int | None = None
