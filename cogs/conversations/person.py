"""The person's side of a DM conversation: a DM to the bot is answered at once in the person's
language (stored on their last case), with buttons to check the account, back it up, draft the
email or talk to a moderator; later messages go onto the case and, once a moderator has it,
into the case's private thread. Received with the `dm_messages` intent only."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord.ext import commands

from bot.cases.models import Case
from bot.cases.scope import Scope
from bot.conversations.flow import Step, next_step
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
from cogs.check.commands import run_backup, run_check
from cogs.conversations.common import file_from, server_name, talks
from cogs.conversations.thread import open_thread, relay
from cogs.services import Services, services, services_of
from cogs.ui.cooldown import cooldown_message
from cogs.ui.replies import NO_MENTIONS, defer, reply
from cogs.ui.views import GuardedItem, buttons_view
from cogs.ui.wording import say

ACCOUNT = r"[A-Za-z0-9._-]{1,96}"  # a Hub name (bot.accounts.NAME_RE), in a custom id


class _PersonButton(GuardedItem):
    """A button in the person's DM carrying an account or a case id in its custom id (so it
    keeps working after a restart)."""

    prefix: str
    label: str
    style = discord.ButtonStyle.secondary

    def __init__(self, value: str) -> None:
        button = discord.ui.Button[Any](
            label=say(CONVERSATION, self.label),
            style=self.style,
            custom_id=f"{self.prefix}{value}",
        )
        super().__init__(button)  # type: ignore[call-arg]  # DynamicItem.__init__, next in the MRO
        self.value = value

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str], /,
    ) -> Any:  # fmt: skip
        return cls(match["value"])


class CheckButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=rf"hdc:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Check my account*: the check, as `/checkaccount` gives it."""

    prefix, label, style = "hdc:", "check_button", discord.ButtonStyle.primary

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        wait = cooldown_message(interaction)
        await (reply(interaction, wait) if wait else run_check(interaction, self.value))


class BackupButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=rf"hdb:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Back up my files*: the backup plan, as `/backup` gives it."""

    prefix, label = "hdb:", "backup_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        wait = cooldown_message(interaction)
        await (reply(interaction, wait) if wait else run_backup(interaction, self.value))


class DraftButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=rf"hdd:(?P<value>{ACCOUNT})"):  # fmt: skip
    """*Draft the email*: the appeal form, as `/appeal` opens it."""

    prefix, label = "hdd:", "draft_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.appeal.commands import AppealModal

        await interaction.response.send_modal(AppealModal(interaction.client, account=self.value))


class TalkButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"hdt:(?P<value>\d{1,18})"):  # fmt: skip
    """*Talk to a moderator*: opens the case's private thread for its moderators."""

    prefix, label, style = "hdt:", "talk_button", discord.ButtonStyle.success

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        case = await _own_case(interaction, int(self.value))
        if case is None:
            return
        await defer(interaction, ephemeral=False)
        svc = services(interaction)
        thread = await open_thread(interaction.client, case)
        server = server_name(interaction.client, svc, case)
        if thread is None:
            await reply(interaction, say(CONVERSATION, "talk_unavailable", ref=case.ref))
            return
        await reply(interaction, say(CONVERSATION, "talk_started", server=server, ref=case.ref),
                    ephemeral=False, view=buttons_view(EndButton(str(case.id))))  # fmt: skip


class EndButton(_PersonButton, discord.ui.DynamicItem[discord.ui.Button[Any]],
                template=r"hde:(?P<value>\d{1,18})"):  # fmt: skip
    """*End the conversation*: nothing more is relayed until the person writes again."""

    prefix, label = "hde:", "end_button"

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        case = await _own_case(interaction, int(self.value))
        if case is not None:
            await talks(services(interaction)).end(case.id)
            await reply(interaction, say(CONVERSATION, "ended", ref=case.ref), ephemeral=False)


async def _own_case(interaction: discord.Interaction[Any], case_id: int) -> Case | None:
    case = await services(interaction).cases.get_case(case_id, Scope.everything())
    if case is None or case.discord_user_id != interaction.user.id:
        await reply(interaction, say(CONVERSATION, "not_yours"))
        return None
    return case


def _buttons(case: Case | None, account: str | None) -> discord.ui.View | None:
    items: list[discord.ui.Item[Any]] = []
    name = case.hf_account if case is not None else account
    if name:
        items += [CheckButton(name), BackupButton(name), DraftButton(name)]
    if case is not None:
        items.append(TalkButton(str(case.id)))
    return buttons_view(*items) if items else None


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
                self.warned.add(user_id)
                with use_language(language):
                    text = say(CONVERSATION, "cooldown", seconds=int(wait) + 1)
                await message.channel.send(text, allowed_mentions=NO_MENTIONS)
            return
        self.warned.discard(user_id)
        store = talks(svc)
        account = find_account(message.content)
        case = await store.case_for(svc.cases, user_id, account)
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


async def _language(svc: Services, user_id: int) -> str | None:
    """The language stored from the person's last case (None: English)."""
    latest = await svc.cases.list_cases(Scope.everything(), discord_user_id=user_id, limit=1)
    return latest[0].locale if latest else None


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
    """The first answer: what the bot can do, the account it read, the buttons."""
    guild = client.get_guild(svc.settings.home_guild() or 0)
    with use_language(language):
        lines = [say(CONVERSATION, "welcome", server=guild.name if guild else "Hugging Face")]
        shown = case.hf_account if case is not None else account
        lines.append(say(CONVERSATION, "account_seen", account=shown) if shown
                     else say(CONVERSATION, "ask_account"))  # fmt: skip
        view = _buttons(case, account)
    kwargs: dict[str, Any] = {"view": view} if view is not None else {}
    await message.channel.send("\n\n".join(lines + notes), allowed_mentions=NO_MENTIONS, **kwargs)
