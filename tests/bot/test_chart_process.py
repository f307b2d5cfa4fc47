"""Charts are drawn in a child process: the PNG comes back whole and matplotlib never enters the
calling process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.chart_process import ChartError, draw
from bot.charts import bars_png

PNG = b"\x89PNG\r\n\x1a\n"

CHILD = """
import asyncio, sys
from bot.chart_process import draw
from bot.charts import bars_png
png = asyncio.run(draw(bars_png, "Arrivals", ["10:00", "10:10"], {"cases": [1.0, 4.0]}))
assert png.startswith(b"\\x89PNG"), png[:20]
assert int.from_bytes(png[16:20], "big") == 800
sys.exit(3 if "matplotlib" in sys.modules else 0)
"""


def test_matplotlib_stays_out_of_the_drawing_process() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], check=False, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


async def test_the_png_is_the_same_as_drawn_here() -> None:
    args = ("Cases", ["a", "b", "c"], {"opened": [3.0, 5.0, 1.0]})
    png = await draw(bars_png, *args)
    assert png.startswith(PNG)
    assert png == bars_png(*args)  # same bytes as drawn in-process (no timestamps in metadata)


async def test_a_failing_chart_is_an_error_not_an_empty_png() -> None:
    with pytest.raises(ChartError, match="exited with 1"):
        await draw(bars_png, "x", ["a", "b"], {"s": [1.0]})
