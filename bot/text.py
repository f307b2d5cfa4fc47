"""Text hygiene for what people type: strip hidden characters and truncate visibly.

`clean_text` is for any text, including the email. Display in Discord (escaping, code blocks) is
`cogs.ui.markdown`'s job; never apply it to the email or a `mailto:` link.
"""

from __future__ import annotations

import re
import unicodedata

TRUNCATION_MARKER = "… [truncated]"

# Bidirectional embeddings, overrides and isolates, plus the implicit direction marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Format characters kept because scripts and emoji need them: ZWNJ, ZWJ, emoji tag characters.
_KEPT_FORMAT = frozenset("\u200c\u200d") | frozenset(chr(c) for c in range(0xE0020, 0xE0080))
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+")


def _is_hidden(char: str) -> bool:
    if char in BIDI_CONTROLS:
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return char not in "\n\t"
    return category == "Cf" and char not in _KEPT_FORMAT


def strip_hidden(text: str, *, multiline: bool = True) -> str:
    """Remove control, bidi and other invisible format characters.

    Line breaks of any kind become `\\n` (or a space when `multiline` is false); tabs become spaces.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = "".join(c for c in text if not _is_hidden(c)).replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    return text


def truncate(text: str, limit: int) -> tuple[str, bool]:
    """Cut `text` to at most `limit` characters, ending with `TRUNCATION_MARKER` when cut."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text, False
    if limit <= len(TRUNCATION_MARKER):
        return text[:limit], True
    return text[: limit - len(TRUNCATION_MARKER) - 1].rstrip() + " " + TRUNCATION_MARKER, True


def clean_text(s: str, limit: int, *, multiline: bool = True) -> tuple[str, bool]:
    """Strip hidden characters and surplus whitespace, then truncate to `limit` characters.

    Returns the text and whether it was truncated. Newlines are kept (at most one blank line in a
    row) unless `multiline` is false, in which case whitespace runs become single spaces.
    """
    text = strip_hidden(s, multiline=multiline)
    if multiline:
        text = _BLANK_RUNS.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    else:
        text = _SPACES.sub(" ", text)
    return truncate(text.strip(), limit)
