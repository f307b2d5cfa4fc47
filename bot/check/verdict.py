"""The verdict of an account check, in calm and plain words. It says what was seen, never why an
account was locked. The sentences are `bot.check.wording.VERDICT`'s, in the current language:
a report's verdict is built again wherever it is shown (`build_verdict` is pure)."""

from __future__ import annotations

from bot.check.models import AccountReport, Verdict
from bot.check.repo_types import REPO_TYPES
from bot.check.stages import is_paused, stage_label
from bot.check.wording import LINKED_NAME, PART_LIST, VERDICT_COUNTS
from bot.check.wording import VERDICT as W
from bot.i18n import listing, nt, t


def _part_name(name: str) -> str:
    if name == "profile":
        return t(W["part_profile"])
    if name == "linked repo":
        return t(W["part_linked"])
    kind = next((info.type for info in REPO_TYPES.values() if info.many == name), None)
    return t(PART_LIST[kind]) if kind else name


def build_verdict(report: AccountReport) -> Verdict:
    """`visible`, `not_visible` or `incomplete`, with an explanation for the person; what was
    seen of a linked repo comes first."""
    verdict = _account_verdict(report)
    verdict.explanation = _join(
        t(W["token_refused"]) if report.token_refused else "",
        linked_repo_text(report),
        verdict.explanation,
    )
    return verdict


def linked_repo_text(report: AccountReport) -> str:
    """One or two sentences on the repo a pasted link pointed to, or "" without one."""
    repo = report.linked_repo
    if repo is None:
        return ""
    name = t(LINKED_NAME[repo.type], id=repo.id)
    if repo.error is not None:
        return t(W["linked_failed"], name=name, error=repo.error.message)
    if not repo.reachable:
        status = f"HTTP {repo.status}" if repo.status else t(W["no_answer"])
        if repo.disabled:
            return t(W["linked_disabled_by_hub"], name=name, status=status)
        return t(W["linked_maybe"], text=t(W["linked_unreachable"], name=name, status=status))
    details = [stage_label(repo.stage)] if repo.stage else []
    if repo.disabled:
        details.append(t(W["disabled"]))
    if repo.gated:
        details.append(t(W["gated"]))
    if details:
        text = t(W["linked_reachable_details"], name=name, details=listing(details))
    else:
        text = t(W["linked_reachable"], name=name)
    if repo.error_message:
        text += " " + t(W["linked_error"], message=repo.error_message)
    return text


def _account_verdict(report: AccountReport) -> Verdict:
    seen = _what_was_seen(report)
    if not report.complete:
        errors = report.part_errors()
        failures = "; ".join(f"{_part_name(name)} ({error.message})" for name, error in errors)
        parts = [t(W["incomplete"], failures=failures)]
        if any(error.transient for _, error in errors):
            parts.append(t(W["retry"]))
        if seen:
            parts.append(t(W["answered"], seen=seen))
        return Verdict(code="incomplete", explanation=_join(*parts, _spaces_note(report)))
    if seen:
        if report.public_count:
            text = _join(t(W["not_deleted"], seen=seen), _copy_text(report))
        else:
            text = t(W["profile_only"])
        return Verdict(code="visible", explanation=_join(text, _spaces_note(report)))
    status = t(W["profile_status"], status=report.profile_status) if report.profile_status else ""
    return Verdict(code="not_visible", explanation=t(W["not_visible"], status=status))


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _copy_text(report: AccountReport) -> str:
    """What can be copied now, and what cannot (disabled, gated)."""
    gated, disabled = report.gated_repos(), report.disabled_repos()
    linked = report.linked_repo
    copyable = "copyable"
    if linked is not None and (not linked.reachable or linked.disabled or linked.gated):
        copyable = "copyable_others"  # never "public files" next to a repo that cannot be copied
    parts = [t(W[copyable] if report.copyable_count() else W["none_copyable"])]
    if gated:
        parts.append(nt(VERDICT_COUNTS["gated_count"], gated))
    if disabled:
        parts.append(nt(VERDICT_COUNTS["disabled_count"], disabled))
    return " ".join(parts)


def _what_was_seen(report: AccountReport) -> str:
    if report.public_count:
        capped = any(lst.capped for _, lst in report.repo_lists())
        one = report.public_count == 1 and not capped
        text = t(
            W["seen_one" if one else "seen"],
            repos=report.public_repos_text(),
            breakdown=report.breakdown(),
        )
        if report.kind == "not_found":
            text = t(W["seen_no_profile"], seen=text)
        return text
    return t(W["seen_profile"]) if report.profile_reachable else ""


def _spaces_note(report: AccountReport) -> str:
    total = report.spaces.count
    stopped = sum(1 for s in report.spaces.items if s.disabled or is_paused(s.stage))
    if not (stopped >= 2 and stopped == total) and not (stopped >= 3 and stopped >= 0.8 * total):
        return ""
    return t(W["spaces"], stopped=stopped, total=report.spaces.shown_count())
