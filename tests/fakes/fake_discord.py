"""A fake Discord (REST v10 + Gateway) on 127.0.0.1 for end-to-end tests of a real discord.py bot.

Typical use::

    async with FakeDiscord() as fake:
        guild = fake.add_guild(1, channels=[("general", 10), ("mod-log", 11)])
        fake.add_user(42, "alice")
        async with run_client(fake, create_bot(settings)) as bot:
            await bot.tree.sync(guild=discord.Object(1))
            it = await fake.inject_command("checkaccount", {"name": "alice"}, user=42, guild_id=1)
            await it.wait_response()
            fake.assert_clean()
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from aiohttp import web

from tests.fakes import fake_discord_dms as dms
from tests.fakes import fake_discord_payloads as payloads
from tests.fakes.fake_discord_gateway import Gateway
from tests.fakes.fake_discord_interaction import FakeInteraction
from tests.fakes.fake_discord_messages import MessageStore
from tests.fakes.fake_discord_models import (
    BOT_PERMISSIONS,
    EPHEMERAL,
    FakeChannel,
    FakeDiscordError,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
)
from tests.fakes.fake_discord_records import (
    RecordedRequest,
    SentMessage,
    Violation,
)
from tests.fakes.fake_discord_rest import RestApi
from tests.fakes.fake_discord_runner import patch_discord, run_client
from tests.fakes.fake_discord_world import FakeWorld

__all__ = [
    "FakeChannel",
    "FakeDiscord",
    "FakeDiscordError",
    "FakeGuild",
    "FakeInteraction",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "SentMessage",
    "Violation",
    "patch_discord",
    "run_client",
]

_MESSAGE_KINDS = (
    "response",
    "followup",
    "edit_original",
    "channel",
)


class FakeDiscord(FakeWorld):
    """Fake Discord server; configure users/guilds, run a client, inject interactions, assert."""

    def __init__(self) -> None:
        super().__init__(bot_id=900000000000000001, bot_name="hf-support-bot")
        self.app_id = self.bot_user.id
        self.clock_offset = 0.0
        self.app_permissions = BOT_PERMISSIONS
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # scope (guild/None) -> echo
        self.command_ids: dict[tuple[int | None, str, int], int] = {}
        self.syncs: list[dict[str, Any]] = []
        self.refuse_syncs = 0  # answer the next N command syncs with 403 Missing Access
        self.rate_limit_syncs = 0  # answer the next N command syncs with 429 (retry after 60 s)
        # answer the next N message posts (DM and guild channels) with 429, retry after 60 s:
        # over discord.py's max_ratelimit_timeout, so it raises discord.RateLimited
        self.rate_limit_messages = 0
        self.rate_limit_dms = 0  # the same, for the next N posts to DM channels only
        self.store = MessageStore(self.new_id, lambda: self.url)
        self.interactions: dict[str, FakeInteraction] = {}  # token -> interaction
        self.modals: list[FakeInteraction] = []
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[str] = []
        self.internal_errors: list[str] = []
        self.violations: list[Violation] = []
        self.sent: list[SentMessage] = []
        self.blocked_dms: list[tuple[int, dict[str, Any]]] = []
        self.undelivered: list[tuple[str, dict[str, Any]]] = []  # events the intents left out
        self.gateway = Gateway(self)
        self._rest = RestApi(self)
        self._waiters: list[asyncio.Future[None]] = []
        self._runner: web.AppRunner | None = None

    # --- server lifecycle --------------------------------------------------------------------

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/attachments/{cid}/{aid}/{name}", self._attachment)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest.dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close gateway connections and the server."""
        if self._runner is not None:
            await self.gateway.close_all()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.store.blobs.get(int(request.match_info["aid"]))
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # --- helpers shared with the REST and gateway modules --------------------------------------

    def now(self) -> float:
        """The fake's clock: the loop's time plus what ``advance`` added."""
        return asyncio.get_running_loop().time() + self.clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward (expire interaction tokens without waiting)."""
        self.clock_offset += seconds

    def new_token(self) -> str:
        return "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)

    def notify(self) -> None:
        """Wake everything waiting in ``wait_until``."""
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until ``predicate()`` holds; TimeoutError after ``timeout``. Re-checked on every
        fake event (request, gateway change), so predicates must depend on fake-side state."""
        async with asyncio.timeout(timeout):
            while not predicate():
                fut = asyncio.get_running_loop().create_future()
                self._waiters.append(fut)
                await fut

    def violation(self, kind: str, detail: str, it: FakeInteraction | None) -> None:
        self.violations.append(Violation(kind, detail, self.now(), it.id if it else None))

    def record_sent(
        self,
        kind: str,
        payload: dict[str, Any],
        rec: RecordedRequest,
        accepted: bool,
        it: FakeInteraction | None,
        message: dict[str, Any] | None,
    ) -> SentMessage:
        channel = int(message["channel_id"]) if message else None
        sent = SentMessage(
            kind, payload, rec.files, rec.time, accepted, channel, message, it.id if it else None
        )
        self.sent.append(sent)
        return sent

    def synced_names(self) -> dict[str, list[str]]:
        return {str(scope): [c["name"] for c in cmds] for scope, cmds in self.commands.items()}

    # --- injection -----------------------------------------------------------------------------

    async def _inject(self, payload: dict[str, Any]) -> FakeInteraction:
        it = FakeInteraction(self, payload, self.now())
        self.interactions[it.token] = it
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return it

    async def inject_command(
        self, name: str, options: Mapping[str, Any] | None = None, *, user: int, **how: Any
    ) -> FakeInteraction:
        """Run ``/name [subcommand] options`` as ``user`` (``fake_discord_payloads.command_payload``
        says how: guild_id, channel_id, roles, permissions, subcommand, context, install, locale)."""
        return await self._inject(payloads.command_payload(self, name, options, user=user, **how))

    async def inject_component(
        self, message: Mapping[str, Any] | int, custom_id: str, *, user: int, **how: Any
    ) -> FakeInteraction:
        """Click a button / choose in a select of a message the bot sent (dict or message id)."""
        payload = payloads.component_payload(self, message, custom_id, user=user, **how)
        return await self._inject(payload)

    async def inject_modal_submit(
        self, custom_id: str | FakeInteraction, fields: Mapping[str, Any], *, user: int | None = None
    ) -> FakeInteraction:
        """Submit a modal the bot showed (its custom_id or the interaction that opened it)."""
        payload = payloads.modal_submit_payload(self, custom_id, fields, user=user)
        return await self._inject(payload)

    async def send_dm(
        self, user: int, content: str = "", *, attachments: Sequence[tuple[str, bytes]] = ()
    ) -> dict[str, Any]:
        """``user`` writes to the bot in their DM (see ``fake_discord_dms.send_dm``)."""
        return await dms.send_dm(self, user, content, attachments=attachments)

    # --- recorders -----------------------------------------------------------------------------

    def dm_messages(self, user_id: int) -> list[dict[str, Any]]:
        """Messages in the bot's DM with a user (current state, oldest first, not ephemeral)."""
        channel = self._dm_channels.get(user_id)
        return [] if channel is None else self.channel_messages(channel)

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages in a channel (current state, oldest first); ephemeral ones left out."""
        return [m for m in self.store.in_channel(channel_id) if not m["flags"] & EPHEMERAL]

    def all_message_payloads(self) -> Iterator[dict[str, Any]]:
        """Every message-like body the bot sent (responses, followups, edits, channel posts)."""
        for sent in self.sent:
            if sent.kind in _MESSAGE_KINDS:
                yield sent.payload

    async def wait_for_dm(self, user_id: int, n: int = 1, timeout: float = 5.0) -> dict[str, Any]:
        """The n-th DM delivered to a user."""
        await self.wait_until(lambda: len(self.dm_messages(user_id)) >= n, timeout)
        return self.dm_messages(user_id)[n - 1]

    async def wait_for_channel_message(
        self, channel_id: int, n: int = 1, timeout: float = 5.0
    ) -> dict[str, Any]:
        """The n-th message in a channel."""
        await self.wait_until(lambda: len(self.channel_messages(channel_id)) >= n, timeout)
        return self.channel_messages(channel_id)[n - 1]

    def assert_clean(self) -> None:
        """No Discord rule broken and no unknown route called."""
        assert not self.violations, f"Discord rule violations: {self.violations}"
        assert not self.unhandled, f"routes the fake does not know: {self.unhandled}"
        assert not self.internal_errors, f"fake discord bugs: {self.internal_errors}"

    async def request_reconnect(self) -> None:
        """Ask the connected client to reconnect (op 7); it RESUMEs its session."""
        await self.gateway.request_reconnect()
