"""`check NAME` (is the account still publicly visible?) and `backup NAME` (commands and scripts
to copy its public repos) from the terminal. The report cache lives in the database, so it holds
across runs. Exit codes: 0 checked (any verdict), 1 incomplete or Hub unreachable, 2 bad input."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.accounts import InvalidAccount, parse_account
from bot.backup.plan import GATED_NEEDS, BackupPlan, build_backup_plan
from bot.check import wording
from bot.check.cache import ReportCache
from bot.check.flow import Asker, CheckFlow
from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem
from bot.check.queue import CheckQueue
from bot.check.repo_types import REPO_TYPES, RepoType
from bot.check.service import CheckService
from bot.check.stages import error_note, space_state
from bot.check.verdict import linked_repo_text
from bot.cli.database import run_on_database
from bot.cli.output import raw_stderr
from bot.clock import SystemClock
from bot.config import Settings
from bot.db import Database
from bot.hub.client import HubClient
from bot.hub.wording import TOKEN
from bot.i18n import number, t


def register(sub: Any) -> None:
    """Add the `check` and `backup` subcommands."""
    check = sub.add_parser("check", help="check whether a Hugging Face account is publicly visible")
    check.add_argument("name", help="account name, @name, profile link or repo link")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--fresh", action="store_true", help="ask the Hub even if a recent report exists"
    )
    check.set_defaults(handler=_check)
    backup = sub.add_parser("backup", help="print how to copy an account's public repos")
    backup.add_argument("name", help="account name, @name, profile link or repo link")
    backup.add_argument("--script", type=Path, metavar="FILE", help="write a Python backup script")
    backup.add_argument("--shell", type=Path, metavar="FILE", help="write a shell backup script")
    backup.add_argument(
        "--fresh", action="store_true", help="ask the Hub even if a recent report exists"
    )
    backup.add_argument(
        "--force", action="store_true", help="overwrite an existing --script/--shell file"
    )
    backup.set_defaults(handler=_backup)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    name = _name(args.name)
    if name is None:
        return 2
    report = _report(settings, name, fresh=args.fresh)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        _print_report(report, sys.stdout)
    return 0 if report.complete else 1


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    name = _name(args.name)
    if name is None:
        return 2
    targets = [(opt, path) for opt, path in (("--script", args.script), ("--shell", args.shell))]
    for option, path in targets:
        problem = path is not None and _unwritable(path, force=args.force)
        if problem:
            print(f"hf-support-bot: {option} {path}: {problem}", file=sys.stderr)
            return 2
    report = _report(settings, name, fresh=args.fresh)
    plan = build_backup_plan(report)
    _print_plan(report, plan, sys.stdout)
    texts = {"--script": plan.python_script, "--shell": plan.shell_script}
    for option, path in targets:
        if path is None:
            continue
        try:
            _write(path, texts[option], force=args.force)
        except OSError as exc:
            print(f"hf-support-bot: could not write {option} {path}: {exc}", file=sys.stderr)
            return 1
    return 0 if report.complete else 1


def _name(text: str) -> str | None:
    """`text` once it reads as an account (a repo link in it is kept for the check)."""
    try:
        parse_account(text)
    except InvalidAccount as exc:
        print(f"hf-support-bot: {exc}", file=sys.stderr)
        return None
    return text.strip()


def _report(settings: Settings, name: str, *, fresh: bool) -> AccountReport:
    return run_on_database(settings, lambda db: _run_check(db, settings, name, fresh=fresh))


async def _run_check(db: Database, settings: Settings, name: str, *, fresh: bool) -> AccountReport:
    """The check under the bot's rules (the Hub budget and the fair queue, here in one process);
    a wait for the budget is announced on standard error with its rough length."""
    async with HubClient(settings) as hub:
        service = CheckService(hub, ReportCache(db), settings)
        clock = SystemClock()
        queue = CheckQueue(service, hub.budget, clock)
        progress = _Progress(parse_account(name)) if raw_stderr().isatty() else None
        flow = CheckFlow(queue, clock)  # the bot's own flow; nothing kept in the database
        try:
            started = await flow.start(Asker(0), name, fresh=fresh, progress=progress)
            if started.wait is not None:
                print(wording.CLI_WAIT.format(minutes=started.wait.minutes), file=sys.stderr)
            report = await started.finish(_say)
            if report is None:  # the queue closed: only when the process is interrupted
                raise RuntimeError(started.said or "the check did not run")
            if hub.token.refused:  # one line, whatever the output format
                print(t(TOKEN["cli_refused"]), file=sys.stderr)
            return report
        finally:
            await queue.aclose()
            if progress is not None:
                progress.done()
            await service.aclose()  # finishes the cache write


async def _say(text: str) -> None:
    print(text, file=sys.stderr)


class _Progress:
    """A one-line progress indicator on stderr (only used when it is a terminal)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._counts: dict[str, int] = {}

    def __call__(self, part: str, listed: int) -> None:
        self._counts[part] = listed
        counts = ", ".join(f"{n} {p}" for p, n in self._counts.items())
        terminal = raw_stderr()  # own control codes; the name is a validated account name
        terminal.write(f"\rChecking {self._name}: {counts} listed so far…")
        terminal.flush()

    def done(self) -> None:
        if self._counts:
            terminal = raw_stderr()
            terminal.write("\r\033[K")
            terminal.flush()


