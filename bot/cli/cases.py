"""`cases`: look up, annotate and move cases from the terminal. Whoever holds the database file
sees every case (`Scope.everything()`), of every server, unassigned ones too."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.cases.export import export_cases
from bot.cases.models import Case, CaseError, CaseStatus
from bot.cases.rows import MAX_CASE_ID, MAX_LIST_LIMIT
from bot.cases.scope import HOME, UNASSIGNED, Scope
from bot.cases.store import CaseStore
from bot.cli.database import run_on_database
from bot.cli.followups import register_followups
from bot.cli.options import list_limit
from bot.cli.transcript import register_transcript
from bot.config import Settings

Action = Callable[[CaseStore, argparse.Namespace], Awaitable[int]]
ALL = Scope.everything()


def _id(text: str) -> int:
    """A case, user or Discord id: a whole number SQLite can store."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if not 0 < value <= MAX_CASE_ID:
        raise argparse.ArgumentTypeError(f"{text[:40]} is not an id (1 to {MAX_CASE_ID})")
    return value


def register(sub: Any) -> None:
    """Add `cases` with its own subcommands."""
    cases = sub.add_parser("cases", help="look up and manage support cases")
    actions = cases.add_subparsers(dest="action", metavar="ACTION", required=True)

    ls = actions.add_parser("list", help="cases, newest first")
    ls.add_argument("--status", choices=[s.value for s in CaseStatus])
    ls.add_argument("--user", type=_id, help="Discord user id")
    ls.add_argument("--account", help="Hugging Face account")
    ls.add_argument("--limit", type=list_limit, default=20, help=f"1 to {MAX_LIST_LIMIT} (default 20)")
    ls.add_argument("--before", type=_id, help="show cases older than this id (next page)")
    ls.set_defaults(handler=_handler(_list, readonly=True))

    show = actions.add_parser("show", help="one case with its timeline")
    show.add_argument("case_id", type=_id)
    show.set_defaults(handler=_handler(_show, readonly=True))

    note = actions.add_parser("note", help="add a note to a case")
    note.add_argument("case_id", type=_id)
    note.add_argument("text")
    note.set_defaults(handler=_handler(_note))

    status = actions.add_parser("status", help="move a case to another status")
    status.add_argument("case_id", type=_id)
    status.add_argument("status", choices=[s.value for s in CaseStatus])
    status.add_argument("--reason")
    status.set_defaults(handler=_handler(_status))

    export = actions.add_parser("export", help="all cases as CSV or JSON")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--status", choices=[s.value for s in CaseStatus])
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=_handler(_export, readonly=True))

    wave = actions.add_parser("wave", help="the current or last lock wave, with its figures")
    wave.add_argument("--chart", type=Path, metavar="FILE", help="write its chart as PNG")
    wave.set_defaults(handler=_wave_handler)

    forget = actions.add_parser("forget", help="erase everything stored about a Discord user")
    forget.add_argument("user_id", type=_id)
    forget.add_argument("--yes", action="store_true", help="confirm the erasure")
    forget.set_defaults(handler=_handler(_forget))

    claim = actions.add_parser(
        "claim",
        help="hand unassigned cases (from before servers were told apart) to the home server",
    )
    which = claim.add_mutually_exclusive_group(required=True)
    which.add_argument("case_ids", type=_id, nargs="*", default=[], metavar="CASE_ID")
    which.add_argument("--all", action="store_true", help="every unassigned case")
    claim.set_defaults(handler=_handler(_claim))
    register_followups(actions, _handler)
    register_transcript(actions, _handler, _id)


