"""The backup plan for an account: what can be copied now (commands and scripts for every public
repo seen by the check), what only Hugging Face support can help with, and what was left out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from pydantic import BaseModel

from bot.accounts import is_valid_name
from bot.backup.scripts import download_command, python_script, shell_script
from bot.check.models import AccountReport
from bot.check.repo_types import REPO_TYPES, RepoType
from bot.i18n import listing, t
from bot.knowledge import RecoveryExpectation, load_knowledge

BACKUP_ROOT = "hf-backup"
DISABLED_RECOVERY_ID = "deleted-disabled"  # the knowledge file's entry for disabled content
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class BackupRepo(BaseModel):
    """One repo to copy and the folder it goes to."""

    id: str
    repo_type: RepoType
    local_dir: str


class SupportOnlyRepo(BaseModel):
    """A repo that was seen but cannot be copied anonymously."""

    id: str
    repo_type: RepoType
    url: str
    reason: str


class GatedRepo(BaseModel):
    """A gated repo: its files need a logged-in account that accepted its conditions."""

    id: str
    repo_type: RepoType
    url: str
    gated: str
    local_dir: str
    command: str


GATED_NEEDS = (
    "needs a logged-in Hugging Face account that accepted the repo's conditions on its page "
    "(`hf auth login`, then the command); a locked account's own token may be refused"
)


class BackupPlan(BaseModel):
    """Everything `build_backup_plan` produces."""

    account: str
    generated_at: datetime
    repos: list[BackupRepo]
    commands: list[str]
    shell_script: str
    python_script: str
    support_only: list[SupportOnlyRepo]
    gated: list[GatedRepo] = []
    recovery: tuple[RecoveryExpectation, ...]
    capped: list[str]
    notes: list[str]


def build_backup_plan(report: AccountReport, *, now: datetime | None = None) -> BackupPlan:
    """The plan for `report`: one command per public repo, scripts, support-only items, the
    knowledge file's recovery expectations and notes on what the lists may have missed. `now`
    (the current UTC time by default) is when the scripts say they were generated."""
    account = report.account if is_valid_name(report.account) else safe_component(report.account)
    repos: list[BackupRepo] = []
    gated: list[GatedRepo] = []
    support_only: list[SupportOnlyRepo] = []
    used: set[str] = set()
    knowledge = load_knowledge()
    disabled_reason = _expectation(knowledge.recovery, DISABLED_RECOVERY_ID)
    for repo_type, lst in report.repo_lists():
        for item in lst.items:
            if item.disabled:
                support_only.append(
                    SupportOnlyRepo(
                        id=item.id,
                        repo_type=repo_type,
                        url=item.url,
                        reason=f"disabled: {disabled_reason}",
                    )
                )
                continue
            folder = _unique(
                f"{BACKUP_ROOT}/{account}/{REPO_TYPES[repo_type].plural}/"
                + safe_component(item.id.split("/", 1)[-1]),
                used,
            )
            repo = BackupRepo(id=item.id, repo_type=repo_type, local_dir=folder)
            if item.gated is not None:
                gated.append(
                    GatedRepo(
                        **repo.model_dump(),
                        url=item.url,
                        gated=item.gated,
                        command=download_command(repo),
                    )
                )
            else:
                repos.append(repo)
    generated_at = now or datetime.now(UTC)
    notes = [f"{g.id} ({g.repo_type}, gated): {GATED_NEEDS}." for g in gated]
    return BackupPlan(
        account=account,
        generated_at=generated_at,
        repos=repos,
        commands=[download_command(repo) for repo in repos],
        shell_script=shell_script(account, repos, generated_at, notes),
        python_script=python_script(account, repos, generated_at, notes),
        support_only=support_only,
        gated=gated,
        recovery=knowledge.recovery,
        capped=_capped_notes(report),
        notes=_notes(report),
    )


def _expectation(recovery: tuple[RecoveryExpectation, ...], recovery_id: str) -> str:
    """The knowledge file's expectation for one kind of data, as a lower-case clause."""
    for item in recovery:
        if item.id == recovery_id:
            return item.expectation[:1].lower() + item.expectation[1:].rstrip(".")
    raise KeyError(f"the knowledge file has no recovery entry {recovery_id!r}")


def safe_component(name: str) -> str:
    """`name` as one safe path component: only `A-Za-z0-9._-`, never `.`, `..` or hidden."""
    cleaned = _UNSAFE.sub("_", name).lstrip(".")
    return cleaned or "_"


def _unique(folder: str, used: set[str]) -> str:
    candidate, number = folder, 2
    while candidate.lower() in used:
        candidate, number = f"{folder}-{number}", number + 1
    used.add(candidate.lower())
    return candidate


NOTES = {
    "capped": "Only the first {count} {kind} were listed; the account has more{stated}. The "
    "others are not in this plan: add them by hand from the account page.",
    "stated": " (its profile states {total})",
    "incomplete": "The check was incomplete (could not check: {parts}), so this plan covers only "
    "what was listed. Run the check again later.",
    "none_copyable": "None of the listed repos can be downloaded anonymously right now.",
    "nothing": "No public repos were listed, so there is nothing to copy right now.",
}
"""The plan's notes for the person (in the current language, `bot.i18n.t`)."""


def _capped_notes(report: AccountReport) -> list[str]:
    notes = []
    for repo_type, lst in report.repo_lists():
        if lst.capped:
            stated = t(NOTES["stated"], total=lst.stated_total) if lst.stated_total else ""
            kind = REPO_TYPES[repo_type].many
            notes.append(t(NOTES["capped"], count=lst.count, kind=kind, stated=stated))
    return notes


def _notes(report: AccountReport) -> list[str]:
    notes = []
    if report.failed_parts():
        notes.append(t(NOTES["incomplete"], parts=listing(report.failed_parts())))
    if report.public_count and not report.copyable_count():
        notes.append(t(NOTES["none_copyable"]))
    if report.public_count == 0 and report.complete:
        notes.append(t(NOTES["nothing"]))
    return notes
