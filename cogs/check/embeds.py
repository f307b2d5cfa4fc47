"""Embeds and files for `/checkaccount` and `/backup`."""

from __future__ import annotations

import io
from collections import Counter

import discord

from bot.backup.plan import GATED_NEEDS, BackupPlan
from bot.check.models import AccountReport, RepoItem, RepoList, SpaceItem
from bot.check.repo_types import REPO_TYPES
from bot.check.stages import error_note, stage_label
from bot.check.verdict import build_verdict, linked_repo_text
from bot.i18n import gettext, number
from cogs.ui.limits import FIELD_VALUE, add_field, fit_lines, make_embed
from cogs.ui.markdown import discord_code_block, escape_discord
from cogs.ui.wording import BACKUP, CHECK, say

COLOURS = {"visible": 0x2ECC71, "not_visible": 0xE67E22, "incomplete": 0xF1C40F}
SHOWN_PER_TYPE = 8
INLINE_COMMANDS = 5
SHOWN_ERROR = 150  # characters of a Space's error message in the embed (all in the file)


def report_embed(report: AccountReport) -> discord.Embed:
    """The check result: kind, profile, counts, Spaces by stage, verdict, what failed."""
    verdict = build_verdict(report)  # built again: in the reader's language
    embed = make_embed(
        say(CHECK, "title", account=report.account),
        escape_discord(verdict.explanation),
        colour=COLOURS.get(verdict.code, 0x5865F2),
    )
    if report.linked_repo is not None:
        link = report.linked_repo
        add_field(
            embed,
            say(CHECK, "linked_repo"),
            f"[{escape_discord(link.id)}]({link.url})\n{escape_discord(linked_repo_text(report))}",
        )
    profile = say(CHECK, "reachable" if report.profile_reachable else "not_reachable")
    if report.profile_status:
        profile = say(CHECK, "not_visible", status=report.profile_status)
    kind = say(CHECK, f"kind_{report.kind}") if f"kind_{report.kind}" in CHECK else report.kind
    add_field(embed, say(CHECK, "account"), say(CHECK, "account_line", kind=kind, profile=profile))
    counts = "\n".join(
        f"{gettext(REPO_TYPES[repo_type].label)}: {_count(repos)}"
        for repo_type, repos in report.repo_lists()
    )
    add_field(embed, say(CHECK, "public_repos"), counts, inline=True)
    stages = spaces_by_stage(report)
    if stages:
        add_field(embed, say(CHECK, "spaces_by_stage"), stages, inline=True)
    for repo_type, repos in report.repo_lists():
        if repos.items:
            add_field(embed, gettext(REPO_TYPES[repo_type].label), _item_lines(repos))
    failed = [
        f"{name.capitalize()}: {escape_discord(error.message)}"
        for name, error in report.part_errors()
    ]
    if failed:
        add_field(embed, say(CHECK, "could_not_check"), "\n".join(failed))
    when = f"{report.checked_at:%Y-%m-%d %H:%M}"
    if report.cached:
        footer = say(CHECK, "footer_saved", when=when, age=int(report.age_s or 0))
    else:
        footer = say(CHECK, "footer", when=when)
    embed.set_footer(text=footer)
    return embed


def _count(repos: RepoList[RepoItem] | RepoList[SpaceItem]) -> str:
    text = repos.shown_count()
    if repos.stated_total is not None and repos.stated_total != repos.count:
        text += say(CHECK, "profile_says", total=repos.stated_total)
    if repos.error is not None:
        text += say(CHECK, "incomplete")
    return text


def spaces_by_stage(report: AccountReport) -> str:
    """ "RUNNING: 3, PAUSED: 8, disabled: 2" as lines."""
    stages = Counter(escape_discord(stage_label(s.stage)) for s in report.spaces.items)
    lines = [f"{stage}: {number(n)}" for stage, n in stages.most_common()]
    disabled = report.disabled_spaces()
    if disabled:
        lines.append(say(CHECK, "disabled_count", count=disabled))
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
        lines.append(say(CHECK, "more_in_file", rest=rest))
    return fit_lines(lines, FIELD_VALUE)


def access_notes(item: RepoItem) -> list[str]:
    """ "disabled", "gated (manual)": why an item cannot be downloaded anonymously."""
    notes = [say(CHECK, "disabled")] if item.disabled else []
    if item.gated is not None:
        notes.append(say(CHECK, "gated", how=item.gated))
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
        say(BACKUP, "title", account=plan.account),
        say(BACKUP, "some", total=total) if total else say(BACKUP, "none"),
    )
    if total:
        shown = plan.commands[:INLINE_COMMANDS]
        block = discord_code_block("\n".join(shown), "bash")
        while len(block) > FIELD_VALUE and len(shown) > 1:
            shown = shown[:-1]
            block = discord_code_block("\n".join(shown), "bash")
        if len(block) <= FIELD_VALUE:
            name = say(BACKUP, "first_commands" if total > len(shown) else "commands")
            add_field(embed, name, block)
    if plan.support_only:
        add_field(
            embed,
            say(BACKUP, "support_only"),
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
            say(BACKUP, "gated"),
            fit_lines(
                [f"{escape_discord(_capitalised(gettext(GATED_NEEDS)))}."]
                + [f"[{escape_discord(r.id)}]({r.url}) ({r.repo_type})" for r in plan.gated],
                FIELD_VALUE,
            ),
        )
    lines = [
        f"{'✅' if r.copy_now else '✉️'} **{escape_discord(gettext(r.case))}**: "
        f"{escape_discord(gettext(r.expectation))}"
        for r in plan.recovery
    ]
    add_field(embed, say(BACKUP, "recovery"), fit_lines(lines, FIELD_VALUE))
    if plan.capped or plan.notes:
        add_field(
            embed,
            say(BACKUP, "notes"),
            fit_lines([escape_discord(n) for n in plan.capped + plan.notes], FIELD_VALUE),
        )
    return embed


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def backup_files(plan: BackupPlan) -> list[discord.File]:
    """The shell and Python backup scripts as attachments."""
    if not plan.commands:
        return []
    return [
        discord.File(io.BytesIO(plan.shell_script.encode()), filename=f"backup-{plan.account}.sh"),
        discord.File(io.BytesIO(plan.python_script.encode()), filename=f"backup-{plan.account}.py"),
    ]
