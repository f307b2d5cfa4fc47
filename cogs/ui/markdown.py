"""Discord display of what people typed: markdown escaped, mentions neutralised, and code blocks
that cannot be closed early. Display only: never apply these to the email or a `mailto:` link
(the email is cleaned by `bot.text.clean_text`)."""

from __future__ import annotations

import re

from bot.text import strip_hidden

ZWSP = "\u200b"
_LANG = re.compile(r"[A-Za-z0-9_+.#-]{1,20}")
_MARKDOWN = re.compile(r"([\\*_~`|\[\]()<>#])")
_BULLET = re.compile(r"^(\s*)-", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)\.", re.MULTILINE)
_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_ANGLE_MENTION = re.compile(r"<(@[!&]?|#|/)")


def discord_code_block(text: str, lang: str = "") -> str:
    """`text` inside a Discord code block it cannot close early.

    A zero-width space goes between any two adjacent backticks, so no fence can appear inside;
    `@everyone`/`@here` get one too. An invalid `lang` is dropped.
    """
    body = _neutralise_mentions(strip_hidden(text))
    while "``" in body:
        body = body.replace("``", "`" + ZWSP + "`")
    lang = lang if _LANG.fullmatch(lang) else ""
    return f"```{lang}\n{body}\n```"


def escape_discord(text: str) -> str:
    """`text` with Discord markdown escaped and mass or user mentions neutralised (display only)."""
    text = strip_hidden(text)
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _BULLET.sub(r"\1\\-", text)
    text = _NUMBERED.sub(r"\1\\.", text)
    return _ANGLE_MENTION.sub(lambda m: "<" + ZWSP + m.group(1), _neutralise_mentions(text))


def _neutralise_mentions(text: str) -> str:
    return _MENTION.sub(lambda m: "@" + ZWSP + m.group(1), text)


QUOTED = 300
"""Characters of someone's typed text quoted in a moderators' post."""


def quote_typed(text: str, limit: int = QUOTED) -> str:
    """Text someone typed (a lock message, a note), quoted in a post for others: one line, cut
    to `limit` with an ellipsis, Markdown escaped, masked links (`[text](url)`) and mentions
    neutralised, in quotation marks."""
    line = " ".join(strip_hidden(text).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return f"“{escape_discord(line)}”"
