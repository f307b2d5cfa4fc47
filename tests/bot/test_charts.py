import pytest

from bot.charts import bars_png, combine_png, histogram_png

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_bars_and_histogram_are_pngs_of_the_declared_size():
    bars = bars_png(
        "Cases per day", ["11-01", "11-02", "11-03"], {"opened": [3, 5, 1], "restored": [0, 1, 2]},
        ylabel="cases", baseline=2.0,
    )
    hist = histogram_png("Days to restoration", [1, 2, 2, 3, 8], bins=4, xlabel="days")
    empty = histogram_png("Days to restoration", [])
    for png in (bars, hist, empty):
        assert png.startswith(PNG)
        assert _size(png) == (800, 400)
    assert _size(combine_png(bars, hist)) == (800, 800)


def test_series_must_match_the_labels():
    with pytest.raises(ValueError):
        bars_png("x", ["a", "b"], {"s": [1.0]})


def test_no_matplotlib_at_import_time():
    import subprocess
    import sys

    code = "import sys, bot.charts; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
