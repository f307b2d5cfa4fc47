"""`/mycase`: a person's own cases, with buttons to report progress (the rules of what a report
changes are `CaseStore.record_progress`'s)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cases.models import CaseError, CaseNotFound, NotYourCase, Progress
from bot.knowledge import ONE_TICKET_ADVICE
from cogs.case_embeds import my_cases_embed
from cogs.client import services
from cogs.permissions import in_servers_and_dms, is_moderator
from cogs.replies import reply
from cogs.views import GuardedItem, buttons_view

if TYPE_CHECKING:
    from cogs.client import SupportBot

MAX_CASES_WITH_BUTTONS = 5
ACTIONS = {
    Progress.REPLIED: ("Hugging Face replied", discord.ButtonStyle.primary),
    Progress.RESTORED: ("Account restored", discord.ButtonStyle.success),
    Progress.LOCKED: ("Still locked", discord.ButtonStyle.secondary),
}


class MyCaseCog(commands.Cog):
    """What a person can see and do about their own cases."""

    def __init__(self, bot: SupportBot) -> None:
        self.bot = bot

    @app_commands.command(name="mycase", description="Your support cases and their status")
    @in_servers_and_dms
    async def mycase(self, interaction: discord.Interaction[Any]) -> None:
        cases = await services(interaction).cases.list_cases(
            discord_user_id=interaction.user.id, limit=10
        )
        active = [c for c in cases if c.active][:MAX_CASES_WITH_BUTTONS]
        view = buttons_view(
            *(
                CaseProgressButton(case.id, action, row=row)
                for row, case in enumerate(active)
                for action in ACTIONS
            )
        )
        await reply(interaction, embed=my_cases_embed(cases), view=view if view.children else None)


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
                label=f"#{case_id} {label}",
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
            case = await svc.cases.record_progress(
                self.case_id, interaction.user.id, self.action, moderator=is_moderator(interaction)
            )
        except (CaseNotFound, NotYourCase):
            await reply(interaction, "That case is not yours, so it was left unchanged.")
            return
        except CaseError as exc:
            await reply(interaction, f"Could not update the case: {exc}.")
            return
        if self.action == Progress.RESTORED:
            await reply(
                interaction,
                f"Wonderful news. Case {case.ref} is marked restored. If anything is missing, a moderator can reopen it.",
            )
        elif self.action == Progress.REPLIED:
            await reply(
                interaction,
                f"Noted on case {case.ref}: Hugging Face replied. Answer them in the same email thread, calmly and with the facts they ask for.",
            )
        else:
            contact = svc.knowledge.contact
            follow = contact.route(contact.follow_up).address
            days = svc.settings.followup_days
            await reply(
                interaction,
                f"Noted on case {case.ref}: still locked. If {days} days have passed with no reply, send one short follow-up to {follow} from the address on your account (`/appeal` drafts it). {svc.knowledge.advice_text(ONE_TICKET_ADVICE)}",
            )
