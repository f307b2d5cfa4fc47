"""The end-to-end harness (the real bot from `create_bot`, a fake Discord and a fake Hub): the
people and server, the `Env` the `env` fixture yields, and assertions on what the bot sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from discord import ComponentType

from bot.clock import Clock
from bot.config import Settings
from cogs.runtime.client import SupportBot, create_bot
from tests.fakes.fake_discord import FakeDiscord, run_client
from tests.fakes.fake_discord_validate import embed_errors
from tests.fakes.fake_hub import FakeHub

GUILD = 111
GENERAL = 1001
MODLOG = 1002
MOD_ROLE = 2001
ALICE = 501  # a worried person
BOB = 502  # DMs closed
MOD = 503  # has the moderator role
OWNER = 504  # has Manage Server, no role


@dataclass
class Env:
    """Both fakes and the settings of a bot pointed at them."""

    hub: FakeHub
    discord: FakeDiscord
    settings: Settings
    tmp: Path

    @asynccontextmanager
    async def running(self, clock: Clock | None = None, **overrides: Any) -> AsyncIterator[SupportBot]:
        """Run a fresh bot (same database; `clock` for its time) until the block ends."""
        settings = self.settings.model_copy(update=overrides) if overrides else self.settings
        async with run_client(self.discord, create_bot(settings, clock=clock)) as bot:
            if bot.sync_task is not None:
                await bot.sync_task  # commands synced (or refused) before the test goes on
            yield bot

    async def command(self, name: str, options: dict[str, Any] | None = None, *, user: int = ALICE,
                      guild: int | None = GUILD, **kw: Any) -> Any:  # fmt: skip
        """Inject a slash command and wait until the bot has answered it."""
        it = await self.discord.inject_command(name, options or {}, user=user, guild_id=guild, **kw)
        await it.wait_response(timeout=3)
        return it


def seed_hub(hub: FakeHub) -> None:
    """A user with a few repos of each type, an empty account, an organization."""
    hub.add_user(
        "alice-hf",
        models=["tiny-model", "other-model"],
        datasets=["notes"],
        spaces=[{"name": "demo", "stage": "PAUSED"}, {"name": "chat", "stage": "RUNNING"}],
    )
    hub.add_user("quiet")
    hub.add_org(
        "acme", models=["m1"], spaces=[{"name": "s1", "stage": "SLEEPING", "disabled": True}]
    )


def assert_no_mentions(fake: FakeDiscord) -> None:
    """Every message-like payload the bot sent disabled all mentions."""
    for payload in fake.all_message_payloads():
        body = payload.get("data", payload) if "type" in payload and "data" in payload else payload
        if not any(body.get(k) for k in ("content", "embeds", "components", "attachments")):
            continue  # a deferral or an update without a message
        allowed = body.get("allowed_mentions")
        assert allowed is not None, f"no allowed_mentions in {body}"
        assert allowed.get("parse") == [] and not allowed.get("users") and not allowed.get("roles")
        assert not allowed.get("replied_user")


def components(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The interactive components of a message, flattened."""
    out: list[dict[str, Any]] = []
    for row in message.get("components", []):
        out.extend(row.get("components", [row]))
    return out


def custom_id(message: dict[str, Any], *, label: str | None = None,
              kind: ComponentType | None = None, index: int = 0) -> str:  # fmt: skip
    """The custom id of a button by (part of) its label, or the index-th component of a type."""
    if label is not None:
        found = [c for c in components(message) if label in (c.get("label") or "")]
    else:
        found = [c for c in components(message) if kind is not None and c.get("type") == kind.value]
    assert found, f"no component {label or kind} in {components(message)}"
    return str(found[index]["custom_id"])


def text_of(message: dict[str, Any]) -> str:
    """Content and embed text of a message, for assertions."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds", []):
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


async def case_events(env: Env, case_id: int) -> list[Any]:
    """A case's timeline, read with a separate connection to the bot's database."""
    from bot.cases.store import CaseStore
    from bot.db import Database

    db = await Database.open(env.settings.database_path)
    try:
        return await CaseStore(db).events(case_id)
    finally:
        await db.close()


def assert_fits(embed: discord.Embed) -> None:
    """Nothing Discord would refuse in the embed as sent (the fake Discord's own checker)."""
    assert embed_errors([dict(embed.to_dict())]) == []
