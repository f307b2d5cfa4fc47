"""The `precedents` feature as a discord.py extension (`bot.load_extension("cogs.precedents.extension")`)."""

from __future__ import annotations

from discord.ext import commands

from cogs.precedents.commands import PrecedentsCog


async def setup(bot: commands.Bot) -> None:
    """Add the cog."""
    await bot.add_cog(PrecedentsCog(bot))
