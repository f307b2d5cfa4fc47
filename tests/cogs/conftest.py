"""The `env` fixture: a fake Hub and a fake Discord with a server, its people and settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.cogs.helpers import (
    ALICE,
    BOB,
    GENERAL,
    GUILD,
    MOD,
    MOD_ROLE,
    MODLOG,
    OWNER,
    Env,
    assert_no_mentions,
    seed_hub,
)
from tests.fakes.fake_discord import FakeDiscord
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    async with FakeHub() as hub, FakeDiscord() as fake:
        seed_hub(hub)
        fake.add_guild(
            GUILD,
            "community",
            roles=[("Helper", MOD_ROLE, 0), ("Admin", 2002, 0x20)],
            channels=[("general", GENERAL), ("mod-log", MODLOG)],
        )
        for uid, name in ((ALICE, "alice"), (BOB, "bob"), (MOD, "mod"), (OWNER, "owner")):
            fake.add_user(uid, name)
        fake.close_dms(BOB)
        fake.add_member(GUILD, ALICE)
        fake.add_member(GUILD, BOB)
        fake.add_member(GUILD, MOD, roles=[MOD_ROLE])
        fake.add_member(GUILD, OWNER, roles=[2002])
        settings = make_hub_settings(
            hub.url,
            tmp_path / "bot.db",
            discord_token="fake-token",
            guild_ids=[GUILD],
            moderator_role_ids=[MOD_ROLE],
            modlog_channel_id=MODLOG,
        )
        yield Env(hub, fake, settings, tmp_path)
        fake.assert_clean()
        assert_no_mentions(fake)
