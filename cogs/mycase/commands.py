"""`/mycase show`: a person's own cases, with buttons to report progress (the rules of what a
report changes are `CaseStore.record_progress`'s) and to turn case DMs on or off;
`/mycase forget`: the person erases their own data everywhere, after a confirmation."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cases.dms import undelivered_result
from bot.cases.models import CaseError, CaseNotFound, DeletionReport, NotYourCase, Progress
from bot.cases.scope import Scope
from bot.check import wording as check_wording
from bot.i18n import gettext, t
from bot.knowledge import ONE_TICKET_ADVICE
from bot.reminders.wording import WORDS as REMINDER_WORDS
from bot.servers.wording import say
from cogs.appeal.reminders import reminder_buttons
from cogs.services import services
from cogs.ui.case_embeds import my_cases_embed
from cogs.ui.forget import ForgetConfirmation
from cogs.ui.limits import add_field
from cogs.ui.permissions import in_servers_and_dms, is_moderator, moderator_scope
from cogs.ui.replies import reply
from cogs.ui.views import GuardedItem, buttons_view
from cogs.ui.wording import MINE
from cogs.ui.wording import say as say_

MAX_CASES_WITH_BUTTONS = 4  # a row each (3 progress + 2 reminder buttons), the 5th row for the DM toggle
ACTIONS = {  # the label's key in `cogs.ui.wording.MINE`, the style
    Progress.REPLIED: ("replied", discord.ButtonStyle.primary),
    Progress.RESTORED: ("restored", discord.ButtonStyle.success),
    Progress.LOCKED: ("locked", discord.ButtonStyle.secondary),
}


@in_servers_and_dms
class MyCaseCog(commands.GroupCog, group_name="mycase", group_description="Your support cases"):
    """What a person can see and do about their own cases (everywhere: their own data)."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="show", description="Your support cases and their status")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        svc = services(interaction)
        cases = await svc.cases.list_cases(
            Scope.everything(), discord_user_id=interaction.user.id, limit=10
        )
        pending = await svc.reminders.store.pending_of(c.id for c in cases if c.active)
        active = [c for c in cases if c.active][:MAX_CASES_WITH_BUTTONS]
        items: list[discord.ui.Item[Any]] = []
        for row, case in enumerate(active):
            items.extend(CaseProgressButton(case.id, action, row=row) for action in ACTIONS)
            if case.id in pending:
                items.extend(reminder_buttons(case.id, row))
        dms_on = await svc.prefs.status_dms(interaction.user.id)
        items.append(CaseDmsToggle(not dms_on, row=len(active)))  # its own row, after the cases'
        embed = my_cases_embed(cases)
        if pending:
            lines = [
                t(REMINDER_WORDS["next"], ref=f"#{i}", due=f"{r.due_at:%Y-%m-%d %H:%M} UTC")
                for i, r in sorted(pending.items())
            ]
            add_field(embed, t(REMINDER_WORDS["field"]), "\n".join(lines))
        lost = await undelivered_result(svc.db, interaction.user.id)
        if lost is not None:
            when = f"{lost.created_at:%Y-%m-%d %H:%M} UTC"
            text = t(check_wording.LATE_UNDELIVERED, ref=f"#{lost.case_id}", when=when)
            add_field(embed, t(check_wording.LATE_UNDELIVERED_TITLE), text)
        await reply(interaction, embed=embed, view=buttons_view(*items))

    @app_commands.command(name="forget", description="Erase everything the bot keeps about you")
    async def forget(self, interaction: discord.Interaction[Any]) -> None:
        count = len(
            await services(interaction).cases.list_cases(
                Scope.everything(), discord_user_id=interaction.user.id, limit=500
            )
        )
        if count == 0:
            await reply(interaction, say("forget_nothing"))
            return
        confirm = ForgetMine(interaction.client, interaction.user.id)
        confirm.anchor = interaction
        await reply(interaction, say("forget_prompt", cases=count), view=confirm)


class ForgetMine(ForgetConfirmation):
    """The person's confirmation before erasing their own data everywhere; only they can click."""

    kind = "mine"

    def __init__(self, client: discord.Client, user_id: int) -> None:
        super().__init__(client, user_id, erase=say("forget_button"), cancel=say("cancel_button"))

    async def allow(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.user_id

    def scope(self, interaction: discord.Interaction[Any]) -> Scope:
        return Scope.everything()

    def done(self, report: DeletionReport) -> str:
        return say("forget_done", cases=report.cases, events=report.events)

    def cancelled(self) -> str:
        return say("forget_cancelled")


class CaseDmsToggle(
    GuardedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"hfsb:my:dms:(?P<on>on|off)",
):
    """Turn the DMs about one's cases on or off (stored per person; persistent button)."""

    def __init__(self, on: bool, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=say("dms_on_button" if on else "dms_off_button"),
                style=discord.ButtonStyle.secondary,
                custom_id=f"hfsb:my:dms:{'on' if on else 'off'}",
                row=row,
            )
        )
        self.on = on

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CaseDmsToggle:
        return cls(match["on"] == "on")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        await services(interaction).prefs.set_status_dms(interaction.user.id, self.on)
        await reply(interaction, say("dms_now_on" if self.on else "dms_now_off"))


class CaseProgressButton(
    GuardedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"hfsb:my:(?P<case>\d{1,18}):(?P<action>replied|restored|locked)",
):
    """A person reports progress on their case; persistent across restarts."""

    def __init__(self, case_id: int, action: Progress, *, row: int | None = None) -> None:
        label, style = ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=say_(MINE, "progress_button", case=case_id, label=say_(MINE, label)),
                style=style,
                custom_id=f"hfsb:my:{case_id}:{action}",
                row=row,
            )
        )
        self.case_id, self.action = case_id, action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CaseProgressButton:
        return cls(int(match["case"]), Progress(match["action"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        svc = services(interaction)
        try:
            scope = moderator_scope(interaction) if await is_moderator(interaction) else None
            case = await svc.cases.record_progress(
                self.case_id, interaction.user.id, self.action, moderator_scope=scope
            )
        except (CaseNotFound, NotYourCase):
            await reply(interaction, say_(MINE, "not_yours"))
            return
        except CaseError as exc:
            await reply(interaction, say_(MINE, "refused", error=exc.text()))
            return
        if self.action == Progress.RESTORED:
            await reply(interaction, say_(MINE, "now_restored", ref=case.ref))
        elif self.action == Progress.REPLIED:
            await reply(interaction, say_(MINE, "now_replied", ref=case.ref))
        else:
            contact = svc.knowledge.contact
            text = say_(
                MINE,
                "now_locked",
                ref=case.ref,
                days=svc.settings.followup_days,
                address=contact.route(contact.follow_up).address,
                advice=gettext(svc.knowledge.advice_text(ONE_TICKET_ADVICE)),
            )
            await reply(interaction, text)
