"""The verdict of an account check, in calm and plain words. It says what was seen, never why an
account was locked."""

from __future__ import annotations

from bot.report import AccountReport, Verdict

_PART_NAMES = {
    "profile": "the profile page",
    "models": "the model list",
    "datasets": "the dataset list",
    "Spaces": "the Space list",
}


def build_verdict(report: AccountReport) -> Verdict:
    """`visible`, `not_visible` or `incomplete`, with an explanation for the person."""
    seen = _what_was_seen(report)
    if not report.complete:
        failures = "; ".join(
            f"{_PART_NAMES[name]} ({error.message})" for name, error in report.part_errors()
        )
        text = (
            f"Part of the check could not be done: {failures}. Retrying in a little while may help."
        )
        if seen:
            text += f" What did answer: {seen}, so the account does not look deleted."
        return Verdict(code="incomplete", explanation=text + _spaces_note(report))
    if seen:
        if report.public_count:
            text = (
                f"Does not look deleted: {seen}. Public files can most likely be copied right now; "
                "the backup plan lists the commands."
            )
        else:
            text = (
                "Does not look deleted: the profile page is still reachable. It lists no public "
                "repos, so there is nothing public to copy; private repos, if any, need Hugging "
                "Face support."
            )
        return Verdict(code="visible", explanation=text + _spaces_note(report))
    return Verdict(
        code="not_visible",
        explanation=(
            "Nothing is publicly visible for this account right now: no profile page and no "
            "public repos. That can mean it is locked, renamed, made private or deleted, and only "
            "Hugging Face support can tell which. Please do not assume the data is gone."
        ),
    )


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
    stopped = sum(
        1 for s in report.spaces.items if s.disabled or (s.stage or "").upper() == "PAUSED"
    )
    if not (stopped >= 2 and stopped == total) and not (stopped >= 3 and stopped >= 0.8 * total):
        return ""
    return (
        f" {stopped} of its {report.spaces.shown_count()} Spaces are paused or disabled. People "
        "whose accounts were flagged have reported this same pattern; it does not tell why, and "
        "only Hugging Face support can confirm anything."
    )