def _print_report(report: AccountReport, out: TextIO) -> None:
    kind = {
        "user": "user",
        "organization": "organization",
        "not_found": "no profile found",
        "unknown": "profile could not be checked",
    }[report.kind]
    title = f"{report.account} ({kind})"
    if report.display_name:
        title += f": {report.display_name}"
    out.write(title + "\n")
    when = report.checked_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    source = f", from cache ({report.age_s:.0f} s old)" if report.cached else ""
    out.write(f"Checked {when} in {report.duration_s:.2f} s{source}\n")
    if report.linked_repo is not None:
        out.write(f"Linked repo: {linked_repo_text(report)}\n")
    if report.profile_status:
        out.write(f"Profile: not visible (HTTP {report.profile_status})\n")
    if report.profile_error is not None:
        out.write(f"Profile: could not check ({report.profile_error.message})\n")
    for repo_type, lst in report.repo_lists():
        _print_table(repo_type, lst, out)
    out.write(f"\nVerdict: {report.verdict.code.replace('_', ' ')}\n")
    out.write(report.verdict.explanation + "\n")


def _print_table(
    repo_type: RepoType, lst: RepoList[RepoItem] | RepoList[SpaceItem], out: TextIO
) -> None:
    stated = f" (profile states {lst.stated_total})" if lst.stated_total is not None else ""
    out.write(f"\n{REPO_TYPES[repo_type].label}: {lst.shown_count()}{stated}\n")
    if lst.error is not None:
        out.write(f"  could not list all of them: {lst.error.message}\n")
    rows: list[list[str]] = []
    errors: dict[int, str] = {}
    for item in lst.items:
        modified = item.last_modified.strftime("%Y-%m-%d") if item.last_modified else "-"
        row = [item.id, modified, _num(item.likes)]
        if isinstance(item, SpaceItem):
            row.append(space_state(item.stage, item.disabled))
            if item.error_message:
                errors[len(rows)] = error_note(item.error_message)
        else:
            row.append(_num(item.downloads))
            access = ["disabled"] if item.disabled else []
            access += [f"gated ({item.gated})"] if item.gated else []
            row.append(", ".join(access) or "-")
        rows.append(row)
    if not rows:
        return
    header = (
        ["id", "modified", "likes", "stage"]
        if repo_type == "space"
        else ["id", "modified", "likes", "downloads", "access"]
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line, row in enumerate([header, *rows]):
        out.write(
            "  "
            + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )
        if line - 1 in errors:
            out.write(f"    {errors[line - 1]}\n")


def _num(value: int | None) -> str:
    return "-" if value is None else number(value)


def _print_plan(report: AccountReport, plan: BackupPlan, out: TextIO) -> None:
    out.write(f"Backup plan for {plan.account}: {report.summary_line()}\n")
    out.write(f"Verdict: {report.verdict.explanation}\n")
    if plan.commands:
        out.write("\nCopy the public repos now (needs `pip install -U huggingface_hub`):\n")
        for command in plan.commands:
            out.write(f"  {command}\n")
    if plan.gated:
        out.write(f"\nGated repos: each {GATED_NEEDS}:\n")
        for gated in plan.gated:
            out.write(f"  {gated.command}\n")
    if plan.support_only:
        out.write("\nOnly Hugging Face support can help with these:\n")
        for repo in plan.support_only:
            out.write(f"  {repo.repo_type} {repo.id}: {repo.reason}\n")
    for note in [*plan.capped, *plan.notes]:
        out.write(f"\nNote: {note}\n")
    out.write("\nWhat can be recovered:\n")
    for item in plan.recovery:
        where = "copy now" if item.copy_now else "support only"
        out.write(f"  - {item.case} [{where}]: {item.expectation}\n")


def _unwritable(path: Path, *, force: bool) -> str | None:
    """Why a script may not be written to `path` (None when it may): never over anything but a
    regular file, and over one only with `--force`."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(mode):
        return "is not a regular file; name a new file"
    if not force:
        return "already exists; add --force to overwrite it"
    return None


def _write(path: Path, text: str, *, force: bool) -> None:
    """Write a script the person runs. A new file is made executable; an existing regular file
    (only with `force`) keeps its mode; a link, device or folder is never written through."""
    problem = _unwritable(path, force=force)
    if problem:
        raise OSError(problem)
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not os.path.lexists(path)
    flags = os.O_WRONLY | os.O_NOFOLLOW | (os.O_CREAT | os.O_EXCL if created else os.O_TRUNC)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        if not stat.S_ISREG(os.fstat(out.fileno()).st_mode):  # replaced since the check
            raise OSError("is not a regular file")
        out.write(text)
        if created:
            os.fchmod(out.fileno(), 0o755)
    print(f"Wrote {path}", file=sys.stderr)
