"""The figures of a wave, from the database: arrivals, the most common lock wording, Spaces
PAUSED or disabled among checked accounts; and the text and chart built from them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import ValidationError

from bot.check.models import AccountReport
from bot.check.wording import minutes
from bot.db import Database
from bot.hub.budget import BudgetState
from bot.i18n import nt, number, t
from bot.waves import wording
from bot.waves.detector import Rate, WaveRule, WaveState, rate_of

WAVE_KEY = "lock_wave"  # meta key of the current or last wave
BIN = timedelta(minutes=10)


async def arrivals(db: Database, since: datetime) -> list[datetime]:
    """Creation times of cases opened since `since`, sorted."""
    rows = await db.fetchall(
        "SELECT created_at FROM cases WHERE created_at >= ? ORDER BY created_at",
        (since.isoformat(),),
    )
    return [datetime.fromisoformat(row["created_at"]) for row in rows]


async def current_rate(db: Database, now: datetime, rule: WaveRule) -> Rate:
    """The arrival rate at `now`, counted in SQLite (the index on cases is not needed: a few
    thousand rows a week at most are scanned by created_at)."""
    window_from = (now - timedelta(seconds=rule.window_s)).isoformat()
    base_from = (now - timedelta(days=rule.baseline_days)).isoformat()
    row = await db.fetchone(
        "SELECT SUM(created_at > ? AND created_at <= ?) AS recent, "
        "SUM(created_at >= ? AND created_at <= ?) AS before, "
        "MIN(CASE WHEN created_at > ? AND created_at <= ? THEN created_at END) AS first "
        "FROM cases WHERE created_at >= ?",
        (window_from, now.isoformat(), base_from, window_from, window_from, now.isoformat(),
         base_from),
    )
    recent = int(row["recent"] or 0) if row else 0
    before = int(row["before"] or 0) if row else 0
    first = datetime.fromisoformat(row["first"]) if row and row["first"] else None
    return rate_of(recent, before, first, rule)


async def load_state(db: Database) -> WaveState | None:
    """The stored wave, if any."""
    row = await db.fetchone("SELECT value FROM meta WHERE key = ?", (WAVE_KEY,))
    if row is None:
        return None
    try:
        return WaveState.model_validate_json(row["value"])
    except ValidationError:
        return None


async def save_state(db: Database, state: WaveState) -> None:
    """Store the wave."""
    async with db.write() as conn:
        await conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (WAVE_KEY, state.model_dump_json()),
        )


@dataclass
class WaveFigures:
    """What a wave's cases share."""

    count: int
    since: datetime
    bins: list[tuple[datetime, int]]
    usual_per_bin: float
    lock_wording: tuple[str, int, int] | None  # text, how many quoted it, how many quoted any
    checked: int = 0
    with_spaces: int = 0
    notes: list[str] = field(default_factory=list)


async def figures(db: Database, wave: WaveState, now: datetime, rule: WaveRule) -> WaveFigures:
    """The figures of `wave` up to `now` (or its end)."""
    end = wave.ended_at or now
    start = wave.started_at
    rows = await db.fetchall(
        "SELECT id, hf_account, created_at FROM cases WHERE created_at >= ? AND created_at <= ?",
        (start.isoformat(), end.isoformat()),
    )
    chart_from = start - timedelta(hours=1)
    times = await arrivals(db, chart_from)
    bins: list[tuple[datetime, int]] = []
    edge = chart_from
    while edge < end:
        bins.append((edge, sum(1 for t in times if edge <= t < edge + BIN and t <= end)))
        edge += BIN
    ids = [row["id"] for row in rows]
    wording_count: Counter[str] = Counter()
    original: dict[str, str] = {}
    quoted = 0
    if ids:
        marks = ",".join("?" * len(ids))
        events = await db.fetchall(
            f"SELECT payload FROM events WHERE kind = 'appeal_drafted' AND case_id IN ({marks})",
            ids,
        )
        for event in events:
            text = str(json.loads(event["payload"]).get("lock_message") or "").strip()
            if text:
                key = " ".join(text.lower().split())
                wording_count[key] += 1
                original.setdefault(key, text)
                quoted += 1
    top = wording_count.most_common(1)
    lock = (original[top[0][0]], top[0][1], quoted) if top else None
    result = WaveFigures(
        count=len(rows),
        since=start,
        bins=bins,
        usual_per_bin=wave.usual * BIN.total_seconds() / rule.window_s,
        lock_wording=lock,
    )
    for account in {row["hf_account"].lower() for row in rows}:
        stored = await db.fetchone(
            "SELECT report FROM account_reports WHERE account_key = ?", (account,)
        )
        if stored is None:
            continue
        try:
            report = AccountReport.model_validate_json(stored["report"])
        except ValidationError:
            continue
        result.checked += 1
        if any(s.stage == "PAUSED" or s.disabled for s in report.spaces.items):
            result.with_spaces += 1
    return result


def describe(
    figs: WaveFigures,
    wave: WaveState,
    rule: WaveRule,
    *,
    hub: BudgetState | None,
    waiting: int = 0,
    recent: int | None = None,
    quote: Callable[[str], str] = lambda text: f"“{text[:300]}”",
) -> tuple[str, str]:
    """A title and body for an alert or `/case wave`; `quote` shows the lock text people typed
    (Discord passes one that escapes Markdown and masked links)."""
    title = t(wording.ALERT_TITLE, new_cases=figs.count, since=when_text(figs.since))
    lines = []
    if recent is not None:
        window = round(rule.window_s / 60)
        lines.append(nt(wording.USUAL, window, usual=_num(wave.usual), window=window, recent=recent))
    if figs.lock_wording is None:
        lines.append(t(wording.NO_LOCK_WORDING))
    else:
        text, count, quoted = figs.lock_wording
        share = t(wording.SHARE, count=count, quoted=quoted)
        lines.append(t(wording.LOCK_WORDING, share=share, text=quote(text)))
    if figs.checked:
        lines.append(t(wording.SPACES, with_spaces=figs.with_spaces, checked=figs.checked))
    else:
        lines.append(t(wording.NO_SPACES))
    if hub is None:
        lines.append(t(wording.HUB_UNKNOWN))
    elif hub.limited and hub.reset_in_s is not None:
        reset = t(wording.RESET, minutes=minutes(hub.reset_in_s))
        lines.append(t(wording.HUB_LIMITED, reset=reset, waiting=waiting))
    else:
        lines.append(t(wording.HUB_NORMAL, remaining=hub.remaining))
    if hub is not None and hub.refused:
        lines.append(t(wording.HUB_REFUSED, refused=hub.refused))
    lines.append(t(wording.PIN))
    return title, "\n".join(lines)


def chart(figs: WaveFigures) -> bytes:
    """Arrivals per 10 minutes against the usual rate (draw it in a child: `bot.chart_process.draw`)."""
    from bot.charts import bars_png

    labels = [start.strftime("%H:%M") for start, _ in figs.bins]
    return bars_png(
        wording.CHART_TITLE,
        labels,
        {wording.CHART_LABEL: [count for _, count in figs.bins]},
        ylabel=wording.CHART_LABEL,
        baseline=figs.usual_per_bin,
        baseline_label=wording.CHART_USUAL,
    )


def when_text(moment: datetime) -> str:
    """A moment of a wave as moderators read it."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _num(value: float) -> str:
    return number(round(value, 1) if value < 10 else round(value))
