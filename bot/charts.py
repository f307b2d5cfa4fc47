"""Small PNG charts for moderators (case statistics, lock waves), drawn with matplotlib's Agg
backend on a `Figure` of its own: no pyplot, no global state, safe to run in a worker thread.

The bot draws through `bot.chart_process.draw` (a child process), never in its own process. matplotlib is imported when a
chart is drawn, not when this module is imported. The numbers behind every chart must also be
given as text (screen readers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import Any

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.0, 100
_COLOURS = ("#3b82f6", "#22c55e", "#f59e0b", "#ef4444")


def _figure() -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    out = BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def bars_png(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    ylabel: str = "",
    baseline: float | None = None,
    baseline_label: str = "usual",
) -> bytes:
    """Grouped bars, one group per label and one bar per series; an optional dashed horizontal
    `baseline` (e.g. the usual rate)."""
    if any(len(values) != len(labels) for values in series.values()):
        raise ValueError("every series needs one value per label")
    figure = _figure()
    axes = figure.add_subplot()
    count = max(1, len(series))
    width = 0.8 / count
    for i, (name, values) in enumerate(series.items()):
        offsets = [x - 0.4 + width * (i + 0.5) for x in range(len(labels))]
        axes.bar(offsets, values, width=width, label=name, color=_COLOURS[i % len(_COLOURS)])
    if baseline is not None:
        axes.axhline(baseline, linestyle="--", color="#6b7280", label=baseline_label)
    step = max(1, len(labels) // 10)
    axes.set_xticks(range(0, len(labels), step), [labels[i] for i in range(0, len(labels), step)])
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    if len(series) > 1 or baseline is not None:
        axes.legend(loc="upper left")
    return _png(figure)


def histogram_png(title: str, values: Sequence[float], *, bins: int = 10, xlabel: str = "") -> bytes:
    """A histogram of `values` (an empty chart says "no data")."""
    figure = _figure()
    axes = figure.add_subplot()
    if values:
        axes.hist(values, bins=bins, color=_COLOURS[0])
    else:
        axes.text(0.5, 0.5, "no data yet", ha="center", va="center", transform=axes.transAxes)
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel("count")
    return _png(figure)


def combine_png(*charts: bytes) -> bytes:
    """Stack PNG charts vertically into one image (one attachment instead of several)."""
    import matplotlib.image as mpimg

    images = [mpimg.imread(BytesIO(chart), format="png") for chart in charts]
    figure = _figure()
    figure.set_size_inches(WIDTH_IN, HEIGHT_IN * len(images))
    for i, image in enumerate(images):
        axes = figure.add_subplot(len(images), 1, i + 1)
        axes.imshow(image)
        axes.set_axis_off()
    return _png(figure)
