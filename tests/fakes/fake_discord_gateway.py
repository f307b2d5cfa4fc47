"""Gateway (websocket) side of the fake Discord: HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats,
RESUME with replay, and dispatching INTERACTION_CREATE to the connected bot."""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord
from aiohttp import WSMsgType, web
from discord.gateway import DiscordWebSocket as Op

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

GUILD_MEMBERS_INTENT = discord.Intents(members=True).value
HEARTBEAT_INTERVAL_MS = 41250


@dataclass
class GatewaySession:
    """A gateway session (survives reconnects through RESUME)."""

    id: str
    intents: int
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)


class GatewayConnection:
    """One websocket connection from a client."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.session: GatewaySession | None = None
        self.ready = asyncio.Event()
        self._lock = asyncio.Lock()

    async def send(self, payload: dict[str, Any]) -> None:
        async with self._lock:
            await self.ws.send_str(json.dumps(payload))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH (op 0) with the session's next sequence number."""
        session = self.session
        if session is None:
            raise RuntimeError("dispatch before IDENTIFY")
        async with self._lock:
            session.seq += 1
            payload = {"op": Op.DISPATCH, "t": event, "s": session.seq, "d": data}
            session.sent.append(payload)
            await self.ws.send_str(json.dumps(payload))


class Gateway:
    """The ``/gateway`` websocket endpoint; the last identified or resumed connection is active."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.connections: set[GatewayConnection] = set()
        self.sessions: dict[str, GatewaySession] = {}
        self.active: GatewayConnection | None = None
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = GatewayConnection(ws)
        self.connections.add(conn)
        try:
            await conn.send({"op": Op.HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_message(conn, json.loads(msg.data))
        except ConnectionResetError:
            pass
        finally:
            self.connections.discard(conn)
            if self.active is conn:
                self.active = None
            self.fake.notify()
        return ws

    async def _on_message(self, conn: GatewayConnection, msg: dict[str, Any]) -> None:
        op, data = msg.get("op"), msg.get("d") or {}
        if op == Op.HEARTBEAT:
            await conn.send({"op": Op.HEARTBEAT_ACK})
        elif op == Op.IDENTIFY:
            await self._identify(conn, data)
        elif op == Op.RESUME:
            await self._resume(conn, data)
        else:  # presence, voice, member requests...: nothing the bot sends today
            self.fake.unhandled.append(f"gateway op {op}")

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        fake = self.fake
        self.identifies.append(data)
        session = GatewaySession(secrets.token_hex(16), int(data.get("intents", 0)))
        self.sessions[session.id] = session
        conn.session = session
        await conn.dispatch(
            "READY",
            {
                "v": 10,
                "user": fake.bot_user.payload(),
                "guilds": [
                    {"id": str(g.id), "unavailable": True}
                    for g in fake.guilds.values()
                    if g.bot_installed
                ],
                "session_id": session.id,
                "resume_gateway_url": fake.gateway_url,
                "shard": [0, 1],
                "application": {"id": str(fake.app_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "user_settings": {},
            },
        )
        with_members = bool(session.intents & GUILD_MEMBERS_INTENT)
        for guild in fake.guilds.values():
            if not guild.bot_installed:  # only servers the bot was added to are sent
                continue
            bot_member = fake.bot_member(guild.id)
            payload = guild.create_payload(include_members=with_members, bot_member=bot_member)
            await conn.dispatch("GUILD_CREATE", payload)
        self.active = conn
        conn.ready.set()
        fake.notify()

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        self.resumes.append(data)
        session = self.sessions.get(data.get("session_id", ""))
        if session is None:
            await conn.send({"op": Op.INVALIDATE_SESSION, "d": False})
            return
        conn.session = session
        seq = data.get("seq") or 0
        for payload in [p for p in session.sent if p["s"] > seq]:
            await conn.send(payload)
        await conn.dispatch("RESUMED", {})
        self.active = conn
        conn.ready.set()
        self.fake.notify()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Dispatch an event to the active connection."""
        conn = self.active
        if conn is None or conn.ws.closed:
            raise RuntimeError("no bot is connected to the fake gateway")
        await conn.dispatch(event, data)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client drops the socket and RESUMEs."""
        if self.active is not None:
            await self.active.send({"op": Op.RECONNECT, "d": None})

    async def close_all(self, code: int = 1001) -> None:
        for conn in list(self.connections):
            await conn.ws.close(code=code)
