"""`/checkaccount` and `/backup`, and the buttons under a check result."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot.accounts import MAX_INPUT_LENGTH, NAME_RE, InvalidAccount, parse_account
from bot.backup.plan import build_backup_plan
from bot.cases.models import EventKind
from bot.check.flow import CheckFlow
from bot.check.models import AccountReport
from bot.servers import wording as server_wording
from cogs.check.delivery import Answer, later
from cogs.check.embeds import backup_embed, backup_files, report_embed, report_file
from cogs.services import services
from cogs.ui.case_log import Record, asker, recorder
from cogs.ui.cooldown import cooldown_message
from cogs.ui.permissions import in_servers_and_dms, private_context
from cogs.ui.replies import defer, reply
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


async def run_check(
    interaction: discord.Interaction[Any], account: str, *, ephemeral: bool = True
) -> None:
    """Defer, check the account (through the queue), log it on the case, answer with the report
    and its buttons."""

    async def show(answer: Answer, report: AccountReport, record: Record) -> None:
        payload = {"verdict": report.verdict.code, "cached": report.cached,
                   "public_repos": report.public_count}  # fmt: skip
        case = await record(report.account, EventKind.CHECK_RAN, payload)
        file = report_file(report)
        await answer.send(
            say(CHECK, "case", ref=case.ref),
            account=report.account,
            case_id=case.id,
            embed=report_embed(report),
            view=buttons_view(BackupButton(report.account), AppealButton(report.account)),
            files=[file] if file else None,
        )

    await _checked(interaction, account, ephemeral, show)


async def run_backup(interaction: discord.Interaction[Any], account: str) -> None:
    """Defer, build the backup plan from the check's report (cached, or through the queue),
    answer with scripts."""

    async def show(answer: Answer, report: AccountReport, record: Record) -> None:
        plan = build_backup_plan(report)
        payload = {"commands": len(plan.commands), "support_only": len(plan.support_only)}
        case = await record(report.account, EventKind.BACKUP_SHOWN, payload)
        await answer.send(None, account=report.account, case_id=case.id,
                          embed=backup_embed(plan), files=backup_files(plan) or None)  # fmt: skip

    await _checked(interaction, account, True, show)


Show = Callable[[Answer, AccountReport, Record], Awaitable[None]]


async def _checked(
    interaction: discord.Interaction[Any], account: str, ephemeral: bool, show: Show
) -> None:
    """The core's check flow, rendered: the report now; or the place in the queue now and the
    report later, from a background task that does not keep the interaction."""
    await defer(interaction, ephemeral=ephemeral)
    svc, record = services(interaction), recorder(interaction)
    started = await CheckFlow(svc.queue, svc.clock, svc.db).start(asker(interaction), account)
    if started.said is not None:
        await reply(interaction, started.said, ephemeral=ephemeral)
    elif started.report is not None:
        await show(Answer(interaction, ephemeral=ephemeral), started.report, record)
    elif started.wait is not None:
        answer = Answer(interaction, ephemeral=ephemeral, waited=True)
        await answer.tell(started.wait.text)

        async def finish() -> None:
            report = await started.finish(answer.tell)
            if report is not None:
                await show(answer, report, record)

        later(answer, finish())


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
