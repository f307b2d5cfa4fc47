"""Running a real discord.py client against a ``FakeDiscord``: URL patching and ``run_client``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, TypeVar

import discord
import discord.gateway
import discord.http
import yarl

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def patch_discord(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base and gateway URL at the fake; restores both afterwards."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = f"{fake.url}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def run_client(
    fake: FakeDiscord,
    client: ClientT,
    token: str = "x",
    *,
    wait_ready: bool = False,
    timeout: float = 10.0,
) -> AsyncIterator[ClientT]:
    """Log ``client`` in against ``fake`` and connect it; yields once every GUILD_CREATE has been
    processed (or after ``on_ready`` with ``wait_ready=True``). Closes everything on exit."""
    task: asyncio.Task[None] | None = None
    try:
        with patch_discord(fake):
            try:
                await client.login(token)
                joined = sum(1 for g in fake.guilds.values() if g.bot_installed)
                wanted = {"GUILD_CREATE": joined} if joined else {"READY": 1}
                seen: dict[str, int] = {}

                def check(event: str) -> bool:
                    seen[event] = seen.get(event, 0) + 1
                    return seen[event] == wanted.get(event)

                waiter = asyncio.ensure_future(client.wait_for("socket_event_type", check=check))
                task = asyncio.create_task(client.connect(), name="fake-discord-client")
                done, _ = await asyncio.wait(
                    {waiter, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                if waiter not in done:
                    waiter.cancel()
                    if task in done:
                        task.result()
                    raise TimeoutError(f"client did not receive {wanted} within {timeout}s")
                if wait_ready:
                    await asyncio.wait_for(client.wait_until_ready(), timeout)
                yield client
            finally:
                await client.close()  # while the fake is still Discord: a bot talks as it stops
    finally:
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
                await asyncio.wait_for(task, timeout)
