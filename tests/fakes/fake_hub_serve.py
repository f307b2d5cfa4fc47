"""Serve the fake Hub from a shell until SIGTERM or SIGINT, for checks outside pytest (CI runs the
container image's `check` against it):

    python -m tests.fakes.fake_hub_serve --url-file hub.url &

Listens on a random port of 127.0.0.1 and writes its base URL (one line) to --url-file once it
answers. It knows one user, `alice`: one model and one paused Space.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from pathlib import Path

from tests.fakes.fake_hub import FakeHub


async def serve(url_file: Path) -> None:
    """Serve until a stop signal; the URL file appears (atomically) once the Hub answers."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with FakeHub() as hub:
        hub.add_user(
            "alice", fullname="Alice", models=["m1"], spaces=[{"name": "app", "stage": "PAUSED"}]
        )
        partial = url_file.with_name(url_file.name + ".partial")
        partial.write_text(hub.url + "\n", encoding="utf-8")
        os.replace(partial, url_file)
        await stop.wait()


def main() -> None:
    """`python -m tests.fakes.fake_hub_serve --url-file FILE`."""
    parser = argparse.ArgumentParser(description="Serve the fake Hub until stopped.")
    parser.add_argument("--url-file", type=Path, required=True, help="where to write the URL")
    asyncio.run(serve(parser.parse_args().url_file))


if __name__ == "__main__":
    main()
