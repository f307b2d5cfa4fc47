"""`/case ...`: moderators look cases up, annotate them, move them and erase a person's data.
Every command and button checks moderator rights in code (not only Discord's permissions)."""

from __future__ import annotations

import io
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.accounts import MAX_NAME_LENGTH
from bot.cases.export import export_cases
from bot.cases.models import STATUS_LABELS, Case, CaseError, DeletionReport
from bot.cases.rows import MAX_NOTE_CHARS
from bot.cases.scope import Scope
from bot.i18n import pgettext
from bot.servers.wording import say
from cogs.appeal.reminders import add_reminders_field
from cogs.conversations.moderators import tell_conversation_ended
from cogs.moderation.config import ConfigGroup
from cogs.moderation.notices import tell_person
from cogs.services import services
from cogs.ui.case_embeds import case_embed, case_list_embed
from cogs.ui.forget import ForgetConfirmation
from cogs.ui.permissions import moderator_scope, require_moderator, server_install_only
from cogs.ui.replies import defer, reply
from cogs.ui.steps import StepView
from cogs.ui.wording import CASES, MINE
from cogs.ui.wording import say as say_

PAGE = 10
STATUS_CHOICES = [
    app_commands.Choice(name=label, value=status.value) for status, label in STATUS_LABELS.items()
]


