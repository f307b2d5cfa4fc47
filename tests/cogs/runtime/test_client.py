"""The bot built by `create_bot`: the error handler and a clean shutdown."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from tests.cogs.helpers import ALICE, text_of


async def test_unexpected_errors_get_a_reference_and_a_log(env, caplog):
    async with env.running():
        with sqlite3.connect(env.settings.database_path) as raw:
            raw.execute("DROP TABLE events")  # break the store under the running bot
        with caplog.at_level(logging.ERROR):
            it = await env.command("checkaccount", {"account": "alice-hf"}, user=ALICE)
            [message] = await it.wait_done(timeout=5)
        text = text_of(message)
        assert "something went wrong on our side" in text and "reference" in text
        ref = text.split("reference `")[1].split("`")[0]
        assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)
        assert "fake-token" not in caplog.text


async def test_close_releases_the_database_and_hub_client(env):
    async with env.running() as bot:
        services = bot.services
    assert bot.is_closed()
    with pytest.raises(ValueError, match="no active connection"):
        await services.db.fetchone("SELECT 1")
