"""`/checkaccount` and `/backup`, and the buttons under a check result."""

from __future__ import annotations

import asyncio
import re
from typing import Any, ClassVar, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot.accounts import MAX_INPUT_LENGTH, NAME_RE, InvalidAccount, parse_account
from bot.backup.plan import build_backup_plan
from bot.cases.dms import dms_fail
from bot.cases.models import EventKind
from bot.check import wording
from bot.check.models import AccountReport
from bot.check.queue import AlreadyQueued, QueueClosed
from bot.check.waiting import done_waiting, note_waiting
from bot.i18n import t
from bot.servers import wording as server_wording
from cogs.check.delivery import answer
from cogs.check.embeds import backup_embed, backup_files, report_embed, report_file
from cogs.services import services
from cogs.ui.case_log import record
from cogs.ui.cooldown import cooldown_message
from cogs.ui.permissions import in_servers_and_dms, private_context
from cogs.ui.replies import NO_MENTIONS, defer, reply
from cogs.ui.views import GuardedItem, buttons_view
from cogs.ui.wording import CHECK, say

ACCOUNT_RE = rf"(?P<account>{NAME_RE.pattern})"


class AccountCog(commands.Cog):
    """What is still publicly reachable, and how to copy it."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(
        name="checkaccount",
        description="See what of a Hugging Face account is still publicly reachable",
    )
    @app_commands.describe(
        account="Account name or a link to it or one of its repos",
        public="Show the result to the channel (default: only you)",
    )
    @in_servers_and_dms
    async def checkaccount(
        self,
        interaction: discord.Interaction[Any],
        account: app_commands.Range[str, 1, MAX_INPUT_LENGTH],
        public: bool = False,
    ) -> None:
        if public and private_context(interaction):
            await reply(interaction, server_wording.say("public_refused"))
            return
        name = await _parse_or_explain(interaction, account)
        if name is None:
            return
        await run_check(interaction, name, ephemeral=not public)

    @app_commands.command(
        name="backup", description="Commands to copy everything public of an account"
    )
    @app_commands.describe(account="Account name or a link to it or one of its repos")
    @in_servers_and_dms
    async def backup(
        self, interaction: discord.Interaction[Any], account: app_commands.Range[str, 1, MAX_INPUT_LENGTH]
    ) -> None:
        name = await _parse_or_explain(interaction, account)
        if name is None:
            return
        await run_backup(interaction, name)


async def _parse_or_explain(interaction: discord.Interaction[Any], text: str) -> str | None:
    """`text` once it reads as an account (a repo link in it is kept for the check), else
    `None` after explaining why."""
    try:
        parse_account(text)
    except InvalidAccount as exc:
        await reply(interaction, say(CHECK, "invalid", reason=exc.text()))
        return None
    wait = cooldown_message(interaction)
    if wait:
        await reply(interaction, wait)
        return None
    return text.strip()


async def queued_report(
    interaction: discord.Interaction[Any], account: str, *, ephemeral: bool = True
) -> tuple[AccountReport, bool] | None:
    """The report of `account` through the fair queue, and whether it waited: at once from
    cache or when the budget has room; else the deferred answer tells the person their place
    and rough wait while the check waits. `None` when the person already has a check waiting
    (they are told so)."""
    queue = services(interaction).queue
    try:
        ticket = await queue.submit(interaction.user.id, account)
    except AlreadyQueued as exc:
        ahead = exc.ticket
        await reply(
            interaction,
            t(
                wording.ALREADY_QUEUED,
                account=ahead.account,
                position=max(1, queue.position(ahead)),
                minutes=wording.minutes(queue.eta_s(ahead)),
            ),
            ephemeral=ephemeral,
        )
        return None
    position = queue.position(ticket)
    if position == 0:
        return await ticket.result, False
    # "the result comes by DM" only where the bot's last DM to the person arrived
    svc = services(interaction)
    fails = await dms_fail(svc.db, interaction.user.id)
    text = wording.QUEUED_NO_DM if fails else wording.QUEUED
    # kept until the check ran or the person heard it will not: a crash is told at next start
    await note_waiting(svc.db, interaction.user.id, account, str(interaction.locale), svc.clock.now())
    try:
        await interaction.edit_original_response(
            content=t(text, position=position, minutes=wording.minutes(queue.eta_s(ticket))),
            allowed_mentions=NO_MENTIONS,
        )
        report = await asyncio.shield(ticket.result)
    except QueueClosed:  # the bot is stopping: say so plainly, not "your check will start soon"
        try:
            await interaction.edit_original_response(
                content=t(wording.RESTARTING, account=account), allowed_mentions=NO_MENTIONS
            )
        finally:
            await done_waiting(svc.db, interaction.user.id)  # before the database closes
            ticket.told.set()
        return None
    except Exception:
        await done_waiting(svc.db, interaction.user.id)
        raise
    await done_waiting(svc.db, interaction.user.id)
    return report, True


async def run_check(
    interaction: discord.Interaction[Any], account: str, *, ephemeral: bool = True
) -> None:
    """Defer, check the account (through the queue), log it on the case, answer with the report
    and its buttons."""
    await defer(interaction, ephemeral=ephemeral)
    queued = await queued_report(interaction, account, ephemeral=ephemeral)
    if queued is None:
        return
    report, waited = queued
    case = await record(
        interaction,
        report.account,
        EventKind.CHECK_RAN,
        {
            "verdict": report.verdict.code,
            "cached": report.cached,
            "public_repos": report.public_count,
        },
    )
    view = buttons_view(BackupButton(report.account), AppealButton(report.account))
    file = report_file(report)
    await answer(
        interaction,
        waited,
        say(CHECK, "case", ref=case.ref),
        ephemeral=ephemeral,
        account=report.account,
        case_id=case.id,
        embed=report_embed(report),
        view=view,
        files=[file] if file else None,
    )


async def run_backup(interaction: discord.Interaction[Any], account: str) -> None:
    """Defer, build the backup plan from the check's report (cached, or through the queue),
    answer with scripts."""
    await defer(interaction)
    queued = await queued_report(interaction, account)
    if queued is None:
        return
    report, waited = queued
    plan = build_backup_plan(report)
    case = await record(
        interaction,
        report.account,
        EventKind.BACKUP_SHOWN,
        {"commands": len(plan.commands), "support_only": len(plan.support_only)},
    )
    await answer(
        interaction,
        waited,
        None,
        ephemeral=True,
        account=report.account,
        case_id=case.id,
        embed=backup_embed(plan),
        files=backup_files(plan) or None,
    )


class _AccountButton(GuardedItem):
    """A button under a check result that carries the account in its custom id, so it keeps
    working after restarts. Subclasses set `prefix`, `label`, `style` and the template (which
    also accepts the longer ids of buttons sent by earlier versions)."""

    prefix: ClassVar[str]  # 4 characters: with a 96-character name, 100 (Discord's limit)
    label: ClassVar[str]  # a key of `cogs.ui.wording.CHECK`
    style: ClassVar[discord.ButtonStyle]

    def __init__(self, account: str) -> None:
        button = discord.ui.Button[Any](
            label=say(CHECK, self.label), style=self.style, custom_id=f"{self.prefix}{account}"
        )
        super().__init__(button)  # type: ignore[call-arg]  # DynamicItem.__init__, next in the MRO
        self.account = account

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["account"])


class BackupButton(
    _AccountButton,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"(?:hfb:|hfsb:backup:){ACCOUNT_RE}",
):
    """ "Backup commands": the backup plan for that account."""

    prefix, label, style = "hfb:", "backup_button", discord.ButtonStyle.primary

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        wait = cooldown_message(interaction)
        if wait:
            await reply(interaction, wait)
            return
        await run_backup(interaction, self.account)


class AppealButton(
    _AccountButton,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"(?:hfa:|hfsb:appeal:){ACCOUNT_RE}",
):
    """ "Draft appeal": opens the appeal form for that account."""

    prefix, label, style = "hfa:", "appeal_button", discord.ButtonStyle.secondary

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.appeal.commands import AppealModal

        await interaction.response.send_modal(AppealModal(interaction.client, account=self.account))
