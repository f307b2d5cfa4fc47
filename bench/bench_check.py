"""Benchmark of the account check against the fake Hub with a fixed latency per request.

Prints, for a latency L: the check time / L and the requests per check for a user of 10 repos,
an organisation of 10 repos, a user of 3 x 499 repos (the most one page of 500 holds without a
second page), and of 3 x 1,000 repos (two pages per type), and the wall time of 50 concurrent checks of distinct accounts
against the ideal (total requests / hub_max_concurrency x L). The fake Hub runs in its own
process, as the real Hub would: its CPU time is not counted as the bot's.

    /work/venv/bin/python -m bench.bench_check [--latency 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from bot.check.cache import ReportCache
from bot.check.service import CheckService
from bot.db import Database
from bot.hub.client import HubClient
from tests.fakes.fake_hub import FakeHub
from tests.helpers import make_hub_settings

ACCOUNTS = [f"user{i}" for i in range(50)]


def _serve(conn: Connection, latency: float) -> None:
    """The fake Hub process: answers "count" with its request count until "stop"."""

    async def serve() -> None:
        async with FakeHub(latency=latency) as fake:
            fake.add_user(
                "small",
                models=["m1", "m2", "m3", "m4"],
                datasets=["d1", "d2", "d3"],
                spaces=["s1", "s2", "s3"],
            )
            fake.add_org(
                "team",
                models=["m1", "m2", "m3", "m4"],
                datasets=["d1", "d2", "d3"],
                spaces=["s1", "s2", "s3"],
            )
            fake.add_user(
                "page",
                models=[f"m{i}" for i in range(499)],
                datasets=[f"d{i}" for i in range(499)],
                spaces=[{"name": f"s{i}", "stage": "PAUSED"} for i in range(499)],
            )
            fake.add_user(
                "large",
                models=[f"m{i}" for i in range(1000)],
                datasets=[f"d{i}" for i in range(1000)],
                spaces=[{"name": f"s{i}", "stage": "PAUSED"} for i in range(1000)],
            )
            for name in ACCOUNTS:
                fake.add_user(name, models=["m"], datasets=["d"], spaces=["s"])
            conn.send(fake.url)
            loop = asyncio.get_running_loop()
            while (command := await loop.run_in_executor(None, conn.recv)) != "stop":
                conn.send(fake.request_count() if command == "count" else None)

    asyncio.run(serve())


class _Remote:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def count(self) -> int:
        self._conn.send("count")
        return int(await asyncio.get_running_loop().run_in_executor(None, self._conn.recv))


async def _single(
    service: CheckService, hub: _Remote, account: str, latency: float, runs: int
) -> tuple[float, int, list[float]]:
    times, requests = [], []
    for _ in range(runs):
        before = await hub.count()
        started = time.perf_counter()
        report = await service.check(account, fresh=True)
        times.append(time.perf_counter() - started)
        requests.append(await hub.count() - before)
        assert report.complete, report.verdict.explanation
    ratios = [t / latency for t in times]
    return statistics.median(ratios), max(requests), ratios


async def main(latency: float) -> None:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(child, latency), daemon=True
    )
    process.start()
    child.close()  # so that a crashed fake ends `recv` with EOFError instead of hanging
    url = parent.recv()
    remote = _Remote(parent)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = make_hub_settings(
                url, Path(folder) / "bench.db", hub_timeout_s=30, check_deadline_s=120
            )
            db = await Database.open(settings.database_path)
            try:
                async with HubClient(settings) as hub:
                    service = CheckService(hub, ReportCache(db), settings)
                    await service.check("small", fresh=True)  # warm up connections
                    small = await _single(service, remote, "small", latency, 5)
                    org = await _single(service, remote, "team", latency, 5)
                    page = await _single(service, remote, "page", latency, 7)
                    large = await _single(service, remote, "large", latency, 7)
                    before = await remote.count()
                    started = time.perf_counter()
                    reports = await asyncio.gather(
                        *(service.check(n, fresh=True) for n in ACCOUNTS)
                    )
                    wall = time.perf_counter() - started
                    total = await remote.count() - before
                    await service.aclose()
            finally:
                await db.close()
    finally:
        parent.send("stop")
        process.join(10)
    assert all(r.complete for r in reports)
    ideal = total / settings.hub_max_concurrency * latency
    print(
        f"latency L = {latency * 1000:.0f} ms per request, hub_max_concurrency = "
        f"{settings.hub_max_concurrency}"
    )
    cases = (
        ("user of 10 repos", small, "<= 1.1 x L and <= 5 requests"),
        ("organisation of 10 repos", org, "<= 1.1 x L and <= 5 requests"),
        ("user of 3 x 499 repos", page, "<= 1.1 x L and <= 5 requests"),
        ("user of 3 x 1,000 repos", large, "two pages of 500 per type: 2 round trips"),
    )
    for label, (median, requests, ratios), target in cases:
        runs = ", ".join(f"{r:.2f}" for r in ratios)
        print(
            f"{label}: median {median:.2f} x L per check (runs: {runs}), "
            f"{requests} requests; target {target}"
        )
    print(
        f"50 concurrent checks of distinct accounts: {total} requests, wall {wall:.2f} s "
        f"= {wall / latency:.1f} x L; ideal {ideal:.2f} s; ratio {wall / ideal:.2f} (target <= 1.2)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added to each request")
    asyncio.run(main(parser.parse_args().latency))
