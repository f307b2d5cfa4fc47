"""The core stays free of Discord: importing any module under `bot/` never imports discord."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bot

SCRIPT = """
import importlib, json, sys
found = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    found[name] = sorted(m for m in sys.modules if m == "discord" or m.startswith("discord."))
print(json.dumps(found))
"""


def _core_modules() -> list[str]:
    root = Path(bot.__file__).parent
    names = ["bot"] + [m.name for m in pkgutil.walk_packages([str(root)], prefix="bot.")]
    return sorted(names)


def test_every_core_module_imports_without_discord():
    modules = _core_modules()
    assert {"bot.cli", "bot.cli.run", "bot.cases.store", "bot.text"} <= set(modules)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *modules],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout)
    assert list(found) == modules
    assert {name: mods for name, mods in found.items() if mods} == {}
