"""Discord's size limits, and helpers that keep text inside them."""

from __future__ import annotations

import discord

from cogs.ui.embed_fit import FittedEmbed

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
EMBED_TOTAL = 6000
SELECT_OPTIONS = 25


def fit(text: str, limit: int, marker: str = "…") -> str:
    """`text` cut to `limit` characters, ending with `marker` when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(marker))] + marker


def fit_lines(lines: list[str], limit: int, more: str = "… and {n} more") -> str:
    """Join whole lines while they fit in `limit`, then say how many were left out."""
    out: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        tail = more.format(n=len(lines) - index)
        cost = len(line) + (1 if out else 0)
        # keep room for the "and N more" line unless this is the last line
        reserve = 0 if index == len(lines) - 1 else len(tail) + 1
        if used + cost + reserve > limit:
            out.append(fit(tail, limit - used - 1 if out else limit))
            break
        out.append(line)
        used += cost
    return "\n".join(out)


def add_field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    """Add a field cut to Discord's limits; dropped when the embed is full."""
    name, value = fit(name, FIELD_NAME), fit(value or "\u200b", FIELD_VALUE)
    if len(embed.fields) >= FIELDS:
        return  # the 6,000 total is kept by `FittedEmbed` when the embed is sent
    embed.add_field(name=name, value=value, inline=inline)


def make_embed(title: str, description: str = "", *, colour: int = 0x5865F2) -> FittedEmbed:
    """An embed that fits Discord's limits as a whole when sent (see `cogs.ui.embed_fit`)."""
    return FittedEmbed(
        title=fit(title, EMBED_TITLE),
        description=fit(description, EMBED_DESCRIPTION) or None,
        colour=colour,
    )
