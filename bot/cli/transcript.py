"""`cases transcript ID --html FILE`: a case with its timeline and DM conversation as one
self-contained HTML page (see `bot.conversations.transcript`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.conversations.store import ConversationStore
from bot.conversations.transcript import case_transcript


def register_transcript(actions: Any, handler: Callable[..., Any], case_id: Any) -> None:
    """Add `transcript` to the `cases` subcommands (`handler` wraps an action, `case_id` parses
    an id)."""
    parser = actions.add_parser("transcript", help="one case as a self-contained HTML page")
    parser.add_argument("case_id", type=case_id)
    parser.add_argument("--html", type=Path, required=True, metavar="FILE", help="file to write")
    parser.set_defaults(handler=handler(_transcript, readonly=True))


async def _transcript(store: CaseStore, args: argparse.Namespace) -> int:
    talks = ConversationStore(store.db, clock=store.clock)
    page = await case_transcript(
        store, talks, args.case_id, Scope.everything(), now=store.clock.now()
    )
    return _write(args.html, page)


def _write(target: Path, page: str) -> int:
    """Write the page; 2 when `target` is a folder, 1 when it cannot be written."""
    if target.is_dir():
        print(f"hf-support-bot: --html {target} is a folder; name a file", file=sys.stderr)
        return 2
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"hf-support-bot: cannot write --html {target}: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {target}.", file=sys.stderr)
    return 0