def _handler(
    action: Action, *, readonly: bool = False
) -> Callable[[argparse.Namespace, Settings], int]:
    """Run `action` on the case store; `readonly` actions open an existing file read-only."""

    def run(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return run_on_database(
                settings, lambda db: action(CaseStore(db), args), readonly=readonly
            )
        except CaseError as exc:
            print(f"hf-support-bot: {exc}", file=sys.stderr)
            return 2

    return run


def _line(case: Case) -> str:
    return (
        f"{case.ref:>7}  {case.status.value:<13}  {case.hf_account:<24}  "
        f"user {case.discord_user_id}  updated {case.updated_at:%Y-%m-%dT%H:%M:%S}Z"
    )


async def _list(store: CaseStore, args: argparse.Namespace) -> int:
    cases = await store.list_cases(
        ALL,
        status=args.status,
        discord_user_id=args.user,
        hf_account=args.account,
        limit=args.limit,
        before_id=args.before,
    )
    if not cases:
        print("No cases match.")
        return 0
    for case in cases:
        print(_line(case))
    if len(cases) == args.limit:
        print(f"(more may follow: --before {cases[-1].id})")
    return 0


async def _show(store: CaseStore, args: argparse.Namespace) -> int:
    case = await store.require_case(args.case_id, ALL)
    print(_line(case))
    print(
        f"  {case.status_label}, opened {case.created_at:%Y-%m-%dT%H:%M:%S}Z  guild {case.guild_id or '-'}"
    )
    print(f"  handled by {_owner(case.owner)}")
    for event in await store.events(case.id):
        actor = f"by {event.actor_id}" if event.actor_id else ""
        detail = ", ".join(f"{k}={v}" for k, v in sorted(event.payload.items()))
        print(
            f"  {event.created_at:%Y-%m-%dT%H:%M:%S}Z  {event.kind.value:<15} {actor:<24} {detail}"
        )
    return 0


def _owner(owner: int) -> str:
    """Who handles a case, as the terminal shows it."""
    if owner == HOME:
        return "the home server"
    if owner == UNASSIGNED:
        return "nobody yet (unassigned: cases claim)"
    return f"server {owner}"


async def _note(store: CaseStore, args: argparse.Namespace) -> int:
    case = await store.require_case(args.case_id, ALL)
    await store.add_note(case.id, None, args.text, ALL)
    print(f"Note added to {case.ref}.")
    return 0


async def _status(store: CaseStore, args: argparse.Namespace) -> int:
    case = await store.set_status(
        args.case_id, args.status, None, scope=ALL, reason=args.reason, moderator=True
    )
    print(f"{case.ref} is now {case.status_label} ({case.status.value}).")
    return 0


async def _export(store: CaseStore, args: argparse.Namespace) -> int:
    text = await export_cases(store, ALL, args.format, status=args.status)
    if args.output:
        if args.output.is_dir():
            print(
                f"hf-support-bot: --output {args.output} is a folder; name a file", file=sys.stderr
            )
            return 2
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"hf-support-bot: cannot write --output {args.output}: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


async def _forget(store: CaseStore, args: argparse.Namespace) -> int:
    if not args.yes:
        print(
            f"hf-support-bot: this erases every case of user {args.user_id}; "
            "run again with --yes to confirm",
            file=sys.stderr,
        )
        return 2
    report = await store.delete_user_data(args.user_id, ALL)
    print(
        f"Erased {report.cases} case(s) and {report.events} event(s) of user {args.user_id}; "
        f"removed their id from {report.events_anonymised} other event(s)."
    )
    return 0


async def _claim(store: CaseStore, args: argparse.Namespace) -> int:
    ids = await store.claim_unassigned(None if args.all else args.case_ids)
    if not ids:
        print("No unassigned case matched; nothing changed.")
        return 0
    listed = ", ".join(f"#{i}" for i in ids)
    print(f"Handed {len(ids)} case(s) to the home server: {listed}.")
    return 0


def _wave_handler(args: argparse.Namespace, settings: Settings) -> int:
    """`cases wave`: what `/case wave` shows (the Hub state is known only to the running bot)."""
    from bot.cli.waves import show_wave

    return run_on_database(
        settings, lambda db: show_wave(db, settings, args.chart), readonly=args.chart is None
    )
