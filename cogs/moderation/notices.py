"""Telling the person about their case: a short DM when a moderator moves it or writes a note
for them. One attempt only; a refusal (closed DMs) is recorded on the case, never retried."""

from __future__ import annotations

from typing import Any

import discord

from bot.cases.dm_refusals import CLOSED_DMS, NO_MUTUAL_GUILDS
from bot.cases.models import STATUS_LABELS, Case, EventKind
from bot.i18n import gettext, use_language
from bot.servers.wording import say
from cogs.services import services
from cogs.ui.dms import send_dm_to


async def tell_person(
    interaction: discord.Interaction[Any], case: Case, key: str, **values: object
) -> str:
    """DM the sentence `key` of `bot.servers.wording` (in the case's language) to the case's
    person unless they turned these DMs off; returns what the moderator should hear about it."""
    svc = services(interaction)
    if not await svc.prefs.status_dms(case.discord_user_id):
        return say("told_off")
    with use_language(case.locale):
        status = gettext(STATUS_LABELS[case.status])
        text = f"{say(key, **{'status': status, **values})}\n-# {say('dm_footer')}"
    code = await send_dm_to(interaction.client, case.discord_user_id, content=text)
    if code is None:
        await svc.cases.add_event(case.id, EventKind.DM_SENT, None, {"what": "case_update"})
        return say("told_sent")
    await svc.cases.add_event(
        case.id, EventKind.DM_FAILED, None, {"what": "case_update", "code": code}
    )
    if code == CLOSED_DMS:
        return say("told_closed")
    return say("told_no_mutual") if code == NO_MUTUAL_GUILDS else say("told_failed", code=code)
