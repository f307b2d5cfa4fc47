"""Message storage of the fake Discord: creation, edits, attachments and their bytes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from discord import MessageFlags

from tests.fakes.fake_discord_models import (
    EPHEMERAL,
    LOADING,
    SnowflakeGen,
    iso_now,
)
from tests.fakes.fake_discord_records import (
    RecordedFile,
)

# Flags a bot may set on a message (docs, Message → Message Flags).
_SETTABLE_FLAGS = MessageFlags(
    suppress_embeds=True, ephemeral=True, suppress_notifications=True, components_v2=True
).value


class MessageStore:
    """Every message the fake knows, by id and by channel, plus uploaded file bytes."""

    def __init__(self, new_id: SnowflakeGen, base_url: Callable[[], str]) -> None:
        self._new_id = new_id
        self._base_url = base_url
        self.messages: dict[int, dict[str, Any]] = {}
        self.by_channel: dict[int, list[int]] = {}
        self.blobs: dict[int, bytes] = {}

    def get(self, message_id: int) -> dict[str, Any] | None:
        """The current state of a message."""
        return self.messages.get(message_id)

    def in_channel(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages of a channel (oldest first), deleted ones left out."""
        ids = self.by_channel.get(channel_id, [])
        return [copy.deepcopy(self.messages[i]) for i in ids if i in self.messages]

    def _attachments(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: list[RecordedFile],
        existing: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """Attachments after a create/edit: kept existing ones plus new uploads."""
        by_field = {f.field: f for f in files}
        known = {a["id"]: a for a in existing}
        entries = body.get("attachments")
        if entries is None:
            entries = list(existing) + [{"id": i} for i in range(len(files))]
        result: list[dict[str, Any]] = []
        for entry in entries:
            key = str(entry.get("id"))
            if key in known:
                result.append(known[key])
                continue
            upload = by_field.get(f"files[{key}]")
            if upload is None:
                continue
            attachment_id = self._new_id()
            self.blobs[attachment_id] = upload.data
            url = f"{self._base_url()}/attachments/{channel_id}/{attachment_id}/{upload.filename}"
            attachment = {
                "id": str(attachment_id),
                "filename": upload.filename,
                "size": len(upload.data),
                "url": url,
                "proxy_url": url,
                "content_type": upload.content_type,
            }
            result.append(attachment)
        return result

    def create(
        self,
        *,
        channel_id: int,
        guild_id: int | None,
        author: dict[str, Any],
        body: dict[str, Any],
        files: list[RecordedFile],
        type: int = 0,
        extra_flags: int = 0,
        webhook_id: int | None = None,
        interaction_metadata: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a new message built from a bot's message body."""
        message_id = self._new_id()
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": author,
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": self._attachments(channel_id, body, files, []),
            "flags": ((body.get("flags") or 0) & _SETTABLE_FLAGS) | extra_flags,
            "type": type,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
        }
        if guild_id is not None:
            message["guild_id"] = str(guild_id)
        if webhook_id is not None:
            message["webhook_id"] = str(webhook_id)
            message["application_id"] = str(webhook_id)
        if interaction_metadata is not None:
            message["interaction_metadata"] = interaction_metadata
        self.messages[message_id] = message
        self.by_channel.setdefault(channel_id, []).append(message_id)
        return copy.deepcopy(message)

    def edit(
        self, message_id: int, body: dict[str, Any], files: list[RecordedFile]
    ) -> dict[str, Any]:
        """Apply an edit body (only the keys present change); clears the loading flag."""
        message = self.messages[message_id]
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ("" if key == "content" else [])
                )
        if "attachments" in body or files:
            message["attachments"] = self._attachments(
                int(message["channel_id"]), body, files, message["attachments"]
            )
        flags = message["flags"] & ~LOADING
        if "flags" in body and body["flags"] is not None:
            flags = (flags & EPHEMERAL) | (body["flags"] & _SETTABLE_FLAGS & ~EPHEMERAL)
        message["flags"] = flags
        message["edited_timestamp"] = iso_now()
        return copy.deepcopy(message)
