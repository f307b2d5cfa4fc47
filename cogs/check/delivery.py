"""The answer of a check or backup: a reply, or, after a wait in the queue, the deferred answer
edited into it; past Discord's 15 minutes, a DM, whose refusal is recorded on the case."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import Any

import discord

from bot.cases.dms import LATE_RESULT
from bot.cases.models import EventKind
from bot.check import wording
from bot.check.waiting import take_left_checks
from bot.db import Database
from bot.i18n import t, use_language
from cogs.services import services
from cogs.ui.dms import send_dm, send_dm_to
from cogs.ui.replies import NO_MENTIONS, reply

log = logging.getLogger(__name__)


async def answer(
    interaction: discord.Interaction[Any],
    waited: bool,
    content: str | None,
    *,
    ephemeral: bool,
    account: str,
    case_id: int,
    embed: discord.Embed,
    view: discord.ui.View | None = None,
    files: list[discord.File] | None = None,
) -> None:
    """The result: a reply; or, after a wait in the queue, the deferred answer edited into it.
    Past the interaction token's 15 minutes (Discord docs, "Receiving and Responding": the
    webhook then answers 401 or 404), the result goes by DM; a refused DM is recorded on the
    case (`/mycase show` tells it)."""
    if not waited:
        await reply(interaction, content, ephemeral=ephemeral, embed=embed, view=view, files=files)
        return
    fresh = _file_maker(files or [])  # a discord.File is spent by a send, even a refused one
    try:
        await interaction.edit_original_response(
            content=content,
            embed=embed,
            view=view,
            attachments=fresh(),
            allowed_mentions=NO_MENTIONS,
        )
    except discord.HTTPException as exc:
        if exc.status not in (401, 404):
            raise
        late = t(wording.LATE_DM, account=account)
        code = await send_dm(
            interaction.user,
            content=f"{late}\n{content}" if content else late,
            embed=embed,
            view=view or discord.utils.MISSING,
            files=fresh() or discord.utils.MISSING,
        )
        kind = EventKind.DM_SENT if code is None else EventKind.DM_FAILED
        detail = {} if code is None else {"code": code}
        await services(interaction).cases.add_event(
            case_id, kind, interaction.user.id, {"what": LATE_RESULT, **detail}
        )


def _file_maker(files: list[discord.File]) -> Callable[[], list[discord.File]]:
    """Keep the files' bytes; each call gives new `discord.File` objects to upload."""
    kept = [(f.fp.read(), f.filename, f.spoiler, f.description) for f in files]
    return lambda: [
        discord.File(io.BytesIO(data), filename=name, spoiler=spoiler, description=about)
        for data, name, spoiler, about in kept
    ]


async def tell_left_checks(client: discord.Client, db: Database) -> None:
    """At start: DM each person whose waiting check the last run dropped without telling them
    (a crash), in their language; a refused DM is logged (nothing else can reach them)."""
    for left in await take_left_checks(db):
        with use_language(left.locale):
            text = t(wording.RESTARTED, account=left.account)
        code = await send_dm_to(client, left.discord_user_id, content=text)
        if code is not None:
            log.info("could not tell %s that their check was dropped (code %s)",
                     left.discord_user_id, code)  # fmt: skip
