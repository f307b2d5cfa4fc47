"""The fake Discord with one server and three people, and the small bot logged in to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.fake_discord.minibot import (
    ALICE,
    BOB,
    CLOSED,
    GENERAL,
    GUILD,
    MANAGE_MESSAGES,
    MOD_ROLE,
    MODLOG,
    MiniBot,
)
from tests.fakes.fake_discord import FakeDiscord, run_client


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        fake.add_guild(
            GUILD,
            channels=[("general", GENERAL), ("mod-log", MODLOG)],
            roles=[("Moderator", MOD_ROLE, MANAGE_MESSAGES.value)],
        )
        fake.add_user(ALICE, "alice")
        fake.add_user(BOB, "bob")
        fake.add_user(CLOSED, "closed", dms_open=False)
        fake.add_member(GUILD, ALICE)
        fake.add_member(GUILD, BOB, roles=[MOD_ROLE])
        yield fake


@pytest_asyncio.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[MiniBot]:
    async with run_client(fake, MiniBot()) as client:
        await client.tree.sync()
        yield client

