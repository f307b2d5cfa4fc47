"""A lock wave (prints figures; not a test): 500 different people check 500 different accounts
over 10 minutes against the fake Hub enforcing the real quota (500 requests per 300 s, with the
real `RateLimit` headers), through the real bot and discord.py against the fake Discord.

Time is compressed: the Hub budget, the check queue, the fake Hub's quota windows, the wave
watcher and the fake Discord's 15-minute interaction tokens all follow one `ManualClock`, moved
by hand; the acknowledgement (Discord's 3-second rule) is measured in real time, since the bot
acknowledges before anything waits. Figures: share acknowledged within 3 s, requests refused by
the Hub, p50/p90 time from command to result (simulated), how answers were served, and how many
wave alerts the moderators got.

Run: python -m bench.bench_wave
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import ManualClock
from cogs.runtime.client import create_bot
from tests.cogs.helpers import GENERAL, GUILD, MODLOG
from tests.fakes.fake_discord import FakeDiscord, run_client
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

PEOPLE = 500
SPREAD_S = 600.0  # arrivals over 10 minutes
STEP_S = SPREAD_S / PEOPLE
TOKEN_S = 15 * 60


async def main() -> None:
    clock = ManualClock(datetime.now(UTC))
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeHub() as hub, FakeDiscord() as fake:
            hub.enforce_quota(500, 300, now=lambda: clock.now().timestamp())
            fake.add_guild(GUILD, "wave", channels=[("general", GENERAL), ("mod-log", MODLOG)])
            people = list(range(20_000, 20_000 + PEOPLE))
            for i, uid in enumerate(people):
                fake.add_user(uid, f"p{uid}")
                fake.add_member(GUILD, uid)
                hub.add_user(
                    f"acct{i}",
                    models=["m"],
                    spaces=[{"name": "app", "stage": "PAUSED" if i % 3 else "RUNNING"}],
                )
            settings = make_hub_settings(
                hub.url,
                Path(tmp) / "wave.db",
                discord_token="x",
                guild_ids=[GUILD],
                modlog_channel_id=MODLOG,
                check_deadline_s=10.0,
            )
            async with run_client(fake, create_bot(settings, clock=clock)) as bot:
                if bot.sync_task is not None:
                    await bot.sync_task
                started_at: dict[int, float] = {}
                its = []
                t0 = clock.now()

                def sim() -> float:
                    return (clock.now() - t0).total_seconds()

                async def advance(seconds: float) -> None:
                    fake.advance(seconds)
                    await clock.advance(seconds)

                for i, uid in enumerate(people):
                    it = await fake.inject_command(
                        "checkaccount", {"account": f"acct{i}"}, user=uid, guild_id=GUILD
                    )
                    started_at[id(it)] = sim()
                    its.append(it)
                    # the fake Discord's clock also times the 3-second rule: let the bot answer
                    # (in real time) before moving it
                    await it.wait_response(timeout=10)
                    await advance(STEP_S)
                finished: dict[int, float] = {}

                def result_seen(it: object) -> bool:
                    messages = it.final_messages()  # type: ignore[attr-defined]
                    return any(m.get("embeds") for m in messages)

                dms_before = 0
                while len(finished) < len(its) and sim() < 3 * 3600:
                    await asyncio.sleep(0.05)
                    for it, uid in zip(its, people, strict=True):
                        if id(it) in finished:
                            continue
                        if result_seen(it) or fake.dm_messages(uid):
                            finished[id(it)] = sim() - started_at[id(it)]
                    if len(finished) < len(its):
                        await advance(5)
                await bot.services.waves.look()
                for _ in range(12):  # an hour later the wave has subsided
                    await advance(300)
                await bot.services.waves.look()
                acks = [it.ack_latency for it in its if it.ack_latency is not None]
                within = sum(1 for a in acks if a <= 3.0)
                times = sorted(finished.values())
                queue = bot.services.queue
                dms = sum(1 for uid in people if fake.dm_messages(uid)) - dms_before
                modlog = fake.channel_messages(MODLOG)
                alerts = [m for m in modlog if m.get("embeds")]
                closing = [m for m in modlog if "subsided" in (m.get("content") or "")]
                print(f"{PEOPLE} people, {PEOPLE} accounts, arrivals over {SPREAD_S / 60:.0f} min")
                print(f"acknowledged within 3 s: {within / len(its):.0%} "
                      f"(max {max(acks) * 1000:.0f} ms)")
                print(f"Hub requests: {len(hub.requests)} sent, {hub.refused} refused (429)")
                print(f"results: {len(times)} of {len(its)}; time from command to result "
                      f"p50 {statistics.median(times) / 60:.1f} min, "
                      f"p90 {times[int(len(times) * 0.9) - 1] / 60:.1f} min")
                print(f"served: {queue.served_at_once} at once, {queue.served_after_wait} after "
                      f"waiting in the queue, {queue.served_from_cache} from cache; "
                      f"{dms} results by DM (past the 15-minute token)")
                print(f"wave alerts in the mod-log channel: {len(alerts)}; closing notes: "
                      f"{len(closing)}; new-case notices: {len(modlog) - len(alerts) - len(closing)}")
                print(f"fake Discord violations: {len(fake.violations)}")


if __name__ == "__main__":
    asyncio.run(main())
