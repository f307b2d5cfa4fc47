"""What moderators read about a wave. English; each text but the chart's is also its gettext id
(`TEXTS`), translated when shown."""

from __future__ import annotations

from bot.i18n import Plural

ALERT_TITLE = "Lock wave: {new_cases} since {since}"
CLOSED = (
    "The lock wave that started {since} has subsided: {new_cases} in all, against about "
    "{usual} in a usual half hour."
)
ENDED = "This wave ended {when}."
NO_WAVE = "No lock wave so far: new cases arrive at their usual pace."
USUAL = Plural(
    "Usual pace: about {usual} new cases per {window} minute; the last {window} minute: {recent}.",
    "Usual pace: about {usual} new cases per {window} minutes; the last {window} minutes: {recent}.",
)  # the form follows the window, so no language writes "30 мин." after a number
LOCK_WORDING = "Most common lock message ({share} of those who quoted one): {text}"
NO_LOCK_WORDING = "No lock message quoted yet."
SPACES = "Accounts checked with a Space PAUSED or disabled: {with_spaces} of {checked}."
NO_SPACES = "None of these accounts has been checked yet."
HUB_NORMAL = "The Hugging Face Hub answers normally ({remaining} requests left in its window)."
HUB_LIMITED = (
    "The Hub's request quota is used up until {reset}: checks wait in a queue ({waiting} waiting)."
)
HUB_REFUSED = "The Hub refused {refused} requests since the bot started."
HUB_UNKNOWN = "Hub state: not known from here (only the running bot tracks it)."
PIN = (
    "Suggested message to pin: \"Many Hugging Face accounts were locked in the last hours; you "
    "are not alone. Run /checkaccount to see what of yours is still public, /backup to copy it, "
    "and /appeal for a calm email to the right address. Please do not open several tickets: one "
    "email is read as well as five.\""
)
SHARE = "{count} of {quoted}"
RESET = "{minutes} from now"
TEXTS = (
    ALERT_TITLE, CLOSED, ENDED, NO_WAVE, USUAL, LOCK_WORDING, NO_LOCK_WORDING, SPACES, NO_SPACES,
    HUB_NORMAL, HUB_LIMITED, HUB_REFUSED, HUB_UNKNOWN, PIN, SHARE, RESET,
)  # fmt: skip
"""What is translated (the chart's labels stay English: its font has no CJK glyphs)."""
CHART_TITLE = "New cases per 10 minutes"
CHART_LABEL = "new cases"
CHART_USUAL = "usual"
