"""The CLI's one output point: while a command runs, standard output and error are wrapped so
that everything written passes through `bot.text.strip_hidden`. Hub data (full names, repo ids),
stored notes and echoed arguments cannot move the cursor, recolour or clear the terminal, or
reverse text with bidi overrides, whichever `print` or `write` call sends them."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO, cast

from bot.text import strip_hidden


class CleanStream(io.TextIOBase):
    """A text stream that strips control, escape and bidi characters, then writes to `raw`."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(strip_hidden(text.replace("\r\n", "\n"), multiline=True))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def writable(self) -> bool:
        return True


@contextmanager
def clean_output() -> Iterator[None]:
    """Wrap `sys.stdout` and `sys.stderr` in `CleanStream`s for the duration of the block."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, CleanStream(out))
    sys.stderr = cast(TextIO, CleanStream(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


@contextmanager
def log_output() -> Iterator[None]:
    """Standard error unwrapped for the block: the running bot's log handler (discord.py's, with
    its own colours) is created on it. What the bot logs is not printed by the CLI."""
    err = sys.stderr
    sys.stderr = raw_stderr()
    try:
        yield
    finally:
        sys.stderr = err


def raw_stderr() -> TextIO:
    """The terminal below the cleaning, for the CLI's own control sequences (progress line)."""
    err = sys.stderr
    return err.raw if isinstance(err, CleanStream) else err
