"""The verdict of an account check, in calm and plain words. It says what was seen, never why an
account was locked."""

from __future__ import annotations

from bot.check.models import AccountReport, Verdict
from bot.check.repo_types import REPO_TYPES
from bot.check.stages import is_paused, stage_label

_PART_NAMES = {
    "profile": "the profile page",
    "linked repo": "the linked repo",
    **{info.many: f"the {info.one} list" for info in REPO_TYPES.values()},
}


def build_verdict(report: AccountReport) -> Verdict:
    """`visible`, `not_visible` or `incomplete`, with an explanation for the person; what was
    seen of a linked repo comes first."""
    verdict = _account_verdict(report)
    linked = linked_repo_text(report)
    if linked:
        verdict.explanation = f"{linked} {verdict.explanation}"
    return verdict


def linked_repo_text(report: AccountReport) -> str:
    """One or two sentences on the repo a pasted link pointed to, or "" without one."""
    repo = report.linked_repo
    if repo is None:
        return ""
    name = f"The linked {REPO_TYPES[repo.type].one} {repo.id}"
    if repo.error is not None:
        return f"{name} could not be checked ({repo.error.message})."
    if not repo.reachable:
        status = f"HTTP {repo.status}" if repo.status else "no answer"
        text = f"{name} is not publicly reachable ({status})"
        if repo.disabled:
            return text + ": it is disabled, and only Hugging Face support can help with it."
        return text + "; it may be private, disabled, renamed or deleted."
    details = [f"stage {stage_label(repo.stage)}"] if repo.stage else []
    if repo.disabled:
        details.append("disabled")
    if repo.gated:
        details.append("gated")
    text = f"{name} is reachable" + (f" ({', '.join(details)})" if details else "") + "."
    if repo.error_message:
        text += f' Its error message: "{repo.error_message}"'
    return text


def _account_verdict(report: AccountReport) -> Verdict:
    seen = _what_was_seen(report)
    if not report.complete:
        errors = report.part_errors()
        failures = "; ".join(f"{_PART_NAMES[name]} ({error.message})" for name, error in errors)
        text = f"Part of the check could not be done: {failures}."
        if any(error.transient for _, error in errors):
            text += " Retrying in a little while may help."
        if seen:
            text += f" What did answer: {seen}, so the account does not look deleted."
        return Verdict(code="incomplete", explanation=text + _spaces_note(report))
    if seen:
        if report.public_count:
            text = f"Does not look deleted: {seen}. " + _copy_text(report)
        else:
            text = (
                "Does not look deleted: the profile page is still reachable. It lists no public "
                "repos, so there is nothing public to copy; private repos, if any, need Hugging "
                "Face support."
            )
        return Verdict(code="visible", explanation=text + _spaces_note(report))
    status = (
        f" (the Hub answered HTTP {report.profile_status} for the profile)"
        if report.profile_status
        else ""
    )
    return Verdict(
        code="not_visible",
        explanation=(
            f"Nothing is publicly visible for this account right now: no profile page{status} "
            "and no public repos. That can mean it is locked, renamed, made private or deleted, "
            "and only Hugging Face support can tell which. Please do not assume the data is gone."
        ),
    )


def _copy_text(report: AccountReport) -> str:
    """What can be copied now, and what cannot (disabled, gated)."""
    copyable, gated, disabled = (
        report.copyable_count(),
        report.gated_repos(),
        report.disabled_repos(),
    )
    parts = []
    if copyable:
        parts.append(
            "Public files can most likely be copied right now; the backup plan lists the commands."
        )
    else:
        parts.append("None of the listed repos can be downloaded anonymously right now.")
    if gated:
        parts.append(
            f"{gated} gated repo(s) need a logged-in account that accepted their conditions; "
            "a locked account's own token may be refused."
        )
    if disabled:
        parts.append(f"{disabled} disabled repo(s): only Hugging Face support can help with them.")
    return " ".join(parts)


def _what_was_seen(report: AccountReport) -> str:
    if report.public_count:
        capped = any(lst.capped for _, lst in report.repo_lists())
        verb = "is" if report.public_count == 1 and not capped else "are"
        text = f"{report.public_repos_text()} {verb} still reachable ({report.breakdown()})"
        if report.kind == "not_found":
            text += ", although no profile page was found"
        return text
    return "the profile page is still reachable" if report.profile_reachable else ""


def _spaces_note(report: AccountReport) -> str:
    total = report.spaces.count
    stopped = sum(1 for s in report.spaces.items if s.disabled or is_paused(s.stage))
    if not (stopped >= 2 and stopped == total) and not (stopped >= 3 and stopped >= 0.8 * total):
        return ""
    return (
        f" {stopped} of its {report.spaces.shown_count()} Spaces are paused or disabled. People "
        "whose accounts were flagged have reported this same pattern; it does not tell why, and "
        "only Hugging Face support can confirm anything."
    )
