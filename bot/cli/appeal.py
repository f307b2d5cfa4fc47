"""`appeal`: print the routing advice and a ready-to-send appeal email (or its `mailto:` link).

Works offline: no Hub request is made. When an earlier `check` stored a report of the account in
the database, the email gets its one-line summary of what is still public.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from datetime import UTC, date, datetime
from typing import Any

from bot.appeal.draft import AppealDraft, draft_appeal
from bot.appeal.inputs import AppealInput, AppealInputError
from bot.check.cache import ReportCache
from bot.cli.database import one_line, run_on_database
from bot.config import Settings
from bot.db import DatabaseUnavailable
from bot.knowledge import KnowledgeError, load_knowledge

_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(sub: Any) -> None:
    """Add the `appeal` subcommand."""
    parser = sub.add_parser(
        "appeal",
        help="draft the email asking Hugging Face to review a locked account",
        description="Draft a calm, factual email to the right Hugging Face address, with what "
        "to do next. Nothing is sent and no email address is asked for.",
    )
    parser.add_argument("account", metavar="NAME", help="account name, @name or profile link")
    parser.add_argument("--lock-message", default="", help="the exact text of the lock message")
    parser.add_argument(
        "--link", action="append", default=[], metavar="URL", help="affected Space/repo (repeat)"
    )
    parser.add_argument("--activity", default="", help="what you did shortly before the lock")
    parser.add_argument(
        "--signal",
        action="append",
        default=[],
        metavar="ID",
        help="activity to mention, e.g. duplicated-space, automation, keep-alive (repeat)",
    )
    parser.add_argument(
        "--contacted",
        action="append",
        default=[],
        metavar="WHO[:YYYY-MM-DD]",
        help="an address already written to (safety, website, legal or an email), and when",
    )
    parser.add_argument(
        "--formal", action="store_true", help="formally contest a moderation decision"
    )
    parser.add_argument(
        "--mailto", action="store_true", help="print only a ready mailto: link to open"
    )
    parser.set_defaults(handler=_appeal)


def parse_contacted(values: list[str]) -> dict[str, date | None]:
    """`safety`, `safety:2026-11-20` or `name@example.org:2026-11-20` → `{who: date or None}`.
    Whatever follows the last `:` is the date and must be `YYYY-MM-DD`."""
    out: dict[str, date | None] = {}
    for value in values:
        who, colon, when = value.strip().rpartition(":")
        if not colon:
            out[when] = None
            continue
        when = when.strip()
        if not _DATE_SHAPE.fullmatch(when):
            raise AppealInputError(
                f"contacted: the date after ':' must be YYYY-MM-DD, like 2026-11-20, "
                f"not {when[:40]!r}"
            )
        try:
            out[who.strip()] = date.fromisoformat(when)
        except ValueError:
            raise AppealInputError(f"contacted: {when!r} is not a real date") from None
    return out


def _appeal(args: argparse.Namespace, settings: Settings) -> int:
    try:
        knowledge = load_knowledge()
        inp = AppealInput.parse(
            {
                "account": args.account,
                "lock_message": args.lock_message,
                "links": args.link,
                "activity": args.activity,
                "signals": args.signal,
                "contacted": parse_contacted(args.contacted),
                "formal": args.formal,
            },
            knowledge=knowledge,
        )
    except (AppealInputError, KnowledgeError) as exc:
        print(f"hf-support-bot appeal: {exc}", file=sys.stderr)
        return 2
    summary: str | None = None
    unreadable: str | None = None
    try:
        summary = stored_summary(settings, inp.account)
    except (DatabaseUnavailable, sqlite3.Error) as exc:
        unreadable = one_line(exc)
    draft = draft_appeal(
        inp,
        knowledge=knowledge,
        followup_days=settings.followup_days,
        today=_today(),
        report_summary=summary,
    )
    for warning in draft.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(draft.mailto() if args.mailto else render(draft))
    if unreadable is not None:  # the draft is still useful; say what it lacks, in one line
        print(
            f"hf-support-bot appeal: drafted without the stored check's summary: {unreadable}",
            file=sys.stderr,
        )
        return 1
    return 0


def stored_summary(settings: Settings, account: str) -> str | None:
    """The summary line of the last stored check of `account`, if any (reads the report cache
    only: no Hub request)."""
    if not settings.database_path.exists():
        return None
    report = run_on_database(settings, lambda db: ReportCache(db).latest(account), readonly=True)
    return report.summary_line() if report else None


def _today() -> date:
    return datetime.now(UTC).date()


def render(draft: AppealDraft) -> str:
    """The draft as terminal text: routing advice, the email, then the checklist."""
    when = draft.send_after.isoformat() if draft.send_after else "now"
    lines = [
        f"To:        {draft.to}",
        f"Send:      {when}",
        f"Why:       {draft.why}",
        f"Next step: {draft.next_step}",
        "",
        f"Subject: {draft.subject}",
        "",
        draft.body.rstrip("\n"),
        "",
        "Before sending:",
        *(f"- {item}" for item in draft.checklist),
    ]
    return "\n".join(lines)
