"""Charts drawn in a short-lived child process, so matplotlib (about +45 MB resident, never given
back) is never imported into the bot. The parent sends the chart function and its arguments
(pickled, between our own processes only) on stdin; the child writes the PNG to stdout and exits.

Use: `png = await draw(stats_chart_png, stats)`; `python -m bot.chart_process` is the child.
"""

from __future__ import annotations

import asyncio
import importlib
import pickle
import sys
from collections.abc import Callable
from typing import Any


class ChartError(RuntimeError):
    """The child process could not draw the chart."""


async def draw(func: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """`func(*args, **kwargs)` run in a fresh `python -m bot.chart_process`; the PNG it returned."""
    request = pickle.dumps((func.__module__, func.__qualname__, args, kwargs))
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.chart_process",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    png, errors = await child.communicate(request)
    if child.returncode != 0:
        last = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise ChartError(f"chart process exited with {child.returncode}: {last[0]}")
    return png


def main() -> None:
    """The child: read one request on stdin, write the PNG on stdout."""
    # only our own parent writes to this stdin (see `draw`)
    module, name, args, kwargs = pickle.loads(sys.stdin.buffer.read())  # noqa: S301
    func = getattr(importlib.import_module(module), name)
    sys.stdout.buffer.write(func(*args, **kwargs))


if __name__ == "__main__":
    main()
