"""The person's side of a DM conversation: a DM to the bot is answered at once in the person's
language (stored on their last case), with buttons to check the account, back it up, draft the
email or talk to a moderator; later messages go onto the case and, once a moderator has it,
into the case's private thread. Received with the `dm_messages` intent only."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

from bot.cases.models import Case
from bot.conversations.flow import Step, next_step
from bot.conversations.language import stored_language
from bot.conversations.limits import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_TEXT_CHARS,
    DmCooldown,
    Refusal,
    screen,
)
from bot.conversations.mentions import find_account
from bot.conversations.models import AttachmentInfo
from bot.conversations.wording import CONVERSATION
from bot.i18n import use_language
from cogs.conversations.buttons import TalkButton
from cogs.conversations.common import file_from, handling_guild, talks
from cogs.conversations.thread import relay
from cogs.conversations.welcome import render_welcome
from cogs.services import Services, services_of
from cogs.ui.case_log import post_to_modlog
from cogs.ui.replies import NO_MENTIONS
from cogs.ui.views import buttons_view
from cogs.ui.wording import say

ACCOUNT = r"[A-Za-z0-9._-]{1,96}"  # a Hub name (bot.accounts.NAME_RE), in a custom id


WARNED_KEPT = 10_000
"""People remembered as told to slow down (the memory stays small)."""


class ConversationCog(commands.Cog):
    """Answers DMs written to the bot and relays them once a moderator has the case."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.cooldown = DmCooldown()
        self.warned: set[int] = set()  # told to slow down in this flood (told once)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return  # only DMs people write to the bot; never its own messages
        if not isinstance(message.channel, discord.DMChannel):
            return
        await self._answer(message)  # a failure is logged by discord.py's on_error

    async def _answer(self, message: discord.Message) -> None:
        svc = services_of(self.bot)
        user_id = message.author.id
        wait = self.cooldown.hit(user_id)
        language = await _language(svc, user_id)
        if wait:
            if user_id not in self.warned:
                if len(self.warned) >= WARNED_KEPT:  # people who flooded once and left
                    self.warned.clear()
                self.warned.add(user_id)
                with use_language(language):
                    text = say(CONVERSATION, "cooldown", seconds=int(wait) + 1)
                await message.channel.send(text, allowed_mentions=NO_MENTIONS)
            return
        self.warned.discard(user_id)
        store = talks(svc)
        account = find_account(message.content)
        case = await store.case_for(svc.cases, user_id, account)
        if case is not None and case.created:
            await _announce(self.bot, svc, case, message.author.mention)
        files = [
            AttachmentInfo(name=a.filename, url=a.url, size=a.size) for a in message.attachments
        ]
        screened = screen(message.content, files)
        notes = _refusal_notes(screened.refused, language)
        before = await store.get(case.id) if case is not None else None
        step = next_step(case is not None, before, screened.relayable)
        if step == Step.NOTES_ONLY and notes:
            await message.channel.send("\n".join(notes), allowed_mentions=NO_MENTIONS)
            return
        if case is None or step == Step.NOTES_ONLY:
            await _welcome(self.bot, message, svc, case, account, language, notes)
            return
        language = case.locale or language
        saved = await store.record_incoming(case.id, user_id, screened.text, screened.attachments,
                                            discord_message_id=message.id)  # fmt: skip
        if step == Step.WELCOME:
            await _welcome(self.bot, message, svc, case, account, language, notes)
            return
        key = "saved"
        view: discord.ui.View | None = buttons_view(TalkButton(str(case.id)))
        if step == Step.RELAY and before is not None and before.thread_id is not None:
            kept = {a.name for a in screened.attachments}
            uploads = [file_from(a.filename, await a.read()) for a in message.attachments
                       if a.filename in kept]  # fmt: skip
            if await relay(self.bot, case, before.thread_id, saved, uploads):
                key, view = "relayed", None
        with use_language(language):
            text = "\n".join([say(CONVERSATION, key, ref=case.ref), *notes])
        kwargs: dict[str, Any] = {"view": view} if view is not None else {}
        await message.channel.send(text, allowed_mentions=NO_MENTIONS, **kwargs)


async def _announce(client: discord.Client, svc: Services, case: Case, person: str) -> None:
    """A case opened by a DM: the one-line notice in the handling server's mod-log channel (in
    that server's language), and the lock-wave watcher looks again."""

    def notice() -> dict[str, Any]:
        return {"content": say(CONVERSATION, "new_case", ref=case.ref, account=case.hf_account,
                               person=person)}  # fmt: skip

    await post_to_modlog(client, handling_guild(svc, case), notice)
    svc.waves.kick()


async def _language(svc: Services, user_id: int) -> str | None:
    """The language the person chose, else their last case's (None: English)."""
    return await stored_language(svc.db, user_id)


def _refusal_notes(refused: list[tuple[Refusal, str]], language: str | None) -> list[str]:
    notes: list[str] = []
    with use_language(language):
        for why, name in refused:
            if why == Refusal.TOO_LONG:
                notes.append(say(CONVERSATION, "cut", limit=MAX_TEXT_CHARS))
            elif why in (Refusal.FILE_TOO_BIG, Refusal.TOO_MANY_FILES):
                notes.append(say(CONVERSATION, "file_left", name=name[:100],
                                 size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
                                 count=MAX_ATTACHMENTS))  # fmt: skip
    return notes


async def _welcome(
    client: discord.Client,
    message: discord.Message,
    svc: Services,
    case: Case | None,
    account: str | None,
    language: str | None,
    notes: list[str],
) -> None:
    """The first answer (with the language picker while the person's language is not known)."""
    picker = await stored_language(svc.db, message.author.id) is None
    content, view = render_welcome(client, svc, case, account, language, picker=picker)
    kwargs: dict[str, Any] = {"view": view} if view is not None else {}
    text = "\n\n".join([content, *notes])
    await message.channel.send(text, allowed_mentions=NO_MENTIONS, **kwargs)
