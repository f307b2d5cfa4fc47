"""Discord adapters: each cog parses an interaction, calls a service in `bot/`, renders, replies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

if TYPE_CHECKING:
    from cogs.client import SupportBot


async def setup_cogs(bot: SupportBot) -> None:
    """Add every cog, the persistent buttons and the global app-command error handler."""
    from cogs.account import AccountCog, AppealButton, BackupButton
    from cogs.appeal import AppealCog
    from cogs.errors import report_error
    from cogs.moderation import CaseCog
    from cogs.mycase import CaseDmsToggle, CaseProgressButton, MyCaseCog
    from cogs.precedents import PrecedentsCog
    from cogs.reminders import ReminderButton
    from cogs.stats import stats_command
    from cogs.steps import answer_expired

    cogs = (AccountCog(bot), AppealCog(bot), MyCaseCog(bot), PrecedentsCog(bot), CaseCog(bot))
    for cog in cogs:
        await bot.add_cog(cog)
    bot.add_dynamic_items(BackupButton, AppealButton, CaseProgressButton, ReminderButton, CaseDmsToggle)
    group = next(c for c in cogs if isinstance(c, CaseCog)).app_command
    if group is None:  # a GroupCog always has its group; this keeps the type checker honest
        raise RuntimeError("the /case command group is missing")
    group.add_command(stats_command)  # `/case stats`, kept in its own module
    bot.add_listener(answer_expired, "on_interaction")

    async def on_error(
        interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)

    bot.tree.on_error = on_error  # type: ignore[method-assign]
