"""What a person is told about a check: the verdict's sentences and the check queue. English;
each is also its gettext id (`bot.i18n.t` translates it when shown)."""

from __future__ import annotations

import math

from bot.i18n import Plural, nt, t

QUEUED = (
    "Many people are checking accounts right now, and the Hugging Face Hub only answers so many "
    "requests every few minutes. You are number {position} in the queue; your check should run "
    "in {minutes}. This message will show the result when it is ready. If that takes more "
    "than 15 minutes, the result comes by DM; or run /checkaccount again later: a finished check "
    "is answered at once."
)
QUEUED_NO_DM = (
    "Many people are checking accounts right now, and the Hugging Face Hub only answers so many "
    "requests every few minutes. You are number {position} in the queue; your check should run "
    "in {minutes}. This message will show the result if it is ready within 15 minutes. My "
    "last direct message to you did not arrive, so a later result cannot reach you by DM: open "
    "your DMs to this bot, or run /checkaccount again later (a finished check is answered at once)."
)
LATE_UNDELIVERED_TITLE = "A result that did not reach you"
LATE_UNDELIVERED = (
    "A check result of case {ref} was ready on {when}, but Discord no longer let me show it "
    "where you asked and my DM did not reach you. Run /checkaccount again: a finished check is "
    "answered at once."
)
ALREADY_QUEUED = (
    "Your check of `{account}` is still waiting (number {position} in the queue; it "
    "should run in {minutes}). It will answer where you asked it; there is no need to ask again."
)
RUNNING = "Your check is running now."
RESTARTING = (
    "The bot is restarting, so your check of `{account}` did not run. Please run /checkaccount "
    "again in a minute or two; your case and everything else you did are kept."
)
RESTARTED = (
    "The bot restarted while your check of `{account}` was waiting in the queue, so it did not "
    "run. Please run /checkaccount again; your case and everything else you did are kept."
)
LATE_DM = (
    "Your check of `{account}` is ready (it waited in the queue longer than Discord lets us "
    "edit the first answer)."
)
CLI_WAIT = "The Hub's request quota is used up for now: waiting {minutes} for the check..."


MINUTES = {"under": "less than a minute"}
ABOUT_MINUTES = Plural("about {count} minute", "about {count} minutes")

VERDICT = {
    "part_profile": "the profile page",
    "part_linked": "the linked repo",
    "linked_failed": "{name} could not be checked ({error}).",
    "no_answer": "no answer",
    "linked_unreachable": "{name} is not publicly reachable ({status})",
    "linked_disabled_by_hub": "{name} has been disabled by Hugging Face ({status}): its files "
    "cannot be downloaded now, and only Hugging Face support can help with it.",
    "linked_maybe": "{text}; it may be private, disabled, renamed or deleted.",
    "disabled": "disabled",
    "gated": "gated",
    "linked_reachable": "{name} is reachable.",
    "linked_reachable_details": "{name} is reachable ({details}).",
    "linked_error": 'Its error message: "{message}"',
    "incomplete": "Part of the check could not be done: {failures}.",
    "retry": "Retrying in a little while may help.",
    "answered": "What did answer: {seen}, so the account does not look deleted.",
    "not_deleted": "Does not look deleted: {seen}.",
    "profile_only": "Does not look deleted: the profile page is still reachable. It lists no "
    "public repos, so there is nothing public to copy; private repos, if any, need Hugging Face "
    "support.",
    "profile_status": " (the Hub answered HTTP {status} for the profile)",
    "not_visible": "Nothing is publicly visible for this account right now: no profile page"
    "{status} and no public repos. That can mean it is locked, renamed, made private or deleted, "
    "and only Hugging Face support can tell which. Please do not assume the data is gone.",
    "copyable": "Public files can most likely be copied right now; the backup plan lists the "
    "commands.",
    "copyable_others": "The account's other public files can most likely be copied right now; "
    "the backup plan lists the commands.",
    "token_refused": "The bot's own Hugging Face token was refused, so this check was made "
    "without it, the way anyone sees the account; this says nothing about your account.",
    "none_copyable": "None of the listed repos can be downloaded anonymously right now.",
    "seen": "{repos} are still reachable ({breakdown})",
    "seen_one": "{repos} is still reachable ({breakdown})",
    "seen_no_profile": "{seen}, although no profile page was found",
    "seen_profile": "the profile page is still reachable",
    "spaces": "{stopped} of its {total} Spaces are paused or disabled. People whose accounts "
    "were flagged have reported this same pattern; it does not tell why, and only Hugging Face "
    "support can confirm anything.",
}
"""The verdict of a check, in fragments joined by `bot.check.verdict`."""

