"""One embed that always fits Discord's limits, footer and author included.

Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits): title 256,
description 4096, field name 256, field value 1024, footer text 2048, author name 256, 25 fields,
and 6,000 characters in total over title, description, field names and values, footer text and
author name. `FittedEmbed` applies them when discord.py serialises it (`to_dict`), so whatever was
added and in whatever order (footer last included), what is sent fits.

Order of shortening: first each part is cut to its own limit and fields past the 25th are dropped;
then, while the total is over 6,000, the LONGEST part is shortened (never below a few characters),
ties going to the description, then field values, footer, author, title, field names, in that
order. Every cut ends with "…", so a reader sees that text was shortened.
"""

from __future__ import annotations

from typing import Any

import discord

MARKER = "…"
TOTAL = 6000
FIELDS = 25
KEEP = 8  # a shortened part keeps at least this many characters
LIMITS = {"title": 256, "description": 4096, "name": 256, "value": 1024, "footer": 2048,
          "author": 256}  # fmt: skip
TIE_ORDER = ("description", "value", "footer", "author", "title", "name")


def cut(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending with the marker when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(MARKER))] + MARKER


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


def fit_embed_dict(data: dict[str, Any]) -> dict[str, Any]:
    """A serialised embed shortened to Discord's limits in the order the module states."""
    if data.get("fields"):
        data["fields"] = [dict(f) for f in data["fields"][:FIELDS]]
    for kind in ("footer", "author"):
        if data.get(kind):
            data[kind] = dict(data[kind])
    parts = _parts(data)
    for kind, (holder,), key in parts:
        holder[key] = cut(holder[key], LIMITS[kind])
    excess = sum(len(h[k]) for _, (h,), k in parts) - TOTAL
    while excess > 0:
        parts.sort(key=lambda p: (-len(p[1][0][p[2]]), TIE_ORDER.index(p[0])))
        _, (holder,), key = parts[0]
        length = len(holder[key])
        if length <= KEEP:  # nothing long is left (cannot happen within 25 fields)
            break
        runner_up = len(parts[1][1][0][parts[1][2]]) if len(parts) > 1 else 0
        tied = sum(1 for _, (h,), k in parts if len(h[k]) == length)
        # down to the runner-up (the longest parts even out), or just enough when that is less
        target = max(KEEP, length - excess, runner_up if runner_up < length else 0)
        if target >= length:  # tied with others: share the cut between them
            target = max(KEEP, length - max(1, -(-excess // tied)))
        holder[key] = cut(holder[key], target)
        excess -= length - len(holder[key])
    return data


class FittedEmbed(discord.Embed):
    """A `discord.Embed` that fits itself to Discord's limits when sent."""

    def to_dict(self) -> Any:
        """The embed as Discord receives it, shortened where needed."""
        return fit_embed_dict(dict(super().to_dict()))


def fitted(embed: discord.Embed) -> FittedEmbed:
    """The same embed as a `FittedEmbed` (for embeds built elsewhere)."""
    return FittedEmbed.from_dict(dict(embed.to_dict()))
