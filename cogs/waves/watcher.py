"""Lock waves on Discord: the watcher that looks at new-case arrivals (after each new case and
every few minutes), posts one alert per wave to the mod-log channel and a closing note when it
subsides; and `/case wave`."""

from __future__ import annotations

import asyncio
import logging
from contextvars import Context
from datetime import datetime, timedelta
from typing import Any

import discord

from bot.chart_process import draw
from bot.i18n import t
from bot.waves import wording
from bot.waves.detector import WaveState, step
from bot.waves.summary import (
    chart,
    current_rate,
    describe,
    figures,
    load_state,
    save_state,
    when_text,
)
from cogs.services import services_of
from cogs.ui.case_log import post_to_modlog
from cogs.ui.limits import make_embed
from cogs.ui.markdown import quote_typed
from cogs.ui.replies import reply

log = logging.getLogger(__name__)
LOOK_EVERY = timedelta(minutes=5)


class WaveWatcher:
    """One per bot: `kick()` after a new case, `run()` in the background."""

    def __init__(self, bot: discord.Client) -> None:
        self.bot = bot
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending: asyncio.Task[None] | None = None
        self.alerts = 0  # alerts posted since start (benchmarks read it)

    def kick(self) -> None:
        """Look at the arrivals soon, without holding up the command that opened a case (one
        look waits at most: a burst of new cases costs one look, not one each)."""
        if self._pending is not None and not self._pending.done():
            return
        # a fresh context: the look must not carry the language of whoever opened the case
        task = asyncio.create_task(self.look(), name="hfsb-wave-look", context=Context())
        self._pending = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self) -> None:
        """Look every few minutes (a wave subsides without any new case to say so)."""
        while True:
            await services_of(self.bot).clock.sleep_until(services_of(self.bot).clock.now() + LOOK_EVERY)
            try:
                await self.look()
            except Exception:  # the loop outlives any one look (it tries again next time)
                log.exception("wave look failed; trying again in %s", LOOK_EVERY)

    async def aclose(self) -> None:
        """Let looks in progress finish."""
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def look(self) -> None:
        """Step the wave state; post the alert or the closing note when it changed."""
        async with self._lock:
            svc = services_of(self.bot)
            rule = svc.settings.wave_rule()
            now = services_of(self.bot).clock.now()
            state = await load_state(svc.db)
            rate = await current_rate(svc.db, now, rule)
            new, change = step(state, rate, now, rule)
            if new is not None and change is None and new.active and new.alerted_at is None:
                change = "started"  # an alert Discord refused (a 429...): posted at this look
            if new is None or change is None:
                return
            await save_state(svc.db, new)
            home = svc.settings.home_guild()  # a wave is the whole bot's: the home server's
            if change == "started":
                wave = new

                async def alert() -> dict[str, Any]:
                    title, body, file = await render(self.bot, wave, now)
                    return {"content": title, "embed": make_embed(title, body), "file": file}

                if await post_to_modlog(self.bot, home, alert):
                    self.alerts += 1  # only a posted alert marks the wave as alerted
                    await save_state(svc.db, new.model_copy(update={"alerted_at": now}))
            else:
                figs = await figures(svc.db, new, now, rule)
                since, usual = when_text(new.started_at), round(new.usual, 1)
                await post_to_modlog(self.bot, home, lambda: {"content": t(
                    wording.CLOSED, since=since, new_cases=figs.count, usual=usual)})  # fmt: skip


async def render(
    bot: discord.Client, wave: WaveState, now: datetime
) -> tuple[str, str, discord.File]:
    """Title, text and chart of a wave (the chart drawn off the event loop)."""
    svc = services_of(bot)
    rule = svc.settings.wave_rule()
    figs = await figures(svc.db, wave, now, rule)
    rate = await current_rate(svc.db, now, rule)
    title, body = describe(
        figs,
        wave,
        rule,
        hub=svc.hub.budget.state(),
        waiting=svc.queue.waiting,
        recent=rate.recent,
        quote=quote_typed,
    )
    png = await draw(chart, figs)
    return title, body, discord.File(_bytes(png), filename="wave.png")


async def show_wave(interaction: discord.Interaction[Any]) -> None:
    """`/case wave`: the current or last wave, with the same figures as the alert."""
    bot = interaction.client
    await interaction.response.defer(ephemeral=True, thinking=True)
    wave = await load_state(services_of(bot).db)
    if wave is None:
        await reply(interaction, t(wording.NO_WAVE))
        return
    title, body, file = await render(bot, wave, services_of(bot).clock.now())
    if not wave.active:
        body = wave_closed_line(wave) + "\n" + body
    await reply(interaction, embed=make_embed(title, body), file=file)


def wave_closed_line(wave: WaveState) -> str:
    """When the last wave ended."""
    assert wave.ended_at is not None
    return t(wording.ENDED, when=when_text(wave.ended_at))



def _bytes(png: bytes) -> Any:
    from io import BytesIO

    return BytesIO(png)
