"""The backup plan: commands, quoting, folders, support-only items, notes."""

from __future__ import annotations

import shlex
from datetime import UTC, datetime

import pytest

from bot.backup.plan import build_backup_plan, safe_component
from bot.knowledge import load_knowledge
from tests.bot.backup.sample import HOSTILE_IDS, sample_report


def test_one_command_per_public_repo() -> None:
    plan = build_backup_plan(
        sample_report(["alice/m"], ["alice/d"], [{"id": "alice/app", "stage": "PAUSED"}])
    )
    assert [shlex.split(c) for c in plan.commands] == [
        [
            "hf",
            "download",
            "alice/m",
            "--repo-type",
            "model",
            "--local-dir",
            "hf-backup/alice/models/m",
        ],
        [
            "hf",
            "download",
            "alice/d",
            "--repo-type",
            "dataset",
            "--local-dir",
            "hf-backup/alice/datasets/d",
        ],
        [
            "hf",
            "download",
            "alice/app",
            "--repo-type",
            "space",
            "--local-dir",
            "hf-backup/alice/spaces/app",
        ],
    ]
    assert plan.support_only == [] and plan.capped == [] and plan.notes == []
    assert plan.recovery == load_knowledge().recovery
    assert {r.id for r in plan.recovery if r.copy_now} == {"public-repos"}


def test_disabled_spaces_are_support_only() -> None:
    plan = build_backup_plan(
        sample_report(spaces=[{"id": "alice/on"}, {"id": "alice/off", "disabled": True}])
    )
    assert len(plan.commands) == 1 and "alice/on" in plan.commands[0]
    assert [(r.id, r.repo_type) for r in plan.support_only] == [("alice/off", "space")]
    assert "support" in plan.support_only[0].reason
    assert "alice/off" not in plan.shell_script and "alice/off" not in plan.python_script


def test_capped_lists_and_empty_plans_are_explained() -> None:
    capped = build_backup_plan(sample_report(["alice/m1", "alice/m2"], capped=True))
    assert (
        len(capped.capped) == 1
        and "first 2 models" in capped.capped[0]
        and "2,000" in capped.capped[0]
    )
    empty = build_backup_plan(sample_report())
    assert empty.commands == [] and "nothing to copy" in empty.notes[0]


def test_hostile_ids_are_quoted_never_executed_by_the_shell() -> None:
    plan = build_backup_plan(sample_report(HOSTILE_IDS))
    for repo_id, command in zip(HOSTILE_IDS, plan.commands, strict=True):
        argv = shlex.split(command)
        assert argv[:3] == ["hf", "download", repo_id]
        local_dir = argv[-1]
        assert local_dir.startswith("hf-backup/alice/models/")
        assert ".." not in local_dir.split("/") and all(c not in local_dir for c in "$`;'\" ")
    assert len({shlex.split(c)[-1] for c in plan.commands}) == len(HOSTILE_IDS)
    for repo_id in HOSTILE_IDS:
        assert shlex.quote(repo_id) in plan.shell_script
        assert repr(repo_id) in plan.python_script


def test_safe_component() -> None:
    assert safe_component("..") == "_"
    assert safe_component(".hidden") == "hidden"
    assert safe_component("a/b c$") == "a_b_c_"
    assert safe_component("ok-Name_1.2") == "ok-Name_1.2"


def test_colliding_folders_get_a_suffix() -> None:
    plan = build_backup_plan(sample_report(["alice/a b", "alice/a_b", "alice/A_B"]))
    assert [shlex.split(c)[-1].rsplit("/", 1)[1] for c in plan.commands] == [
        "a_b",
        "a_b-2",
        "A_B-3",
    ]


@pytest.mark.parametrize("account", ["al'ice", "a$(b)"])
def test_odd_account_names_from_the_hub_are_made_safe(account: str) -> None:
    plan = build_backup_plan(sample_report([f"{account}/m"], account=account))
    assert shlex.split(plan.commands[0])[-1] == f"hf-backup/{safe_component(account)}/models/m"
    compile(plan.python_script, "backup.py", "exec")


def test_the_scripts_say_when_they_were_generated() -> None:
    when = datetime(2026, 11, 20, 9, 5, 42, tzinfo=UTC)
    plan = build_backup_plan(sample_report(["alice/m"]), now=when)
    assert plan.generated_at == when
    for script in (plan.shell_script, plan.python_script):
        assert "on 2026-11-20 09:05 UTC." in script
