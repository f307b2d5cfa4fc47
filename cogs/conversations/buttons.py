"""The person's buttons in their DM with the bot, persistent across restarts (the account or
the case id is in the custom id): check, back up, draft, talk to a moderator, end the talk."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.cases.models import Case
from bot.cases.scope import Scope
from bot.conversations.wording import CONVERSATION
from cogs.check.commands import run_backup, run_check
from cogs.conversations.common import server_name, talks
from cogs.conversations.thread import open_thread
from cogs.services import services
from cogs.ui.cooldown import cooldown_message
from cogs.ui.replies import defer, reply
from cogs.ui.views import GuardedItem, buttons_view
from cogs.ui.wording import say

ACCOUNT = r"[A-Za-z0-9._-]{1,96}"  # a Hub name (bot.accounts.NAME_RE), in a custom id


class _PersonButton(GuardedItem):
    """A button in the person's DM carrying an account or a case id in its custom id (so it
    keeps working after a restart)."""

    prefix: str
    label: str
    style = discord.ButtonStyle.secondary

    def __init__(self, value: str) -> None:
        button = discord.ui.Button[Any](
            label=say(CONVERSATION, self.label),
            style=self.style,
            custom_id=f"{self.prefix}{value}",
        )
        super().__init__(button)  # type: ignore[call-arg]  # DynamicItem.__init__, next in the MRO
        self.value = value

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str], /,
    ) -> Any:  # fmt: skip
        return cls(match["value"])


class CheckButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=rf"hdc:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Check my account*: the check, as `/checkaccount` gives it."""

    prefix, label, style = "hdc:", "check_button", discord.ButtonStyle.primary

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        wait = cooldown_message(interaction)
        await (reply(interaction, wait) if wait else run_check(interaction, self.value))


class BackupButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=rf"hdb:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Back up my files*: the backup plan, as `/backup` gives it."""

    prefix, label = "hdb:", "backup_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        wait = cooldown_message(interaction)
        await (reply(interaction, wait) if wait else run_backup(interaction, self.value))


class DraftButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=rf"hdd:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Draft the email*: the appeal form, as `/appeal` opens it."""

    prefix, label = "hdd:", "draft_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.appeal.commands import AppealModal

        await interaction.response.send_modal(AppealModal(interaction.client, account=self.value))


class TalkButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"hdt:(?P<value>\d{1,18})"):  # fmt: skip
    """*Talk to a moderator*: opens the case's private thread for its moderators."""

    prefix, label, style = "hdt:", "talk_button", discord.ButtonStyle.success

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        case = await _own_case(interaction, int(self.value))
        if case is None:
            return
        await defer(interaction, ephemeral=False)
        svc = services(interaction)
        thread = await open_thread(interaction.client, case)
        server = server_name(interaction.client, svc, case)
        if thread is None:
            await reply(interaction, say(CONVERSATION, "talk_unavailable", ref=case.ref))
            return
        await reply(interaction, say(CONVERSATION, "talk_started", server=server, ref=case.ref),
                    ephemeral=False, view=buttons_view(EndButton(str(case.id))))  # fmt: skip


class EndButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                template=r"hde:(?P<value>\d{1,18})"):  # fmt: skip
    """*End the conversation*: nothing more is relayed until the person writes again."""

    prefix, label = "hde:", "end_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        case = await _own_case(interaction, int(self.value))
        if case is not None:
            await talks(services(interaction)).end(case.id)
            await reply(interaction, say(CONVERSATION, "ended", ref=case.ref), ephemeral=False)


async def _own_case(interaction: discord.Interaction[Any], case_id: int) -> Case | None:
    case = await services(interaction).cases.get_case(case_id, Scope.everything())
    if case is None or case.discord_user_id != interaction.user.id:
        await reply(interaction, say(CONVERSATION, "not_yours"))
        return None
    return case
