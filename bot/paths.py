"""Where the shipped data files are: inside the wheel (`bot/_data/`) or, in a source checkout,
the repository's `data/` folder."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_file(name: str) -> Path:
    """The path of a shipped data file such as `knowledge.toml`."""
    for folder in (_PACKAGE / "_data", _PACKAGE.parent / "data"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"data file {name!r} not found in {_PACKAGE / '_data'} or ../data")
