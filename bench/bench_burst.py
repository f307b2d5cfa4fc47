"""Memory after a burst (prints figures; not a test): resident memory of the bot after 200
`/checkaccount` at once (enough new cases to start a lock wave, so the wave alert with its chart is
posted to the mod-log), then after 2,000 new cases in all. Target: below 120 MB after both.
Charts are drawn in a child process, so matplotlib should never be in the bot's `sys.modules`.

Run: python -m bench.bench_burst [CASES]
"""

from __future__ import annotations

import asyncio
import gc
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_bot import rss_mb
from bench.bench_memory import _forget
from cogs.runtime.client import create_bot
from tests.cogs.helpers import GENERAL, GUILD, MODLOG, seed_hub
from tests.fakes.fake_discord import FakeDiscord, run_client
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

BURST = 200
TARGET_MB = 120


async def _batch(fake: FakeDiscord, hub: FakeHub, first: int, size: int) -> None:
    people = list(range(10_000 + first, 10_000 + first + size))
    for uid in people:
        fake.add_user(uid, f"u{uid}")
        fake.add_member(GUILD, uid)
    its = await asyncio.gather(
        *(fake.inject_command("checkaccount", {"account": "alice-hf"}, user=uid, guild_id=GUILD)
          for uid in people)
    )  # fmt: skip
    await asyncio.gather(*(it.wait_done(timeout=120) for it in its))
    _forget(fake, hub, people)


async def main(total: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeHub() as hub, FakeDiscord() as fake:
            seed_hub(hub)
            fake.add_guild(GUILD, "bench", channels=[("general", GENERAL), ("mod-log", MODLOG)])
            settings = make_hub_settings(
                hub.url, Path(tmp) / "bench.db", discord_token="x", guild_ids=[GUILD],
                modlog_channel_id=MODLOG, wave_min_cases=20,
            )  # fmt: skip
            async with run_client(fake, create_bot(settings)) as bot:
                if bot.sync_task is not None:
                    await bot.sync_task
                gc.collect()
                print(f"RSS after start: {rss_mb():.1f} MB")
                started = time.perf_counter()
                await _batch(fake, hub, 0, BURST)
                await bot.services.waves.aclose()  # the wave looks (alert and chart) finish
                gc.collect()
                burst = rss_mb()
                print(f"RSS after {BURST} interactions at once: {burst:.1f} MB "
                      f"(wave alerts posted: {bot.services.waves.alerts}, "
                      f"{time.perf_counter() - started:.0f} s)")
                for first in range(BURST, total, 100):
                    await _batch(fake, hub, first, min(100, total - first))
                await bot.services.waves.aclose()
                gc.collect()
                after = rss_mb()
                print(f"RSS after {total:,} new cases: {after:.1f} MB "
                      f"({time.perf_counter() - started:.0f} s)")
                print(f"matplotlib in the bot process: {'matplotlib' in sys.modules}")
                worst = max(burst, after)
                print(f"target below {TARGET_MB} MB: {'met' if worst < TARGET_MB else 'MISSED'}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000))