@app_commands.guild_only()
@server_install_only
@app_commands.default_permissions(manage_guild=True)
class CaseCog(commands.GroupCog, group_name="case", group_description="Moderators: support cases"):
    """The moderator's case tools. Every query is scoped to the moderator's server
    (`moderator_scope`): the cases opened there, plus DM cases in the home server."""

    config = ConfigGroup()

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await require_moderator(interaction)

    @app_commands.command(name="view", description="One case with its timeline")
    async def view(
        self, interaction: discord.Interaction[Any], case_id: app_commands.Range[int, 1]
    ) -> None:
        case = await _case_or_say(interaction, case_id)
        if case is not None:  # in this server's scope
            svc = services(interaction)
            events = await svc.cases.events(case.id)
            embed = case_embed(case, events)
            add_reminders_field(
                embed,
                await svc.reminders.store.for_case(case.id),
                await svc.reminders.dm_closed_at(case.id),
            )
            await reply(interaction, embed=embed)

    @app_commands.command(name="wave", description="The current or last lock wave")
    async def wave(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.waves.watcher import show_wave

        await show_wave(interaction)

    @app_commands.command(name="list", description="Cases, newest first")
    @app_commands.choices(status=STATUS_CHOICES)
    async def list_(
        self,
        interaction: discord.Interaction[Any],
        status: str | None = None,
        user: discord.User | None = None,
        account: app_commands.Range[str, 1, MAX_NAME_LENGTH] | None = None,
    ) -> None:
        pager = CasePager(
            interaction.client, status=status, user_id=user.id if user else None, account=account
        )
        pager.anchor = interaction
        embed = await pager.page_embed(interaction)
        await reply(interaction, embed=embed, view=pager)

    @app_commands.command(name="note", description="Add a note to a case")
    @app_commands.describe(for_person="Also send the note to the case's person by DM")
    async def note(
        self,
        interaction: discord.Interaction[Any],
        case_id: app_commands.Range[int, 1],
        text: app_commands.Range[str, 1, MAX_NOTE_CHARS],
        for_person: bool = False,
    ) -> None:
        cases = services(interaction).cases
        scope = moderator_scope(interaction)
        try:
            event = await cases.add_note(
                case_id, interaction.user.id, text, scope, for_person=for_person
            )
        except CaseError as exc:
            await reply(interaction, say("note_refused", error=exc.text()))
            return
        answer = say("note_saved", case_id=case_id)
        if for_person:
            await defer(interaction)
            case = await cases.require_case(case_id, scope)
            told = await tell_person(
                interaction,
                case,
                "note_dm",
                ref=case.ref,
                account=case.hf_account,
                text=event.payload["text"],
            )
            answer = f"{answer} {told}"
        await reply(interaction, answer)

    @app_commands.command(name="status", description="Move a case to another status")
    @app_commands.choices(status=STATUS_CHOICES)
    async def status(
        self,
        interaction: discord.Interaction[Any],
        case_id: app_commands.Range[int, 1],
        status: str,
        reason: app_commands.Range[str, 1, MAX_NOTE_CHARS] | None = None,
    ) -> None:
        try:
            case = await services(interaction).cases.set_status(
                case_id,
                status,
                interaction.user.id,
                scope=moderator_scope(interaction),
                reason=reason,
                moderator=True,
            )
        except CaseError as exc:
            await reply(interaction, say("status_refused", error=exc.text()))
            return
        await defer(interaction)
        told = await tell_person(
            interaction,
            case,
            "status_dm",
            ref=case.ref,
            account=case.hf_account,
        )
        await tell_conversation_ended(interaction.client, case)  # closing ends the DM talk
        await reply(
            interaction, f"{say('status_set', ref=case.ref, status=case.status_label)} {told}"
        )

    @app_commands.command(name="export", description="All cases as a CSV or JSON file")
    async def export(
        self, interaction: discord.Interaction[Any], format: Literal["csv", "json"] = "csv"
    ) -> None:
        await defer(interaction)
        text = await export_cases(services(interaction).cases, moderator_scope(interaction), format)
        file = discord.File(io.BytesIO(text.encode()), filename=f"cases.{format}")
        await reply(interaction, say_(CASES, "export"), file=file)

    @app_commands.command(name="forget", description="Erase everything stored about a person")
    async def forget(self, interaction: discord.Interaction[Any], user: discord.User) -> None:
        count = len(
            await services(interaction).cases.list_cases(
                moderator_scope(interaction), discord_user_id=user.id, limit=500
            )
        )
        confirm = ForgetConfirm(interaction.client, user.id)
        confirm.anchor = interaction
        await reply(
            interaction,
            say_(CASES, "forget_prompt", cases=count, user=user.id),
            view=confirm,
        )


async def _case_or_say(interaction: discord.Interaction[Any], case_id: int) -> Case | None:
    case = await services(interaction).cases.get_case(case_id, moderator_scope(interaction))
    if case is None:
        await reply(interaction, say("no_case", case_id=case_id))
    return case


class ModeratorView(StepView):
    """A short-lived view only moderators may use, checked on every click."""

    kind = "case"

    async def allow(self, interaction: discord.Interaction[Any]) -> bool:
        return await require_moderator(interaction)


class CasePager(ModeratorView):
    """Previous/next pages of a case list (keyset paging on the case id)."""

    def __init__(
        self,
        client: discord.Client,
        *,
        status: str | None,
        user_id: int | None,
        account: str | None,
    ) -> None:
        super().__init__(client, timeout=600)
        self.status, self.user_id, self.account = status, user_id, account
        self.previous.label, self.next.label = say_(CASES, "previous"), say_(CASES, "next")
        self.starts: list[int | None] = [None]  # before_id of each page seen
        self.next_before: int | None = None

    async def page_embed(self, interaction: discord.Interaction[Any]) -> discord.Embed:
        """The current page; updates which buttons are usable."""
        cases = await services(interaction).cases.list_cases(
            moderator_scope(interaction),
            status=self.status,
            discord_user_id=self.user_id,
            hf_account=self.account,
            limit=PAGE + 1,
            before_id=self.starts[-1],
        )
        more = len(cases) > PAGE
        cases = cases[:PAGE]
        self.next_before = cases[-1].id if more and cases else None
        self.previous.disabled = len(self.starts) == 1
        self.next.disabled = self.next_before is None
        filters = {"status": self.status, "user": self.user_id, "account": self.account}
        # each filter named as the command picker names that option in the reader's language
        shown = ", ".join(
            f"{pgettext('parameter_name', k)}={v}" for k, v in filters.items() if v is not None
        )
        title = (
            say_(CASES, "list_title_filtered", filters=shown)
            if shown
            else say_(CASES, "list_title")
        )
        return case_list_embed(cases, title, len(self.starts))

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        if len(self.starts) > 1:
            self.starts.pop()
        await interaction.response.edit_message(embed=await self.page_embed(interaction), view=self)
        self.anchor = interaction

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        if self.next_before is not None:
            self.starts.append(self.next_before)
        await interaction.response.edit_message(embed=await self.page_embed(interaction), view=self)
        self.anchor = interaction


class ForgetConfirm(ForgetConfirmation):
    """A moderator's confirmation before erasing a person's data in their server's cases."""

    kind = "case"

    def __init__(self, client: discord.Client, user_id: int) -> None:
        super().__init__(
            client, user_id, erase=say_(MINE, "erase_button"), cancel=say("cancel_button")
        )

    async def allow(self, interaction: discord.Interaction[Any]) -> bool:
        return await require_moderator(interaction)

    def scope(self, interaction: discord.Interaction[Any]) -> Scope:
        return moderator_scope(interaction)

    def done(self, report: DeletionReport) -> str:
        return say_(CASES, "forget_done", cases=report.cases, events=report.events,
                    user=self.user_id)  # fmt: skip

    def cancelled(self) -> str:
        return say("forget_cancelled")
