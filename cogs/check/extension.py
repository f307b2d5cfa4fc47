"""The `check` feature as a discord.py extension (`bot.load_extension("cogs.check.extension")`)."""

from __future__ import annotations

from discord.ext import commands

from cogs.check.commands import AccountCog, AppealButton, BackupButton


async def setup(bot: commands.Bot) -> None:
    """Add the cog and its persistent buttons."""
    await bot.add_cog(AccountCog(bot))
    bot.add_dynamic_items(BackupButton, AppealButton)
