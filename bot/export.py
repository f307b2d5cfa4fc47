"""Case exports as CSV or JSON text (for the `/case export` attachment and `cases export`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from bot.cases import CaseStatus, CaseStore

EXPORT_FIELDS = (
    "id",
    "discord_user_id",
    "guild_id",
    "hf_account",
    "status",
    "created_at",
    "updated_at",
    "events",
    "last_event_at",
)

ExportFormat = Literal["csv", "json"]


async def export_cases(
    store: CaseStore, fmt: ExportFormat = "csv", *, status: CaseStatus | str | None = None
) -> str:
    """All cases (optionally of one status) as CSV with a header row, or as a JSON array."""
    rows = [row async for row in store.export(status=status)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def _csv_safe(value: object) -> object:
    """Neutralise spreadsheet formulas (`=`, `+`, `-`, `@` at the start of text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
