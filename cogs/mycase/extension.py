"""The `mycase` feature as a discord.py extension (`bot.load_extension("cogs.mycase.extension")`)."""

from __future__ import annotations

from discord.ext import commands

from cogs.mycase.commands import CaseDmsToggle, CaseProgressButton, MyCaseCog


async def setup(bot: commands.Bot) -> None:
    """Add the cog and its persistent buttons."""
    await bot.add_cog(MyCaseCog(bot))
    bot.add_dynamic_items(CaseProgressButton, CaseDmsToggle)
