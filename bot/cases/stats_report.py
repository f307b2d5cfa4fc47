"""Case statistics as people read them: the text (every figure of the chart too, for screen
readers), the one PNG chart, and the line `/precedents` shows. All wording is in `WORDS`."""

from __future__ import annotations

from bot.cases.models import STATUS_LABELS, CaseStatus
from bot.cases.outcomes import OUTCOME_LABELS, Outcome
from bot.cases.stats import CHART_DAYS, DAYS_CAP, CaseStats, Times
from bot.charts import bars_png, combine_png
from bot.i18n import gettext, t

MIN_LOCAL_OUTCOMES = 5  # never fewer: a smaller count could point at one person

WORDS: dict[str, str] = {
    "title_server": "Case statistics of this server",
    "title_all": "Case statistics of every server",
    "as_of": "As of {when} UTC.",
    "status": "Cases by status: {items}.",
    "open_age": "Open cases by age: {items}.",
    "times": "Days from first email to restoration: median {median}, 90th percentile {p90} "
    "({n} restored with a first email noted).",
    "no_times": "Days from first email to restoration: no restored case with a first email yet.",
    "by_address": "By first address written to: {items}.",
    "address_item": "{address}: median {median}, 90th percentile {p90} ({n})",
    "outcomes": "Outcomes: {items}.",
    "reminders": "Follow-up reminders sent: {sent}; followed by a reply: {replied}.",
    "per_day": "Last {days}, opened / restored per day: {items}.",
    "spread": "Restorations by days taken: {items}.",
    "none": "none",
    "chart_daily": "Cases opened and restored per day, last {days} days",
    "chart_spread": "Days from first email to restoration",
    "opened": "opened",
    "restored": "restored",
    "local_title": "In this server",
    "local": "Here, {n} people got their account back, after a median of {median_days} from "
    "their first email.",
}


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _items(pairs: list[str]) -> str:
    return "; ".join(pairs) if pairs else t(WORDS["none"])


def stats_lines(stats: CaseStats) -> list[str]:
    """The statistics as sentences, one figure group per line."""
    lines = [t(WORDS["as_of"], when=f"{stats.as_of:%Y-%m-%d %H:%M}")]
    statuses = [
        f"{gettext(STATUS_LABELS[s])} {stats.by_status.get(s.value, 0)}" for s in CaseStatus
    ]
    lines.append(t(WORDS["status"], items=_items(statuses)))
    ages = [f"{label} {n}" for label, n in stats.open_by_age.items()]
    lines.append(t(WORDS["open_age"], items=_items(ages)))
    lines.append(_times_line(stats.restoration))
    addresses = [
        t(
            WORDS["address_item"],
            address=address,
            median=_days(x.median_days),
            p90=_days(x.p90_days),
            n=x.restored,
        )
        for address, x in sorted(stats.by_first_address.items())
    ]
    lines.append(t(WORDS["by_address"], items=_items(addresses)))
    outcomes = [f"{gettext(OUTCOME_LABELS[o])} {stats.outcomes.get(o.value, 0)}" for o in Outcome]
    lines.append(t(WORDS["outcomes"], items=_items(outcomes)))
    lines.append(
        t(WORDS["reminders"], sent=stats.reminders_sent, replied=stats.reminders_led_to_reply)
    )
    daily = [
        f"{day[5:]} {opened}/{stats.restored_per_day.get(day, 0)}"
        for day, opened in stats.opened_per_day.items()
        if opened or stats.restored_per_day.get(day, 0)
    ]
    lines.append(t(WORDS["per_day"], days=CHART_DAYS, items=_items(daily)))
    spread = [
        f"{day}{'+' if day == DAYS_CAP else ''} d: {n}"
        for day, n in sorted(stats.days_to_restore.items())
    ]
    lines.append(t(WORDS["spread"], items=_items(spread)))
    return lines


def _times_line(times: Times) -> str:
    if not times.restored:
        return t(WORDS["no_times"])
    return t(
        WORDS["times"], median=_days(times.median_days), p90=_days(times.p90_days), n=times.restored
    )


def stats_chart_png(stats: CaseStats) -> bytes:
    """One PNG: opened and restored per day, over the distribution of days to restoration.
    Draw it in a child process: `await draw(stats_chart_png, stats)`."""
    days = list(stats.opened_per_day)
    daily = bars_png(
        WORDS["chart_daily"].format(days=CHART_DAYS),
        [d[5:] for d in days],
        {
            WORDS["opened"]: [stats.opened_per_day[d] for d in days],
            WORDS["restored"]: [stats.restored_per_day.get(d, 0) for d in days],
        },
        ylabel="cases",
    )
    buckets = list(range(DAYS_CAP + 1))
    last = max(stats.days_to_restore, default=0)
    shown = buckets[: max(last, 10) + 1]
    spread = bars_png(
        WORDS["chart_spread"],
        [f"{d}+" if d == DAYS_CAP else str(d) for d in shown],
        {WORDS["restored"]: [stats.days_to_restore.get(d, 0) for d in shown]},
        ylabel="cases",
    )
    return combine_png(daily, spread)


def local_outcome_line(times: Times) -> str | None:
    """`/precedents`' line about this server's own restorations, only with at least
    `MIN_LOCAL_OUTCOMES` of them (nothing that could point at a person)."""
    if times.restored < MIN_LOCAL_OUTCOMES or times.median_days is None:
        return None
    return t(WORDS["local"], n=times.restored, median_days=round(times.median_days))
