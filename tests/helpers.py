"""Helpers shared by tests and benchmarks (fixtures stay in the conftest files)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from hypothesis import strategies as st

from bot.config import Settings


def setting_variables() -> list[str]:
    """The environment variables `Settings` reads (any case: names are case-insensitive)."""
    fields = {name.upper() for name in Settings.model_fields}
    return [name for name in os.environ if name.upper() in fields]


def make_hub_settings(url: str, database_path: Path, **overrides: object) -> Settings:
    """Settings for tests against a fake Hub: no `.env`, no token, small timeouts."""
    values: dict[str, object] = {
        "hf_endpoint": url,
        "hf_token": None,
        "database_path": database_path,
        "hub_timeout_s": 2.0,
        "hub_max_concurrency": 8,
        "check_deadline_s": 5.0,
        "check_max_items": 1000,
        "check_cache_ttl_s": 300.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


# Invisible characters (bidi controls, zero-width, controls) that text hygiene must remove.
HIDDEN = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\ufeff\u200b\x00\x1b\x7f"
)
# Text biased towards the characters that matter here.
nasty = st.text(
    alphabet=st.sampled_from([*"`@everyonhr<>#&!*_~|\\-\n 1.", *HIDDEN, "\u00e9", "日"])
    | st.characters(),
    max_size=200,
)


async def run_cli(*argv: str) -> int:
    """`hf-support-bot ARGV` in-process (in a thread: the CLI runs its own event loop)."""
    from bot.cli import main

    return await asyncio.to_thread(main, list(argv))
