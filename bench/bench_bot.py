"""Bot benchmark against the fake Discord and fake Hub (prints figures; not a test).

- acknowledgement latency (injection → initial response) of 200 interactions injected at once
  (target p99 < 0.5 s);
- resident memory of the process after the bot started, and after 10,000 cases (target < 120 MB;
  the figure includes both fakes, which run in the same process).

Run: python -m bench.bench_bot
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from cogs.runtime.client import create_bot
from tests.cogs.helpers import GENERAL, GUILD, seed_hub
from tests.fakes.fake_discord import FakeDiscord, run_client
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

INTERACTIONS = 200
CASES = 10_000


def rss_mb() -> float:
    """Current resident set size of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeHub(latency=0.05) as hub, FakeDiscord() as fake:
            seed_hub(hub)
            fake.add_guild(GUILD, "bench", channels=[("general", GENERAL)])
            users = list(range(10_000, 10_000 + INTERACTIONS))
            for uid in users:
                fake.add_user(uid, f"u{uid}")
                fake.add_member(GUILD, uid)
            settings = make_hub_settings(
                hub.url, Path(tmp) / "bench.db", discord_token="x", guild_ids=[GUILD]
            )
            async with run_client(fake, create_bot(settings)) as bot:
                if bot.sync_task is not None:
                    await bot.sync_task  # commands are synced in the background after login
                print(f"RSS after start: {rss_mb():.1f} MB")
                commands = ["checkaccount", "backup", "mycase show", "precedents"]
                started = time.perf_counter()
                its = await asyncio.gather(
                    *(
                        fake.inject_command(
                            commands[i % 4],
                            {"account": "alice-hf"} if i % 4 < 2 else {},
                            user=uid,
                            guild_id=GUILD,
                        )
                        for i, uid in enumerate(users)
                    )
                )
                await asyncio.gather(*(it.wait_done(timeout=30) for it in its))
                wall = time.perf_counter() - started
                lat = sorted(it.ack_latency for it in its if it.ack_latency is not None)
                assert len(lat) == len(its), "some interactions were never acknowledged"
                p50 = statistics.median(lat)
                p99 = lat[int(len(lat) * 0.99) - 1]
                print(
                    f"{INTERACTIONS} interactions at once: ack p50 {p50 * 1000:.0f} ms, "
                    f"p99 {p99 * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms; "
                    f"all answered in {wall:.2f} s; violations: {len(fake.violations)}"
                )
                store = bot.services.cases
                for n in range(CASES):
                    await store.open_case(1_000_000 + n, GUILD, f"acct-{n % 997}")
                print(f"RSS after {CASES:,} more cases: {rss_mb():.1f} MB")


if __name__ == "__main__":
    asyncio.run(main())
