"""Reliability of the case store: nothing committed is lost, and writers never lock each other out.

1. Kill trials: a writer process opens cases and notes through `CaseStore` and prints each case id
   once its transaction has committed; after a random number of ids it is killed with SIGKILL
   (mid-write). Every reported id must be in the database and `PRAGMA integrity_check` must be ok.
   All trials share one database file, as the bot's restarts would.
2. Concurrent writers: several processes write to one database at once; none may fail (no
   "database is locked").

    python -m bench.bench_store [--trials 50] [--writers 8] [--writes 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.db import Database

ALL = Scope.everything()


async def _write(path: Path, writes: int, user: int) -> None:
    """The writer: one case and one note per step; print the case id after both committed."""
    db = await Database.open(path)
    store = CaseStore(db)
    try:
        for step in range(writes):
            case = await store.open_case(user * 1_000_000 + step, None, f"acct-{user}-{step}")
            await store.add_note(case.id, None, f"step {step}", ALL)
            print(case.id, flush=True)
    finally:
        await db.close()


def _writer(path: Path, writes: int, user: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.bench_store", "--writer", str(path), str(writes), str(user)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )


@dataclass
class KillResult:
    trials: int
    reported: int
    missing: int
    integrity: list[str]


def kill_trials(path: Path, trials: int, seed: int) -> KillResult:
    """`trials` writers, each SIGKILLed after a random number (1-40) of reported ids."""
    rng = random.Random(seed)
    reported: list[int] = []
    for trial in range(trials):
        proc = _writer(path, 10_000, trial)
        assert proc.stdout is not None
        for _ in range(rng.randint(1, 40)):
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"writer ended early: {proc.stderr.read() if proc.stderr else ''}")
            reported.append(int(line))
        proc.send_signal(signal.SIGKILL)
        # ids printed after the last one read were committed too
        rest, _ = proc.communicate()
        reported.extend(int(x) for x in rest.split())
    with sqlite3.connect(path) as conn:
        present = {row[0] for row in conn.execute("SELECT id FROM cases")}
        noted = {row[0] for row in conn.execute("SELECT case_id FROM events WHERE kind = 'note'")}
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    missing = [i for i in reported if i not in present or i not in noted]
    return KillResult(trials, len(reported), len(missing), integrity)


@dataclass
class ConcurrentResult:
    writers: int
    writes: int
    failed: int
    errors: list[str]
    committed: int
    seconds: float


def concurrent_writers(path: Path, writers: int, writes: int) -> ConcurrentResult:
    """`writers` processes, `writes` cases each, all at once on one database."""
    started = time.perf_counter()
    procs = [_writer(path, writes, 1000 + n) for n in range(writers)]
    outputs = [proc.communicate() for proc in procs]
    seconds = time.perf_counter() - started
    errors = [err.strip().splitlines()[-1] for _, err in outputs if err.strip()]
    failed = sum(proc.returncode != 0 for proc in procs)
    committed = sum(len(out.split()) for out, _ in outputs)
    return ConcurrentResult(writers, writes, failed, errors, committed, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int.from_bytes(os.urandom(4), "big"))
    parser.add_argument("--writer", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        path, writes, user = args.writer
        asyncio.run(_write(Path(path), int(writes), int(user)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        kills = kill_trials(Path(tmp) / "kill.db", args.trials, args.seed)
        together = concurrent_writers(Path(tmp) / "together.db", args.writers, args.writes)
    print(f"seed {args.seed}")
    print(
        f"kill -9 trials: {kills.trials}, committed ids reported: {kills.reported}, "
        f"missing: {kills.missing}, integrity_check: {', '.join(kills.integrity)}"
    )
    print(
        f"concurrent writers: {together.writers} x {together.writes} cases, committed "
        f"{together.committed}, failed writers: {together.failed}, "
        f"{together.committed / together.seconds:.0f} cases/s"
        + (f", errors: {together.errors}" if together.errors else "")
    )


if __name__ == "__main__":
    main()
