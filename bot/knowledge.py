"""The knowledge base (`data/knowledge.toml`), validated by pydantic models.

Load it with `load_knowledge()`; a broken file raises `KnowledgeError` naming the path and field.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.paths import data_file


class KnowledgeError(Exception):
    """The knowledge file is missing, not TOML, or does not match the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecoveryExpectation(_Strict):
    """What can be recovered of one kind of data, and how."""

    id: str
    case: str
    expectation: str
    copy_now: bool


class Knowledge(_Strict):
    """Everything in the knowledge file."""

    recovery: tuple[RecoveryExpectation, ...]


def parse_knowledge(path: Path) -> Knowledge:
    """Read and validate a knowledge file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read knowledge file: {exc}") from None
    try:
        return Knowledge.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KnowledgeError(f"{path}: invalid knowledge file: {details}") from None


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded once per process."""
    return parse_knowledge(data_file("knowledge.toml"))
