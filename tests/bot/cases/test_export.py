"""Case exports: CSV and JSON, spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import io
import json

from bot.cases.export import export_cases
from bot.cases.scope import Scope

ALL = Scope.everything()


async def test_export_csv_and_json(store):
    a = await store.open_case(1, 5, "carol")
    await store.open_case(2, 5, "bob")
    await store.set_status(a.id, "closed", 1, scope=ALL)
    text = await export_cases(store, ALL, "csv")
    lines = text.splitlines()
    assert lines[0].startswith("id,discord_user_id,guild_id,owner,hf_account,status")
    assert ",carol,closed," in lines[1] and ",2," in lines[1]
    rows = json.loads(await export_cases(store, ALL, "json", status="open"))
    assert [r["hf_account"] for r in rows] == ["bob"]


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


async def test_export_csv_neutralises_every_formula_prefix(store):
    """Rows stored before `open_case` validated names may start with a formula character;
    spreadsheets read `=`, `+`, `-`, `@`, tab and carriage return as the start of a formula."""
    async with store.db.write() as conn:
        for user, account in enumerate([*FORMULAS, "plain"]):
            await conn.execute(
                "INSERT INTO cases (discord_user_id, hf_account, created_at, updated_at) "
                "VALUES (?, ?, '2026-01-01', '2026-01-01')",
                (user, account),
            )
    rows = list(csv.DictReader(io.StringIO(await export_cases(store, ALL, "csv"), newline="")))
    assert [r["hf_account"] for r in rows] == [*("'" + f for f in FORMULAS), "plain"]


async def test_export_json_is_readable_utf8_one_field_per_line(store):
    """Rows stored before `open_case` validated names may hold any text: the JSON keeps it as
    written (UTF-8, not \\u escapes), one field per line, one space per level."""
    async with store.db.write() as conn:
        await conn.execute(
            "INSERT INTO cases (discord_user_id, hf_account, created_at, updated_at) "
            "VALUES (1, 'zoë', '2026-01-01', '2026-01-01')"
        )
    text = await export_cases(store, Scope.everything(), "json")
    assert '  "hf_account": "zoë",' in text.splitlines()
    assert json.loads(text)[0]["hf_account"] == "zoë"
