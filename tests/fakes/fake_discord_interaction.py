"""The recorded handle of one injected interaction: its response, followups and edits."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from discord import InteractionResponseType, InteractionType, MessageType

from tests.fakes.fake_discord_models import (
    EPHEMERAL,
    LOADING,
)
from tests.fakes.fake_discord_records import (
    RecordedFile,
    ResponseRecord,
    SentMessage,
)

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord


class FakeInteraction:
    """What happened to an interaction the fake injected.

    ``injected_at`` and all record times are ``loop.time()`` values. ``responses`` holds every
    initial-response attempt (refused ones too); ``response`` the accepted one.
    """

    def __init__(self, fake: FakeDiscord, payload: dict[str, Any], injected_at: float) -> None:
        self._fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type = InteractionType(payload["type"])
        self.guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        self.channel_id = int(payload["channel_id"])
        user = payload["member"]["user"] if "member" in payload else payload["user"]
        self.user_id = int(user["id"])
        self.injected_at = injected_at
        self.responses: list[ResponseRecord] = []
        self.response: ResponseRecord | None = None
        self.followups: list[SentMessage] = []
        self.edits: list[SentMessage] = []
        self.original_message_id: int | None = None
        self.modal: dict[str, Any] | None = None
        message = payload.get("message")
        self.message_id = int(message["id"]) if message else None

    def __repr__(self) -> str:
        rtype = self.response.type if self.response else None
        return f"<FakeInteraction id={self.id} type={self.type.value} response={rtype}>"

    def create_message(
        self, body: dict[str, Any], files: list[RecordedFile], extra_flags: int
    ) -> dict[str, Any]:
        """Store a message created by this interaction's response or a followup."""
        payload, fake = self.payload, self._fake
        metadata: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type.value,
            "user": payload["member"]["user"] if "member" in payload else payload["user"],
            "authorizing_integration_owners": payload["authorizing_integration_owners"],
        }
        if self.message_id is not None:
            metadata["interacted_message_id"] = str(self.message_id)
        return fake.store.create(
            channel_id=self.channel_id,
            guild_id=self.guild_id,
            author=fake.bot_user.payload(),
            body=body,
            files=files,
            type=(
                MessageType.chat_input_command
                if self.type is InteractionType.application_command
                else MessageType.default
            ).value,
            extra_flags=extra_flags,
            webhook_id=fake.app_id,
            interaction_metadata=metadata,
        )

    @property
    def ack_latency(self) -> float | None:
        """Seconds from injection to the accepted initial response."""
        return None if self.response is None else self.response.time - self.injected_at

    @property
    def ephemeral(self) -> bool:
        """Whether the initial response (message or deferral) was ephemeral."""
        data = (self.response.data if self.response else None) or {}
        return bool((data.get("flags") or 0) & EPHEMERAL)

    @property
    def original_message(self) -> dict[str, Any] | None:
        """The current @original message (after edits), if any."""
        if self.original_message_id is None:
            return None
        message = self._fake.store.get(self.original_message_id)
        return copy.deepcopy(message) if message else None

    @property
    def is_loading(self) -> bool:
        """True while a deferred ("thinking") response was never filled in."""
        message = self.original_message
        return bool(message and message["flags"] & LOADING)

    def final_messages(self) -> list[dict[str, Any]]:
        """Current state of every message this interaction produced (original, then followups)."""
        ids: list[int] = []
        if self.original_message_id is not None:
            ids.append(self.original_message_id)
        for sent in self.followups:
            if sent.message and int(sent.message["id"]) not in ids:
                ids.append(int(sent.message["id"]))
        messages = (self._fake.store.get(i) for i in ids)
        return [copy.deepcopy(m) for m in messages if m is not None]

    def texts(self) -> list[str]:
        """Per final message: content and embed texts, joined by newlines."""
        out: list[str] = []
        for message in self.final_messages():
            parts = [message.get("content") or ""]
            for embed in message.get("embeds") or []:
                parts += [embed.get("title") or "", embed.get("description") or ""]
                for fld in embed.get("fields") or []:
                    parts += [fld.get("name") or "", fld.get("value") or ""]
            out.append("\n".join(p for p in parts if p))
        return out

    async def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        try:
            await self._fake.wait_until(predicate, timeout=timeout)
        except TimeoutError:
            raise AssertionError(f"{self!r}: no {what} within {timeout}s") from None

    async def wait_response(self, timeout: float = 3.0) -> ResponseRecord:
        """The first initial-response attempt (check ``.accepted``)."""
        await self._wait(lambda: bool(self.responses), timeout, "initial response")
        return self.responses[0]

    async def wait_followup(self, n: int = 1, timeout: float = 5.0) -> SentMessage:
        """The n-th followup (1-based) the bot sent, accepted or not."""
        await self._wait(lambda: len(self.followups) >= n, timeout, f"followup #{n}")
        return self.followups[n - 1]

    async def wait_edit(self, n: int = 1, timeout: float = 5.0) -> SentMessage:
        """The n-th edit of @original (1-based)."""
        await self._wait(lambda: len(self.edits) >= n, timeout, f"edit #{n} of @original")
        return self.edits[n - 1]

    async def wait_done(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until there is a visible, non-loading result; returns ``final_messages()``."""

        def done() -> bool:
            if self.response is None:
                return False
            deferred = (
                InteractionResponseType.deferred_channel_message,
                InteractionResponseType.deferred_message_update,
            )
            if self.response.type in {d.value for d in deferred}:
                return bool(self.edits or self.followups)
            return True

        await self._wait(done, timeout, "finished response")
        return self.final_messages()
