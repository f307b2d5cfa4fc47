"""Which Hugging Face account a person's free-text DM names, read with the same parser as every
command (`bot.accounts.parse_account`).

Only unambiguous forms count: a Hub link (`huggingface.co/NAME`, `hf.co/NAME/...`), an `@NAME`,
or a message that is one word. A plain word inside a sentence ("my account got locked") names
nothing: "my" is a valid account name, so guessing would check the wrong account.
"""

from __future__ import annotations

import re

from bot.accounts import InvalidAccount, parse_account

_LINK = re.compile(r"(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/[^\s<>()\[\]]+", re.I)
_AT = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._-]{0,95})(?![A-Za-z0-9_-])")
_WORD = re.compile(r"[`\"'<]?@?[A-Za-z0-9][A-Za-z0-9._/-]{0,200}[`\"'>]?")


def _parsed(text: str) -> str | None:
    try:
        return parse_account(text)
    except InvalidAccount:
        return None


def find_account(text: str) -> str | None:
    """The account the message names, or None (the first link or `@name` that parses wins)."""
    for match in _LINK.finditer(text):
        name = _parsed(match.group(0).rstrip(".,;:!?"))
        if name:
            return name
    for match in _AT.finditer(text):
        name = _parsed(match.group(1).rstrip("._-"))
        if name:
            return name
    alone = text.strip().rstrip(".!?")
    if _WORD.fullmatch(alone):
        return _parsed(alone.lstrip("@"))
    return None
