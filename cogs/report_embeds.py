"""Embeds and files for `/checkaccount` and `/backup`."""

from __future__ import annotations

import io
from collections import Counter

import discord

from bot.backup.plan import GATED_NEEDS, BackupPlan
from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem
from bot.check.repo_types import REPO_TYPES
from bot.check.stages import error_note, stage_label
from bot.check.verdict import linked_repo_text
from cogs.limits import FIELD_VALUE, add_field, fit_lines, make_embed
from cogs.markdown import discord_code_block, escape_discord

COLOURS = {"visible": 0x2ECC71, "not_visible": 0xE67E22, "incomplete": 0xF1C40F}
KIND_NAMES = {
    "user": "user",
    "organization": "organization",
    "not_found": "no profile found",
    "unknown": "unknown (profile could not be checked)",
}
SHOWN_PER_TYPE = 8
INLINE_COMMANDS = 5
SHOWN_ERROR = 150  # characters of a Space's error message in the embed (all in the file)


def report_embed(report: AccountReport) -> discord.Embed:
    """The check result: kind, profile, counts, Spaces by stage, verdict, what failed."""
    verdict = report.verdict
    embed = make_embed(
        f"Account check: {report.account}",
        escape_discord(verdict.explanation),
        colour=COLOURS.get(verdict.code, 0x5865F2),
    )
    if report.linked_repo is not None:
        link = report.linked_repo
        add_field(
            embed,
            "Linked repo",
            f"[{escape_discord(link.id)}]({link.url})\n{escape_discord(linked_repo_text(report))}",
        )
    profile = "reachable" if report.profile_reachable else "not reachable"
    if report.profile_status:
        profile = f"not visible (HTTP {report.profile_status})"
    add_field(embed, "Account", f"{KIND_NAMES.get(report.kind, report.kind)}; profile {profile}")
    counts = "\n".join(
        f"{REPO_TYPES[repo_type].label}: {_count(repos)}"
        for repo_type, repos in report.repo_lists()
    )
    add_field(embed, "Public repos", counts, inline=True)
    stages = spaces_by_stage(report)
    if stages:
        add_field(embed, "Spaces by stage", stages, inline=True)
    for repo_type, repos in report.repo_lists():
        if repos.items:
            add_field(embed, REPO_TYPES[repo_type].label, _item_lines(repos))
    failed = [
        f"{name.capitalize()}: {escape_discord(error.message)}"
        for name, error in report.part_errors()
    ]
    if failed:
        add_field(embed, "Could not be checked", "\n".join(failed))
    age = f" (saved result, {int(report.age_s or 0)} s old)" if report.cached else ""
    embed.set_footer(text=f"Checked {report.checked_at:%Y-%m-%d %H:%M} UTC{age}")
    return embed


def _count(repos: RepoList[RepoItem] | RepoList[SpaceItem]) -> str:
    text = repos.shown_count()
    if repos.stated_total is not None and repos.stated_total != repos.count:
        text += f" (profile says {repos.stated_total})"
    if repos.error is not None:
        text += " (incomplete)"
    return text


def spaces_by_stage(report: AccountReport) -> str:
    """ "RUNNING: 3, PAUSED: 8, disabled: 2" as lines."""
    stages = Counter(escape_discord(stage_label(s.stage)) for s in report.spaces.items)
    lines = [f"{stage}: {n}" for stage, n in stages.most_common()]
    disabled = report.disabled_spaces()
    if disabled:
        lines.append(f"disabled: {disabled}")
    return fit_lines(lines, FIELD_VALUE)


def _item_lines(repos: RepoList[RepoItem] | RepoList[SpaceItem]) -> str:
    lines = []
    for item in repos.items[:SHOWN_PER_TYPE]:
        line = f"[{escape_discord(item.id)}]({item.url})"
        if isinstance(item, SpaceItem):
            line += f" · {escape_discord(stage_label(item.stage))}"
        line += "".join(f" · {note}" for note in access_notes(item))
        if isinstance(item, SpaceItem) and item.error_message:
            line += f"\n  ↳ {escape_discord(error_note(item.error_message, SHOWN_ERROR))}"
        lines.append(line)
    rest = len(repos.items) - SHOWN_PER_TYPE
    if rest > 0:
        lines.append(f"… and {rest} more in the attached list")
    return fit_lines(lines, FIELD_VALUE)


