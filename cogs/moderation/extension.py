"""The `/case` group as a discord.py extension (`bot.load_extension("cogs.moderation.extension")`)."""

from __future__ import annotations

from discord.ext import commands

from cogs.moderation.commands import CaseCog
from cogs.moderation.stats import stats_command


async def setup(bot: commands.Bot) -> None:
    """Add the `/case` group, with `/case stats` kept in its own module."""
    cog = CaseCog(bot)
    await bot.add_cog(cog)
    group = cog.app_command
    if group is None:  # a GroupCog always has its group; this keeps the type checker honest
        raise RuntimeError("the /case command group is missing")
    group.add_command(stats_command)
