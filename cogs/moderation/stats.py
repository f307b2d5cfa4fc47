"""`/case stats`: this server's case statistics as text, with the same figures as one chart
(drawn in a short-lived child process)."""

from __future__ import annotations

import io
from typing import Any

import discord
from discord import app_commands

from bot.cases.stats import case_stats
from bot.cases.stats_report import WORDS, stats_chart_png, stats_lines
from bot.chart_process import draw
from cogs.services import services
from cogs.ui.limits import EMBED_DESCRIPTION, fit_lines, make_embed
from cogs.ui.markdown import escape_discord
from cogs.ui.permissions import moderator_scope, require_moderator
from cogs.ui.replies import defer, reply

CHART_FILE = "case-stats.png"


@app_commands.command(name="stats", description="Case statistics of this server, with a chart")
@app_commands.check(require_moderator)
async def stats_command(interaction: discord.Interaction[Any]) -> None:
    """Added to the `/case` group by `cogs.setup_cogs` (moderators only)."""
    await defer(interaction)
    svc = services(interaction)
    stats = await case_stats(
        svc.db, moderator_scope(interaction), svc.clock.now(), guild_id=interaction.guild_id
    )
    png = await draw(stats_chart_png, stats)
    lines = [escape_discord(line) for line in stats_lines(stats)]
    embed = make_embed(WORDS["title_server"], fit_lines(lines, EMBED_DESCRIPTION))
    embed.set_image(url=f"attachment://{CHART_FILE}")
    await reply(interaction, embed=embed, file=discord.File(io.BytesIO(png), filename=CHART_FILE))
