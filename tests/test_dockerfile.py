"""The Dockerfile's build stage has all the wheel needs, and .dockerignore keeps secrets out.

Its COPY lines are replayed (with Docker's .dockerignore rules) into an empty folder and the wheel
is built there, as `pip wheel` in the image would: a file the wheel needs but the stage does not
copy fails here, without Docker. The real image is built and run by `.ci/image`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Stage:
    """One FROM ... stage: its name and instructions (keyword, arguments)."""

    name: str | None
    lines: list[tuple[str, str]]


def parse_stages(text: str) -> list[Stage]:
    """Instructions per stage, with continuation lines joined and comments dropped."""
    logical = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    stages: list[Stage] = []
    for line in logical.splitlines():
        keyword, _, args = line.strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            match = re.search(r"\bAS\s+(\S+)\s*$", args, re.IGNORECASE)
            stages.append(Stage(match and match.group(1), []))
        elif stages and keyword:
            stages[-1].lines.append((keyword, args.strip()))
    return stages


def copy_args(args: str) -> tuple[list[str], list[str]]:
    """(flags, paths) of a COPY/ADD, in shell or JSON form."""
    flags = re.findall(r"(?:^|\s)(--\S+)", args)
    rest = re.sub(r"(?:^|\s)--\S+", " ", args).strip()
    paths = json.loads(rest) if rest.startswith("[") else rest.split()
    return flags, paths


Rules = list[tuple[bool, str, re.Pattern[str]]]


def ignore_rules(text: str) -> Rules:
    """.dockerignore as (excludes, pattern, regex) in order; the last rule matching a path wins."""
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = str(PurePosixPath(line.lstrip("!").strip())).lstrip("/")
        rules.append((not negated, pattern, re.compile(_pattern_regex(pattern))))
    return rules


def _pattern_regex(pattern: str) -> str:
    """Go's filepath.Match plus `**` (any number of folders), as Docker reads .dockerignore."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + "[" + pattern[i + 1 : end].replace("!", "^", 1) + "]", end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return out + "$"


def ignored(relative: str, rules: Rules) -> bool:
    """Whether a context path is left out: a rule matching it or one of its parent folders."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    verdict = False
    for excludes, _, regex in rules:
        if any(regex.match(prefix) for prefix in prefixes):
            verdict = excludes
    return verdict


def context_files(context: Path) -> list[str]:
    """Files of the build context that .dockerignore lets through, relative, sorted."""
    path = context / ".dockerignore"
    rules = ignore_rules(path.read_text(encoding="utf-8")) if path.exists() else []
    # An ignored folder is not walked unless a `!` rule could reach inside it.
    reach_inside = any(not ex and ("/" in pat or "**" in pat) for ex, pat, _ in rules)
    found = []
    for folder, dirs, names in os.walk(context):
        rel_folder = Path(folder).relative_to(context).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        if not reach_inside:
            dirs[:] = [d for d in dirs if not ignored(prefix + d, rules)]
        found += [prefix + name for name in names if not ignored(prefix + name, rules)]
    return sorted(found)


def replay_build_stage(
    context: Path, dockerfile: str, root: Path, stage_name: str = "build"
) -> Path:
    """Copy what the stage's COPY lines copy into `root` (the stage's `/`); its WORKDIR there."""
    stage = next(s for s in parse_stages(dockerfile) if s.name == stage_name)
    files = context_files(context)
    workdir = PurePosixPath("/")
    for keyword, args in stage.lines:
        if keyword == "WORKDIR":
            workdir = workdir / args
        if keyword not in ("COPY", "ADD"):
            continue
        flags, paths = copy_args(args)
        assert not any(f.startswith("--from") for f in flags), (
            "the build stage copies from the context"
        )
        *sources, dest = paths
        target = root / (workdir / dest).relative_to("/")
        for source in sources:
            src = PurePosixPath(source)
            base = "" if str(src) == "." else str(src)
            chosen = [f for f in files if not base or f == base or f.startswith(base + "/")]
            assert chosen, f"COPY {source}: nothing in the build context"
            for rel in chosen:
                if rel == base:  # a single file: into dest/ or as dest
                    out = target / src.name if dest.endswith("/") or len(sources) > 1 else target
                else:
                    out = target / rel[len(base) :].lstrip("/")
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(context / rel, out)
    return root / workdir.relative_to("/")


def build_wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`pip wheel` of the project alone; without build isolation when hatchling is at hand."""
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        *isolation,
        "-w",
        str(out),
        str(source),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)


def test_the_build_stage_copies_all_the_wheel_needs(tmp_path: Path) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    source = replay_build_stage(ROOT, dockerfile, tmp_path / "root")
    result = build_wheel(source, tmp_path / "wheels")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = (tmp_path / "wheels").glob("hf_support_bot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "bot/cli/__init__.py",
        "cogs/__init__.py",
        "bot/_data/knowledge.toml",
        "bot/_data/locales/fr/LC_MESSAGES/messages.po",
    ):
        assert needed in names
    assert not any(n.startswith(("tests/", ".env")) or n.endswith(".db") for n in names)


def test_the_old_build_stage_fails_here(tmp_path: Path) -> None:
    """The guard bites: the COPY lines that once left data/locales out give no wheel."""
    old = (
        "FROM python:3.11-slim AS build\nWORKDIR /src\nCOPY pyproject.toml README.md ./\n"
        "COPY bot ./bot\nCOPY cogs ./cogs\nCOPY data/knowledge.toml ./data/knowledge.toml\n"
    )
    source = replay_build_stage(ROOT, old, tmp_path / "root")
    result = build_wheel(source, tmp_path / "wheels")
    assert result.returncode != 0
    assert "data/locales" in result.stdout + result.stderr


def test_secrets_databases_and_caches_stay_out_of_the_context(tmp_path: Path) -> None:
    shutil.copy2(ROOT / ".dockerignore", tmp_path / ".dockerignore")
    kept = [
        "pyproject.toml",
        ".env.example",
        "bot/a.py",
        "data/knowledge.toml",
        "data/locales/x.po",
    ]
    left_out = [
        ".env",
        ".env.local",
        "bot/.env",
        ".git/config",
        ".venv/bin/python",
        "venv/x",
        "data/cases.db",
        "data/cases.db-wal",
        "data/cases.db-shm",
        "elsewhere/bot.db",
        "backup.sqlite3",
        "bot/__pycache__/a.cpython-311.pyc",
        "bot/b.pyc",
        ".mypy_cache/x",
        ".pytest_cache/x",
        ".hypothesis/x",
        ".coverage",
        "tests/test_x.py",
        "bench/b.py",
        "dist/x.whl",
        "tls.key",
        "mutants/x",
    ]
    for rel in kept + left_out:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert context_files(tmp_path) == sorted([".dockerignore", *kept])


def test_the_image_takes_nothing_from_the_context_but_the_wheels() -> None:
    """The final stage copies no file from the build context: a token there never reaches it."""
    final = parse_stages((ROOT / "Dockerfile").read_text(encoding="utf-8"))[-1]
    for keyword, args in final.lines:
        assert keyword not in ("COPY", "ADD") or "--from=build" in args
        if keyword == "RUN" and "--mount" in args:
            assert re.findall(r"--mount=type=(\w+)", args) == ["bind"]
            assert "from=build" in args
