"""Where the answer of a check or backup goes: a reply; or, after a wait in the queue, the
deferred answer edited into it while Discord's 15 minutes last, then a DM, whose refusal is
recorded on the case.

A waiting check is finished by a background task (`later`), so the command returns at once and
its Interaction is not kept: `Answer` holds it only for the token's life, then nothing of
Discord but the client and the person's id."""

from __future__ import annotations

import asyncio
import io
import logging
import secrets
from collections.abc import Callable, Coroutine
from typing import Any

import discord

from bot.check import wording
from bot.check.flow import late_text, record_late_delivery
from bot.check.waiting import take_left_checks
from bot.db import Database
from bot.i18n import t, use_language
from cogs.services import services_of
from cogs.ui.dms import send_dm_to
from cogs.ui.replies import NO_MENTIONS, reply
from cogs.ui.wording import ERRORS, say

log = logging.getLogger(__name__)

TOKEN_LIFE_S = 15 * 60 - 30
"""How long an answer is edited in place: Discord docs, "Receiving and Responding": interaction
tokens are valid for 15 minutes (the webhook then answers 401 or 404); 30 s kept in hand for the
time the command took to get here."""

_LATER: set[asyncio.Task[None]] = set()  # strong references while they run (asyncio's advice)


class Answer:
    """The answer to one interaction. `waited`: the person was told their place in the queue,
    so the result is edited into that message, or sent by DM once the token is gone."""

    def __init__(
        self, interaction: discord.Interaction[Any], *, ephemeral: bool, waited: bool = False
    ) -> None:
        self.client = interaction.client
        self.user_id = interaction.user.id
        self.ephemeral = ephemeral
        self.waited = waited
        self._interaction: discord.Interaction[Any] | None = interaction
        self._expiry: asyncio.TimerHandle | None = None
        if waited:  # an answer given at once needs no timer: nothing outlives the command
            self._expiry = asyncio.get_running_loop().call_later(TOKEN_LIFE_S, self.forget)

    @property
    def interaction(self) -> discord.Interaction[Any] | None:
        """The interaction while its token lives, else None."""
        return self._interaction

    def forget(self) -> None:
        """Drop the interaction (its token is spent): only ids are kept from now on."""
        self._interaction = None
        if self._expiry is not None:
            self._expiry.cancel()

    async def tell(self, text: str) -> None:
        """Show a line in the waiting answer; by DM once the token is gone."""
        if not await self._edit(content=text):
            await send_dm_to(self.client, self.user_id, content=text)

    async def send(
        self,
        content: str | None,
        *,
        account: str,
        case_id: int,
        embed: discord.Embed,
        view: discord.ui.View | None = None,
        files: list[discord.File] | None = None,
    ) -> None:
        """The result: a reply; after a wait, edited into the waiting answer, or by DM past the
        token's life (its outcome recorded on the case: `/mycase show` tells a refusal)."""
        if not self.waited and self._interaction is not None:
            await reply(self._interaction, content, ephemeral=self.ephemeral, embed=embed,
                        view=view, files=files)  # fmt: skip
            return
        fresh = _file_maker(files or [])  # a discord.File is spent by a send, even a refused one
        edited = await self._edit(content=content, embed=embed, view=view, attachments=fresh())
        if edited:
            return
        code = await send_dm_to(
            self.client,
            self.user_id,
            content=late_text(account, content),
            embed=embed,
            view=view or discord.utils.MISSING,
            files=fresh() or discord.utils.MISSING,
        )
        await record_late_delivery(services_of(self.client).cases, case_id, self.user_id, code)

    async def _edit(self, **kwargs: Any) -> bool:
        """Edit the waiting answer; False when the token is gone."""
        interaction = self._interaction
        if interaction is None:
            return False
        try:
            await interaction.edit_original_response(allowed_mentions=NO_MENTIONS, **kwargs)
        except discord.HTTPException as exc:
            if exc.status not in (401, 404):
                raise
            self.forget()
            return False
        return True


def later(answer: Answer, work: Coroutine[Any, Any, None]) -> None:
    """Finish a waiting check in the background (in the language of the moment); a failure is
    logged under a reference the person is given."""

    async def run() -> None:
        try:
            await work
        except Exception as exc:
            ref = secrets.token_hex(4)
            log.error("late answer failed [ref %s] user=%s", ref, answer.user_id, exc_info=exc)
            await answer.tell(say(ERRORS, "failed", ref=ref))
        finally:
            answer.forget()

    task = asyncio.create_task(run(), name="hfsb-late-answer")
    _LATER.add(task)
    task.add_done_callback(_LATER.discard)


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
