"""Numbers and lists as each language writes them (Babel's CLDR data): 1500 is "1,500" in
English, "1.500" in German and Turkish, "1 500" in French and Russian; a list ends with the
language's own "and" and uses its own separator ("、" in Chinese and Japanese)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

IDENTIFIERS = frozenset(
    {"user", "case", "case_id", "code", "id", "status", "role", "channel", "actor", "number"}
)
"""Placeholders that hold identifiers (a Discord id, a case number, an HTTP or Discord error
code, a follow-up's number): shown as digits, never grouped."""


def format_number(value: int | float, language: str) -> str:
    """`value` with the language's digit grouping and decimal sign."""
    return format_decimal(value, locale=language)


def format_items(values: Sequence[str], language: str, *, alternatives: bool = False) -> str:
    """"a, b and c" (or, for `alternatives`, "a, b or c") as the language writes a list ("" for
    none)."""
    if not values:
        return ""
    if alternatives:
        return format_list(list(values), style="or", locale=language)
    return format_list(list(values), style="standard", locale=language)


def _shown(key: str, value: object, language: str) -> object:
    if isinstance(value, bool) or key in IDENTIFIERS:
        return value
    if isinstance(value, int | float):
        return format_number(value, language)
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_date(value, format="long", locale=language)
    return value


def shown_values(values: Mapping[str, object], language: str) -> dict[str, object]:
    """Placeholder values as shown: every number but an identifier, and every day (a `date`),
    in the language's format ("5 December 2026", "5. Dezember 2026", "2026年12月5日")."""
    return {key: _shown(key, value, language) for key, value in values.items()}
