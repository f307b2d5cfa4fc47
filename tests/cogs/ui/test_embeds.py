"""Rendering never exceeds Discord's limits, whatever the Hub or a person sends (hypothesis)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput
from bot.backup.plan import build_backup_plan
from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem, Verdict
from bot.check.parts import PartError
from bot.knowledge import load_knowledge
from cogs.appeal.embeds import draft_embed, draft_message
from cogs.check.embeds import backup_embed, report_embed
from cogs.ui import limits
from cogs.ui.markdown import discord_code_block
from tests.cogs.helpers import assert_fits

text = st.text(min_size=0, max_size=3000)
repo_id = st.from_regex(
    r"[A-Za-z0-9][A-Za-z0-9._-]{0,40}/[A-Za-z0-9][A-Za-z0-9._-]{0,90}", fullmatch=True
)
stage = st.one_of(
    st.none(), st.sampled_from(["RUNNING", "PAUSED", "SLEEPING"]), st.text(max_size=200)
)


def _items(kind):
    def build(ids, stages):
        if kind is SpaceItem:
            return [
                SpaceItem(
                    id=i, url=f"https://huggingface.co/spaces/{i}", stage=s, disabled=bool(n % 2)
                )
                for n, (i, s) in enumerate(zip(ids, stages, strict=False))
            ]
        return [RepoItem(id=i, url=f"https://huggingface.co/{i}") for i in ids]

    return st.builds(
        build, st.lists(repo_id, max_size=60), st.lists(stage, min_size=60, max_size=60)
    )


def _list(kind):
    error = st.one_of(st.none(), st.builds(PartError, kind=st.just("hub_error"), message=text))
    return st.builds(
        lambda items, capped, err: RepoList[kind](  # type: ignore[valid-type]
            count=len(items), capped=capped, items=items, error=err
        ),
        _items(kind),
        st.booleans(),
        error,
    )


reports = st.builds(
    lambda m, d, s, expl, pe: AccountReport(
        account="some-account",
        kind="user",
        profile_reachable=True,
        profile_error=pe,
        models=m,
        datasets=d,
        spaces=s,
        verdict=Verdict(code="visible", explanation=expl),
        checked_at=datetime(2026, 11, 25, tzinfo=UTC),
        duration_s=1.0,
    ),
    _list(RepoItem),
    _list(RepoItem),
    _list(SpaceItem),
    text,
    st.one_of(st.none(), st.builds(PartError, kind=st.just("timeout"), message=text)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_report_and_backup_embeds_fit(report):
    assert_fits(report_embed(report))
    assert_fits(backup_embed(build_backup_plan(report)))
    assert "@everyone" not in str(report_embed(report).to_dict())


@settings(max_examples=60, deadline=None)
@given(text, text, st.lists(st.sampled_from(load_knowledge().signal_ids), max_size=7, unique=True))
def test_draft_fits_and_never_pings(lock_message, activity, signals):
    appeal = AppealInput.parse(
        {"account": "alice", "lock_message": lock_message, "activity": activity, "signals": signals}
    )
    draft = draft_appeal(
        appeal, knowledge=load_knowledge(), followup_days=5, today=date(2026, 11, 25)
    )
    assert_fits(draft_embed(draft, "alice"))
    message = draft_message(draft, "alice")
    assert_fits(message["embed"])
    content = message["content"]
    assert len(content) <= limits.CONTENT
    assert "@everyone" not in content and "@here" not in content
    assert "view" not in message  # no link button: Discord refuses mailto: URLs on buttons
    blocks = code_blocks(content) + code_blocks(message["embed"].description or "")
    assert blocks[:2] == [draft.to, draft.subject]  # each alone in its block, one tap to copy
    if len(blocks) > 2:  # the email as a block, in the text or in the embed
        assert f"```\n{blocks[2]}\n```" == discord_code_block(draft.body)


def code_blocks(text: str) -> list[str]:
    """The inside of each fenced block; no fence may hide inside one."""
    assert text.count("```") % 2 == 0
    return re.findall(r"```\n(.*?)\n```", text, re.S)


def test_report_embed_shows_linked_repo_access_and_errors():
    from bot.check.parts import LinkedRepo
    from cogs.check.embeds import backup_embed, report_embed

    now = datetime.now(UTC)
    models = RepoList[RepoItem](count=2, items=[
        RepoItem(id="a/llm", url="https://hf.co/a/llm", gated="manual"),
        RepoItem(id="a/off", url="https://hf.co/a/off", disabled=True)])  # fmt: skip
    spaces = RepoList[SpaceItem](count=1, items=[SpaceItem(
        id="a/app", url="https://hf.co/spaces/a/app", stage="PAUSED", error_message="Rule 7")])  # fmt: skip
    report = AccountReport(
        account="a", kind="user", profile_reachable=True, models=models, spaces=spaces,
        linked_repo=LinkedRepo(id="a/app", type="space", url="https://hf.co/spaces/a/app",
                               reachable=True, stage="PAUSED", error_message="Rule 7"),
        verdict=Verdict(code="visible", explanation="x"), checked_at=now, duration_s=0.1,
    )  # fmt: skip
    embed = report_embed(report)
    assert embed.fields[0].name == "Linked repo" and "paused by its owner" in (embed.fields[0].value or "")
    text = "\n".join(f.value or "" for f in embed.fields)
    assert "gated (manual)" in text and "disabled" in text and "Rule 7" in text
    from bot.backup.plan import build_backup_plan

    plan = build_backup_plan(report)
    names = [f.name for f in backup_embed(plan).fields]
    assert "Gated: need a login" in names and "Only Hugging Face support can recover" in names
    assert_fits(backup_embed(plan))
    assert_fits(embed)