def access_notes(item: RepoItem) -> list[str]:
    """ "disabled", "gated (manual)": why an item cannot be downloaded anonymously."""
    notes = ["disabled"] if item.disabled else []
    if item.gated is not None:
        notes.append(f"gated ({item.gated})")
    return notes


def report_file(report: AccountReport) -> discord.File | None:
    """The full list of public repos as a text file, when the embed could not show them all."""
    if all(len(repos.items) <= SHOWN_PER_TYPE for _, repos in report.repo_lists()):
        return None
    lines = [f"Public repos of {report.account} (checked {report.checked_at:%Y-%m-%d %H:%M} UTC)"]
    for repo_type, repos in report.repo_lists():
        lines.append(f"\n{REPO_TYPES[repo_type].label}: {repos.shown_count()}")
        for item in repos.items:
            notes = [stage_label(item.stage)] if isinstance(item, SpaceItem) else []
            notes += access_notes(item)
            extra = f"  [{', '.join(notes)}]" if notes else ""
            if isinstance(item, SpaceItem) and item.error_message:
                extra += f"  {error_note(item.error_message)}"
            lines.append(f"  {item.url}{extra}")
    data = io.BytesIO("\n".join(lines).encode())
    return discord.File(data, filename=f"{report.account}-public-repos.txt")


def backup_embed(plan: BackupPlan) -> discord.Embed:
    """The backup summary: the first commands inline, what cannot be recovered this way."""
    total = len(plan.commands)
    embed = make_embed(
        f"Backup plan: {plan.account}",
        (
            f"{total} public repo(s) can be copied now, without logging in. The full shell and "
            "Python scripts are attached; the Python one can be re-run to resume."
            if total
            else "Nothing public can be downloaded right now."
        ),
    )
    if total:
        shown = plan.commands[:INLINE_COMMANDS]
        block = discord_code_block("\n".join(shown), "bash")
        while len(block) > FIELD_VALUE and len(shown) > 1:
            shown = shown[:-1]
            block = discord_code_block("\n".join(shown), "bash")
        if len(block) <= FIELD_VALUE:
            name = "First commands" if total > len(shown) else "Commands"
            add_field(embed, name, block)
    if plan.support_only:
        add_field(
            embed,
            "Only Hugging Face support can recover",
            fit_lines(
                [
                    f"[{escape_discord(r.id)}]({r.url}) ({r.repo_type}): {escape_discord(r.reason)}"
                    for r in plan.support_only
                ],
                FIELD_VALUE,
            ),
        )
    if plan.gated:
        add_field(
            embed,
            "Gated: need a login",
            fit_lines(
                [f"{escape_discord(GATED_NEEDS[:1].upper() + GATED_NEEDS[1:])}."]
                + [f"[{escape_discord(r.id)}]({r.url}) ({r.repo_type})" for r in plan.gated],
                FIELD_VALUE,
            ),
        )
    lines = [
        f"{'✅' if r.copy_now else '✉️'} **{escape_discord(r.case)}**: {escape_discord(r.expectation)}"
        for r in plan.recovery
    ]
    add_field(embed, "What can be recovered, and how", fit_lines(lines, FIELD_VALUE))
    if plan.capped or plan.notes:
        add_field(
            embed,
            "Notes",
            fit_lines([escape_discord(n) for n in plan.capped + plan.notes], FIELD_VALUE),
        )
    return embed


def backup_files(plan: BackupPlan) -> list[discord.File]:
    """The shell and Python backup scripts as attachments."""
    if not plan.commands:
        return []
    return [
        discord.File(io.BytesIO(plan.shell_script.encode()), filename=f"backup-{plan.account}.sh"),
        discord.File(io.BytesIO(plan.python_script.encode()), filename=f"backup-{plan.account}.py"),
    ]
