"""The confirmation before erasing a person's data, shared by `/mycase forget` (the person, all
their data) and `/case forget` (a moderator, the cases of their server): Erase or Cancel, for two
minutes, then the store's `delete_user_data` and a line saying what went."""

from __future__ import annotations

from typing import Any

import discord

from bot.cases.models import DeletionReport
from bot.cases.scope import Scope
from cogs.services import services
from cogs.ui.replies import NO_MENTIONS
from cogs.ui.steps import StepView


class ForgetConfirmation(StepView):
    """Erase or Cancel. Subclasses set `kind`, say who may click (`allow`), what is erased
    (`scope`) and the words (`done`, `cancelled`)."""

    def __init__(self, client: discord.Client, user_id: int, *, erase: str, cancel: str) -> None:
        super().__init__(client, timeout=120)
        self.user_id = user_id
        self.confirm.label = erase
        self.cancel.label = cancel

    def scope(self, interaction: discord.Interaction[Any]) -> Scope:
        """The cases to erase."""
        raise NotImplementedError

    def done(self, report: DeletionReport) -> str:
        """What was erased, in words."""
        raise NotImplementedError

    def cancelled(self) -> str:
        """Nothing was erased, in words."""
        raise NotImplementedError

    @discord.ui.button(label="Erase", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        cases = services(interaction).cases
        report = await cases.delete_user_data(self.user_id, self.scope(interaction))
        await interaction.response.edit_message(
            content=self.done(report), view=None, allowed_mentions=NO_MENTIONS
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content=self.cancelled(), view=None, allowed_mentions=NO_MENTIONS
        )
