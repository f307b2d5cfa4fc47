"""Memory per person (prints figures; not a test): resident memory of the bot after 2,000 and
after 20,000 different people each ran `/checkaccount` (and so opened a case), against the fake
Discord and fake Hub in the same process. Target: the 20,000 figure within 10 % of the 2,000 one.

The fakes' own records of each person (their user and member, the interaction, its messages,
the recorded requests, the gateway events kept for RESUME) are dropped after every batch, so what
grows is the bot's own state. People arrive much faster than in life (a batch of 50 at once),
so the cooldown, which remembers the people of the last minute, holds thousands at a time.

Run: python -m bench.bench_memory [PEOPLE]
"""

from __future__ import annotations

import asyncio
import gc
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_bot import rss_mb
from cogs.runtime.client import create_bot
from tests.cogs.helpers import GENERAL, GUILD, seed_hub
from tests.fakes.fake_discord import FakeDiscord, run_client
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

BATCH = 50
FIRST_MARK = 2_000


def _forget(fake: FakeDiscord, hub: FakeHub, people: list[int]) -> None:
    """Drop the fakes' records of a finished batch."""
    for uid in people:
        fake.guilds[GUILD].members.pop(uid, None)
        fake.users.pop(uid, None)
    fake.interactions.clear()
    fake.requests.clear()
    fake.sent.clear()
    fake.store.messages.clear()
    fake.store.by_channel.clear()
    fake.store.blobs.clear()
    hub.requests.clear()
    for session in fake.gateway.sessions.values():
        session.sent.clear()  # the fake keeps dispatched events for RESUME replays


async def main(total: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeHub() as hub, FakeDiscord() as fake:
            seed_hub(hub)
            fake.add_guild(GUILD, "bench", channels=[("general", GENERAL)])
            settings = make_hub_settings(
                hub.url, Path(tmp) / "bench.db", discord_token="x", guild_ids=[GUILD]
            )
            async with run_client(fake, create_bot(settings)) as bot:
                if bot.sync_task is not None:
                    await bot.sync_task
                gc.collect()
                print(f"RSS after start: {rss_mb():.1f} MB")
                marks: dict[int, float] = {}
                started = time.perf_counter()
                for first in range(0, total, BATCH):
                    people = list(range(10_000 + first, 10_000 + first + BATCH))
                    for uid in people:
                        fake.add_user(uid, f"u{uid}")
                        fake.add_member(GUILD, uid)
                    its = await asyncio.gather(
                        *(
                            fake.inject_command(
                                "checkaccount", {"account": "alice-hf"}, user=uid, guild_id=GUILD
                            )
                            for uid in people
                        )
                    )
                    await asyncio.gather(*(it.wait_done(timeout=60) for it in its))
                    _forget(fake, hub, people)
                    done = first + BATCH
                    if done in (FIRST_MARK, total) or done % 5_000 == 0:
                        gc.collect()
                        marks[done] = rss_mb()
                        print(f"RSS after {done:,} people: {marks[done]:.1f} MB "
                              f"({time.perf_counter() - started:.0f} s)", flush=True)
                state = bot._connection  # what discord.py keeps
                print(
                    f"discord.py: {len(state._users)} users cached, "
                    f"{sum(len(g._members) for g in bot.guilds)} members cached, "
                    f"{len(state._view_store._synced_message_views)} message views, "
                    f"{len(state._messages or [])} messages"
                )
                if FIRST_MARK in marks and total in marks:
                    growth = (marks[total] / marks[FIRST_MARK] - 1) * 100
                    print(f"growth from {FIRST_MARK:,} to {total:,} people: {growth:+.1f} % "
                          "(target within 10 %)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
