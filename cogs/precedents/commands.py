"""`/precedents`: public cases of locked accounts that were reviewed (from the knowledge file)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cases.scope import Scope
from bot.cases.stats import restoration_times
from bot.cases.stats_report import WORDS as STATS_WORDS
from bot.cases.stats_report import local_outcome_line
from bot.i18n import gettext, listing, t
from bot.knowledge import Knowledge
from cogs.services import services
from cogs.ui.limits import FIELD_VALUE, add_field, fit_lines, make_embed
from cogs.ui.markdown import escape_discord
from cogs.ui.permissions import in_servers_and_dms
from cogs.ui.replies import reply
from cogs.ui.wording import PRECEDENTS, say


def precedents_embed(knowledge: Knowledge) -> discord.Embed:
    """Public cases where locked accounts were reviewed, with links."""
    embed = make_embed(say(PRECEDENTS, "title"), say(PRECEDENTS, "intro"))
    for p in knowledge.precedents:
        happened, matters = gettext(p.what_happened), gettext(p.why_it_matters)
        value = f"{escape_discord(happened)}\n*{escape_discord(matters)}*\n{p.link}"
        add_field(embed, escape_discord(gettext(p.title)), value)
    advice = [f"• {escape_discord(gettext(a.text))}" for a in knowledge.advice]
    add_field(embed, say(PRECEDENTS, "helps"), fit_lines(advice, FIELD_VALUE))
    policy = knowledge.policy
    watched = listing([escape_discord(gettext(theme)) for theme in policy.themes])
    add_field(
        embed,
        say(PRECEDENTS, "watched", section=escape_discord(gettext(policy.section))),
        f"{watched}\n{escape_discord(gettext(policy.note))}\n{policy.url}",
    )
    return embed


class PrecedentsCog(commands.Cog):
    """`/precedents`, for anyone."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(
        name="precedents",
        description="Public cases of locked Hugging Face accounts that were reviewed",
    )
    @in_servers_and_dms
    async def precedents(self, interaction: discord.Interaction[Any]) -> None:
        svc = services(interaction)
        embed = precedents_embed(svc.knowledge)
        if interaction.guild_id is not None:
            scope = Scope.server(interaction.guild_id, svc.settings.home_guild())
            times = await restoration_times(svc.db, scope)
            line = local_outcome_line(times[""]) if "" in times else None
            if line:
                add_field(embed, t(STATS_WORDS["local_title"]), escape_discord(line))
        await reply(interaction, embed=embed)
