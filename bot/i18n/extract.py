"""Regenerate the catalogues: `python -m bot.i18n.extract` writes `data/locales/messages.pot`
from the wording tables, the knowledge file and the slash commands (`bot.i18n.sources`), and
merges it into every language's `.po` (translations kept; messages gone from the sources
dropped; new ones empty; the English catalogue is its own message ids). `--check` changes
nothing and exits 1 when a file is out of date."""

from __future__ import annotations

import argparse
import copy
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogues import DOMAIN, locales_dir
from bot.i18n.locales import ENGLISH, LANGUAGES
from bot.i18n.sources import Message, all_messages

PROJECT = "hf-support-bot"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # so a regeneration without changes is a no-op
HEADER = """\
# Messages of hf-support-bot, the support bot for people whose Hugging Face account was locked.
# The people reading them are often frightened: keep the tone calm, warm and plain.
# Keep every {placeholder} as it is; `code` and **bold** marks as they are.
# Each message says where it is shown and the most characters Discord allows there."""


def template(messages: list[Message]) -> Catalog:
    """The `.pot`: one entry per (context, text), with where it is shown and its limit."""
    catalog = _catalog(None)
    places: dict[tuple[str | None, str | tuple[str, str]], list[Message]] = {}
    for message in messages:
        places.setdefault((message.context, message.id), []).append(message)
    for (context, text), found in places.items():
        limit = min(m.limit for m in found)
        comments = sorted({m.where for m in found})
        catalog.add(text, context=context, auto_comments=[*comments, f"at most {limit} characters"])
    return catalog


def _catalog(language: str | None) -> Catalog:
    return Catalog(
        locale=language,
        domain=DOMAIN,
        header_comment=HEADER,
        project=PROJECT,
        version="1",
        copyright_holder=PROJECT,
        msgid_bugs_address="https://github.com/ (the project's issue tracker)",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=f"{language or 'LANGUAGE'} <none>",
        last_translator="hf-support-bot translators",
        fuzzy=False,
    )


def merged(pot: Catalog, language: str, existing: Catalog | None) -> Catalog:
    """`language`'s catalogue with the template's messages, its translations kept."""
    catalog = existing if existing is not None else _catalog(language)
    # Babel's update reuses the template's message objects: give it a copy of its own.
    catalog.update(copy.deepcopy(pot), no_fuzzy_matching=True, update_header_comment=True)
    catalog.revision_date = FIXED_DATE
    catalog.creation_date = FIXED_DATE
    if language == ENGLISH:
        for message in catalog:
            if message.id:
                message.string = message.id
    return catalog


def render(catalog: Catalog) -> bytes:
    """The `.po`/`.pot` text, without obsolete messages."""
    out = io.BytesIO()
    write_po(out, catalog, ignore_obsolete=True, omit_header=False, width=100,
             include_previous=False)  # fmt: skip
    return out.getvalue()


def files(root: Path) -> dict[Path, bytes]:
    """Every catalogue file as it should be."""
    pot = template(all_messages())
    out = {root / f"{DOMAIN}.pot": render(pot)}
    for language in LANGUAGES:
        path = root / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        existing = None
        if path.is_file():
            with path.open("rb") as handle:
                existing = read_po(handle, locale=language, domain=DOMAIN)
        out[path] = render(merged(pot, language, existing))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write (or with `--check`, compare) the catalogues."""
    parser = argparse.ArgumentParser(prog="python -m bot.i18n.extract", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    root = locales_dir()  # the checkout's data/locales (or an installed copy, for --check)
    stale = []
    for path, text in files(root).items():
        if path.is_file() and path.read_bytes() == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
