"""Lock waves end to end: one alert with its figures and chart in the mod-log channel, no repeat
within the wave, a closing note when it subsides, and `/case wave`."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from bot.clock import ManualClock
from cogs.runtime.client import create_bot
from tests.cogs.helpers import ALICE, BOB, MOD, MODLOG, OWNER, text_of
from tests.fakes.fake_discord import run_client


def _wave_bot(env):
    """A bot whose wave threshold is 3 new cases, on a manual clock."""
    clock = ManualClock(datetime.now(UTC))
    settings = env.settings.model_copy(update={"wave_min_cases": 3})
    return clock, run_client(env.discord, create_bot(settings, clock=clock))


async def test_one_alert_per_wave_then_a_closing_note(env):
    had_matplotlib = "matplotlib" in sys.modules
    clock, running = _wave_bot(env)
    async with running as bot:
        assert bot.sync_task is not None
        await bot.sync_task
        for user, account in ((ALICE, "alice-hf"), (BOB, "acme"), (OWNER, "quiet")):
            it = await env.command("checkaccount", {"account": account}, user=user)
            await it.wait_done()
        await bot.services.waves.aclose()  # the looks the new cases started
        await clock.advance(60)  # the manual clock catches up with the cases' real times
        await bot.services.waves.look()
        alert = [m for m in env.discord.channel_messages(MODLOG) if m.get("embeds")]
        assert len(alert) == 1
        text = text_of(alert[0])
        assert "Lock wave: 3 new cases since" in text
        assert "Space PAUSED or disabled: 2 of 3" in text  # alice-hf (PAUSED) and acme (disabled)
        assert "answers normally" in text and "Suggested message to pin" in text
        assert alert[0]["attachments"][0]["filename"] == "wave.png"
        png = env.discord.store.blobs[int(alert[0]["attachments"][0]["id"])]
        assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 800
        if not had_matplotlib:  # drawn in a child process: matplotlib stays out of the bot
            assert "matplotlib" not in sys.modules
        # a fourth case within the wave: no second alert
        it = await env.command("checkaccount", {"account": "alice-hf"}, user=MOD)
        await it.wait_done()
        await bot.services.waves.aclose()
        await clock.advance(60)
        await bot.services.waves.look()
        assert bot.services.waves.alerts == 1
        shown = await env.command("case", {}, subcommand="wave", user=OWNER)
        [message] = await shown.wait_done()
        assert "Lock wave: 4 new cases since" in text_of(message)
        # an hour of quiet: the wave subsides, once
        for _ in range(12):
            await clock.advance(300)
        await bot.services.waves.look()
        closing = [m for m in env.discord.channel_messages(MODLOG) if "subsided" in m["content"]]
        assert len(closing) == 1 and "4 new cases in all" in closing[0]["content"]


async def test_a_rate_limited_alert_is_logged_and_the_watcher_goes_on(env):
    """A 429 over discord.py's 30-s wait raises `discord.RateLimited` on mod-log posts (the new
    case notice, then the wave alert): each is logged, the person still gets their answer, and
    the watcher's loop goes on."""
    _, running = _wave_bot(env)
    async with running as bot:
        assert bot.sync_task is not None
        await bot.sync_task
        for user, account in ((ALICE, "alice-hf"), (BOB, "acme"), (OWNER, "quiet")):
            if user == OWNER:
                env.discord.rate_limit_messages = 2  # case #3's notice, then the alert
            it = await env.command("checkaccount", {"account": account}, user=user)
            [answer] = await it.wait_done()
            assert "Account check" in text_of(answer)
        await bot.services.waves.aclose()
        assert env.discord.rate_limit_messages == 0 and bot.services.waves.alerts == 0
        assert not [m for m in env.discord.channel_messages(MODLOG) if m.get("embeds")]
        assert bot._waves is not None and not bot._waves.done()  # the watcher loop runs on
        # the refused alert is not lost: the next look posts it, once
        await bot.services.waves.look()
        await bot.services.waves.look()
        assert bot.services.waves.alerts == 1
        assert len([m for m in env.discord.channel_messages(MODLOG) if m.get("embeds")]) == 1