VERDICT_COUNTS = {
    "gated_count": Plural(
        "{count} gated repo needs a logged-in account that accepted its conditions; a locked "
        "account's own token may be refused.",
        "{count} gated repos need a logged-in account that accepted their conditions; a locked "
        "account's own token may be refused.",
    ),
    "disabled_count": Plural(
        "{count} disabled repo: only Hugging Face support can help with it.",
        "{count} disabled repos: only Hugging Face support can help with them.",
    ),
}
"""The verdict's sentences that count repos."""

PART_LIST = {"model": "the model list", "dataset": "the dataset list", "space": "the Space list"}
"""A repo list that could not be fetched, inside "Part of the check could not be done: ..."."""

LINKED_NAME = {
    "model": "The linked model {id}",
    "dataset": "The linked dataset {id}",
    "space": "The linked Space {id}",
}
"""The repo a pasted link pointed to, at the start of a sentence."""

COUNTS = {
    "public": Plural("{count} public repo", "{count} public repos"),
    "model": Plural("{count} model", "{count} models"),
    "dataset": Plural("{count} dataset", "{count} datasets"),
    "space": Plural("{count} Space", "{count} Spaces"),
    "paused": Plural("{count} paused", "{count} paused"),
    "disabled": Plural("{count} disabled", "{count} disabled"),
    "gated": Plural("{count} gated", "{count} gated"),
}
"""Counts inside the check result ("14 public repos", "3 models incl. 1 gated", "10 Spaces:
8 paused"; `{count}` may be "1000+" when a list was cut)."""

SPACE_STAGES = {
    "NO_APP_FILE": "no application file",
    "CONFIG_ERROR": "configuration error",
    "BUILDING": "building",
    "BUILD_ERROR": "build error",
    "RUNNING": "running",
    "RUNNING_BUILDING": "running, rebuilding",
    "RUNTIME_ERROR": "runtime error",
    "DELETING": "being deleted",
    "STOPPED": "stopped",
    "PAUSED": "paused by its owner",
    "APP_STARTING": "starting",
    "RUNNING_APP_STARTING": "running, restarting",
    "SLEEPING": "sleeping",
    "": "unknown",
}
"""A Space's runtime stage as its page says it, by the Hub's code: huggingface_hub's
`SpaceStage` (_space_api.py) and SLEEPING, which the Hub sends though that enum lacks it
(hub-api.md); "" when the Hub gave none. Another code is shown as sent (`stages.stage_label`)."""

COUNT_WORDS = {
    "including": "{repos} incl. {notes}",
    "and": "{one} and {other}",
    "spaces_with": "{spaces}: {notes}",
    "space_disabled": "{stage} (disabled)",
    "error": "error: {message}",
}
"""How the counts are joined, a Space's state and its error note."""


def minutes(seconds: float) -> str:
    """A rough wait as a whole phrase: "less than a minute", "about 1 minute", "about N minutes"
    (each language's plural forms)."""
    if seconds < 60:
        return t(MINUTES["under"])
    count = math.ceil(seconds / 60)
    return nt(ABOUT_MINUTES, count)
