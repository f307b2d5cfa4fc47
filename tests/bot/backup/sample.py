"""A hand-made account report for the backup tests, and repo ids that try to break out of
quoting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem, Verdict

HOSTILE_IDS = ["alice/$(touch pwned)", "alice/it's", "alice/`touch pwned2`", "alice/a;touch pwned3",
               "alice/../../escape", 'alice/"quoted" name']  # fmt: skip


def sample_report(models: list[str] = (), datasets: list[str] = (), spaces: list[dict[str, Any]] = (),  # type: ignore[assignment]
            *, capped: bool = False, account: str = "alice") -> AccountReport:  # fmt: skip
    def repo(i: str) -> RepoItem:
        return RepoItem(id=i, url=f"https://huggingface.co/{i}")

    report = AccountReport(
        account=account, kind="user", profile_reachable=True,
        models=RepoList[RepoItem](count=len(models), capped=capped, stated_total=2000 if capped else None,
                                  items=[repo(i) for i in models]),
        datasets=RepoList[RepoItem](count=len(datasets), items=[repo(i) for i in datasets]),
        spaces=RepoList[SpaceItem](count=len(spaces), items=[
            SpaceItem(id=s["id"], url=f"https://huggingface.co/spaces/{s['id']}",
                      stage=s.get("stage"), disabled=s.get("disabled", False)) for s in spaces]),
        verdict=Verdict(code="visible", explanation="x"), checked_at=datetime.now(UTC), duration_s=0.1,
    )  # fmt: skip
    return report
