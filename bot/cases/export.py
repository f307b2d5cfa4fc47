"""Case exports as CSV or JSON text (for the `/case export` attachment and `cases export`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from bot.cases.models import CaseStatus
from bot.cases.scope import Scope
from bot.cases.store import CaseStore

EXPORT_FIELDS = (
    "id",
    "discord_user_id",
    "guild_id",
    "owner",
    "hf_account",
    "status",
    "created_at",
    "updated_at",
    "events",
    "last_event_at",
    "messages",
)

ExportFormat = Literal["csv", "json"]


async def export_cases(
    store: CaseStore,
    scope: Scope,
    fmt: ExportFormat = "csv",
    *,
    status: CaseStatus | str | None = None,
) -> str:
    """All cases in `scope` (optionally of one status) as CSV with a header row, or as a JSON
    array."""
    rows = [row async for row in store.export(scope, status=status)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    out = io.StringIO()
    # RFC 4180 line ends: a field holding \r or \n is then always quoted
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


# Characters that make a spreadsheet read a cell as a formula when the text starts with them
# (OWASP "CSV injection": =, +, -, @, and tab and carriage return before them).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: object) -> object:
    """Neutralise spreadsheet formulas: text starting with a `FORMULA_PREFIXES` character gets a
    leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
