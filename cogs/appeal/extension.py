"""The `appeal` feature as a discord.py extension (`bot.load_extension("cogs.appeal.extension")`)."""

from __future__ import annotations

from discord.ext import commands

from cogs.appeal.commands import AppealCog
from cogs.appeal.reminders import ReminderButton


async def setup(bot: commands.Bot) -> None:
    """Add the cog and its persistent buttons."""
    await bot.add_cog(AppealCog(bot))
    bot.add_dynamic_items(ReminderButton)
