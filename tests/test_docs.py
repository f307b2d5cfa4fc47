"""README and .env.example stay equal to Settings."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
VARIABLES = {name.upper() for name in Settings.model_fields}


def test_env_example_lists_every_setting():
    text = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    assert listed == VARIABLES
    for line in text.splitlines():  # each variable has a comment just above it
        if re.match(r"^[A-Z_]+=", line):
            previous = text.splitlines()[text.splitlines().index(line) - 1]
            assert previous.startswith("#"), line


def test_readme_configuration_table_matches_settings():
    text = (ROOT / "README.md").read_text()
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert listed == VARIABLES


def test_readme_names_the_ci_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "python -m pytest -q" in ci and "python -m pytest -q" in readme
