"""One embed that always fits Discord's limits, footer and author included.

Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits): title 256,
description 4096, field name 256, field value 1024, footer text 2048, author name 256, 25 fields,
and 6,000 characters in total over title, description, field names and values, footer text and
author name. `FittedEmbed` applies them when discord.py serialises it (`to_dict`), so whatever was
added and in whatever order (footer last included), what is sent fits.

Order of shortening: first each part is cut to its own limit and fields past the 25th are dropped;
then, while the total is over 6,000, the LONGEST part is shortened (never below a few characters),
ties going to the description, then field values, footer, author, title, field names, in that
order; an embed may name kinds of part to `keep` (shortened only when the others cannot give
enough). Every cut ends with "…", so a reader sees that text was shortened, and closes a code
block it left open.
"""

from __future__ import annotations

from typing import Any

import discord

MARKER = "…"
FENCE = "\n```"
TOTAL = 6000
FIELDS = 25
KEEP = 8  # a shortened part keeps at least this many characters
LIMITS = {"title": 256, "description": 4096, "name": 256, "value": 1024, "footer": 2048,
          "author": 256}  # fmt: skip
TIE_ORDER = ("description", "value", "footer", "author", "title", "name")


def cut(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending with the marker when cut; a code block left open
    by the cut is closed, so the rest of the message is not swallowed by it."""
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - len(MARKER))].rstrip("`") + MARKER
    if head.count("```") % 2:
        head = text[: max(0, limit - len(MARKER) - len(FENCE))].rstrip("`") + MARKER + FENCE
    return head


def _parts(data: dict[str, Any]) -> list[tuple[str, list[Any], str]]:
    """(kind, holder, key) for every counted text of a serialised embed."""
    found: list[tuple[str, list[Any], str]] = []
    for kind in ("title", "description"):
        if isinstance(data.get(kind), str):
            found.append((kind, [data], kind))
    for fld in data.get("fields") or []:
        found += [("name", [fld], "name"), ("value", [fld], "value")]
    for kind, key in (("footer", "text"), ("author", "name")):
        if isinstance((data.get(kind) or {}).get(key), str):
            found.append((kind, [data[kind]], key))
    return found


def fit_embed_dict(data: dict[str, Any], keep: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A serialised embed shortened to Discord's limits in the order the module states; parts
    whose kind is in `keep` are shortened only when the others cannot give enough."""
    if data.get("fields"):
        data["fields"] = [dict(f) for f in data["fields"][:FIELDS]]
    for kind in ("footer", "author"):
        if data.get(kind):
            data[kind] = dict(data[kind])
    parts = _parts(data)
    for kind, (holder,), key in parts:
        holder[key] = cut(holder[key], LIMITS[kind])
    excess = sum(len(h[k]) for _, (h,), k in parts) - TOTAL
    others = [p for p in parts if p[0] not in keep]
    excess = _shorten(others, excess) if keep else excess
    _shorten(parts, excess)
    return data


def _shorten(parts: list[tuple[str, list[Any], str]], excess: int) -> int:
    """Shorten the longest of `parts` until `excess` characters are gone; what is left over."""
    while excess > 0 and parts:
        parts.sort(key=lambda p: (-len(p[1][0][p[2]]), TIE_ORDER.index(p[0])))
        _, (holder,), key = parts[0]
        length = len(holder[key])
        if length <= KEEP:  # nothing long is left among these parts
            break
        runner_up = len(parts[1][1][0][parts[1][2]]) if len(parts) > 1 else 0
        tied = sum(1 for _, (h,), k in parts if len(h[k]) == length)
        # down to the runner-up (the longest parts even out), or just enough when that is less
        target = max(KEEP, length - excess, runner_up if runner_up < length else 0)
        if target >= length:  # tied with others: share the cut between them
            target = max(KEEP, length - max(1, -(-excess // tied)))
        holder[key] = cut(holder[key], target)
        excess -= length - len(holder[key])
    return excess


class FittedEmbed(discord.Embed):
    """A `discord.Embed` that fits itself to Discord's limits when sent. `keep` names the kinds
    of part to shorten last (e.g. a description holding an email to copy)."""

    keep: frozenset[str] = frozenset()

    def to_dict(self) -> Any:
        """The embed as Discord receives it, shortened where needed."""
        return fit_embed_dict(dict(super().to_dict()), self.keep)

