"""Imports only go down: no import circle in `bot/` or `cogs/` (type-only and function-local
imports included), and the Discord side in layers: `cogs.services` < `cogs.ui` < features <
`cogs.runtime`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ("check", "appeal", "mycase", "moderation", "precedents", "waves", "conversations")


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("bot", "cogs"):
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports anywhere in its text (a parent package counts:
    importing `a.b.c` runs `a.b`)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for target in targets:
                parts = target.split(".")
                for end in range(1, len(parts) + 1):
                    wanted = ".".join(parts[:end])
                    inside_own_package = name == wanted or name.startswith(wanted + ".")
                    if wanted in modules and not inside_own_package:
                        graph[name].add(wanted)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_circles_are_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_in_bot_or_cogs():
    assert circles(import_graph()) == []


def _layer(module: str) -> int:
    if module.startswith("bot"):
        return 0
    if module == "cogs.services":
        return 1
    if module.startswith("cogs.ui"):
        return 2
    if module.split(".")[1] in FEATURES:
        return 3
    if module.startswith("cogs.runtime"):
        return 4
    assert module == "cogs", f"{module} is in no layer: add its package to FEATURES"
    return 5  # `cogs` itself: a docstring


# Entry points of the program, above both sides: each imports the Discord side inside the one
# function that needs it, so importing the core never imports discord (tests/test_core_imports.py).
ENTRY_POINTS = {
    ("bot.cli.run", "cogs.runtime"),  # `hf-support-bot run` / `sync` start the bot
    ("bot.cli.run", "cogs.runtime.runner"),
    ("bot.i18n.sources", "cogs.runtime"),  # `python -m bot.i18n.extract` reads the command tree
    ("bot.i18n.sources", "cogs.runtime.command_text"),
}


def test_layers_import_downward():
    graph = import_graph()
    upward = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if target != "cogs" and _layer(target) > _layer(module)
    )
    assert set(upward) == ENTRY_POINTS


def test_the_client_loads_features_by_name():
    graph = import_graph()
    commands = {m for m in graph if m.split(".")[-1] in ("commands", "extension")}
    assert commands, "feature modules are named commands/extension"
    assert not (graph["cogs.runtime.client"] & commands)
