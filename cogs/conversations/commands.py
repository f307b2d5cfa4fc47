"""`/case reply` and `/case transcript`, added to the moderators' `/case` group. Moderator rights
are checked by the group (in code) and scope every lookup."""

from __future__ import annotations

import io
from typing import Any

import discord
from discord import app_commands

from bot.conversations.limits import MAX_REPLY_CHARS
from bot.conversations.transcript import case_transcript
from bot.conversations.wording import CONVERSATION
from cogs.conversations.common import talks
from cogs.conversations.moderators import answer_person, case_for_moderator
from cogs.conversations.thread import add_moderator, open_thread
from cogs.services import services
from cogs.ui.permissions import moderator_scope
from cogs.ui.replies import defer, reply
from cogs.ui.wording import say


@app_commands.command(name="reply", description="Answer a case's person by DM")
@app_commands.describe(
    sign_with_my_name="Sign with your Discord name (else: a moderator of this server)"
)
async def reply_command(
    interaction: discord.Interaction[Any],
    case_id: app_commands.Range[int, 1],
    text: app_commands.Range[str, 1, MAX_REPLY_CHARS],
    sign_with_my_name: bool = False,
) -> None:
    case = await case_for_moderator(interaction, case_id)
    if case is None:
        return
    await defer(interaction)
    thread_id = await open_thread(interaction.client, case)
    if thread_id is None:
        await reply(interaction, say(CONVERSATION, "no_thread", ref=case.ref))
    else:
        await add_moderator(interaction.client, thread_id, interaction.user)
    await answer_person(interaction, case, text, sign_with_my_name)


@app_commands.command(name="transcript", description="A case as one web page (HTML file)")
async def transcript_command(
    interaction: discord.Interaction[Any], case_id: app_commands.Range[int, 1]
) -> None:
    case = await case_for_moderator(interaction, case_id)
    if case is None:
        return
    await defer(interaction)
    svc = services(interaction)
    page = await case_transcript(
        svc.cases, talks(svc), case.id, moderator_scope(interaction), now=svc.clock.now()
    )
    file = discord.File(io.BytesIO(page.encode()), filename=f"case-{case.id}.html")
    await reply(interaction, say(CONVERSATION, "transcript", ref=case.ref), file=file)
