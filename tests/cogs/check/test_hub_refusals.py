"""Through Discord, when the Hub refuses: the bot's own token (checked at start, one mod-log
notice to the home server, checks made anonymously and said so) and a disabled repo (403)."""

from __future__ import annotations

import asyncio

from pydantic import SecretStr

from bot.token_status import HUB_TOKEN_KEY
from tests.cogs.helpers import MODLOG, text_of


async def test_a_refused_token_is_announced_once_and_each_check_says_so(env):
    env.hub.revoke_token("hf_revoked")
    async with env.running(hf_token=SecretStr("hf_revoked")) as bot:
        notice = await env.discord.wait_for_channel_message(MODLOG)
        assert "HF_TOKEN" in notice["content"] and "hf_revoked" not in notice["content"]
        assert env.hub.request_count("/api/whoami-v2") >= 1
        it = await env.command("checkaccount", {"account": "alice-hf"})
        [message] = await it.wait_done(timeout=5)
        text = text_of(message)
        assert "token was refused" in text and "says nothing about your account" in text
        assert "Does not look deleted" in text  # the anonymous answers, told as they are
        assert await bot.services.db.get_meta(HUB_TOKEN_KEY) == "refused"
        token_notices = [
            m for m in env.discord.channel_messages(MODLOG) if "HF_TOKEN" in m["content"]
        ]
        assert len(token_notices) == 1
        assert "hf_revoked" not in str(env.discord.channel_messages(MODLOG))


async def test_a_valid_token_is_recorded_and_not_announced(env):
    async with env.running(hf_token=SecretStr("hf_good")) as bot:
        it = await env.command("checkaccount", {"account": "alice-hf"})
        [message] = await it.wait_done(timeout=5)
        assert "token was refused" not in text_of(message)
        for _ in range(50):
            if await bot.services.db.get_meta(HUB_TOKEN_KEY) is not None:
                break
            await asyncio.sleep(0.05)
        assert await bot.services.db.get_meta(HUB_TOKEN_KEY) == "valid"
        assert not any("HF_TOKEN" in m["content"] for m in env.discord.channel_messages(MODLOG))


async def test_a_link_to_a_disabled_repo_says_disabled_by_hugging_face(env):
    env.hub.add_repos("alice-hf", "model", [{"name": "off", "disabled": True}])
    async with env.running():
        it = await env.command("checkaccount", {"account": "https://huggingface.co/alice-hf/off"})
        [message] = await it.wait_done(timeout=5)
        text = " ".join(text_of(message).split())
        assert "has been disabled by Hugging Face" in text and "HTTP 403" in text
        assert "may be private" not in text and "Public files can most likely" not in text
