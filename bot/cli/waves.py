"""`cases wave`: the current or last lock wave from the database, as `/case wave` shows it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.chart_process import draw
from bot.config import Settings
from bot.db import Database
from bot.waves import wording
from bot.waves.summary import arrivals, chart, describe, figures, load_state, when_text


async def show_wave(db: Database, settings: Settings, chart_path: Path | None) -> int:
    """Print the wave's title and figures (and write its chart); 0 either way."""
    wave = await load_state(db)
    if wave is None:
        print(wording.NO_WAVE)
        return 0
    rule = settings.wave_rule()
    now = datetime.now(UTC)
    figs = await figures(db, wave, now, rule)
    recent = len(await arrivals(db, now - timedelta(seconds=rule.window_s)))
    title, body = describe(figs, wave, rule, hub=None, recent=recent)
    print(title)
    if wave.ended_at is not None:
        print(wording.ENDED.format(when=when_text(wave.ended_at)))
    print(body)
    if chart_path is not None:
        png = await draw(chart, figs)
        await asyncio.to_thread(chart_path.write_bytes, png)
    return 0

