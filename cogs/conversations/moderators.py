"""The moderators' answers: the *Reply* button under every relayed message (a form), the DM
that carries the answer to the person, and the end of a conversation when its case is closed.
Moderator rights are checked in code on every click."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.cases.models import Case, EventKind
from bot.conversations.limits import MAX_REPLY_CHARS
from bot.conversations.wording import CONVERSATION
from bot.i18n import use_language
from bot.servers.wording import say as server_say
from cogs.conversations.common import (
    handling_guild,
    server_name,
    talks,
    thread_channel,
    typed_embed,
)
from cogs.services import services, services_of
from cogs.ui.case_log import server_language
from cogs.ui.dms import send_dm_to
from cogs.ui.markdown import escape_discord
from cogs.ui.permissions import moderator_scope, require_moderator
from cogs.ui.replies import NO_MENTIONS, defer, reply
from cogs.ui.steps import StepModal
from cogs.ui.views import GuardedItem
from cogs.ui.wording import say

log = logging.getLogger(__name__)
SIGNATURE_CHARS = 80


async def deliver_reply(
    client: discord.Client, case: Case, moderator: discord.abc.User, text: str, signed: str | None
) -> int | None:
    """DM a moderator's answer to the case's person (in the case's language), record it and
    post a copy in the thread. None when delivered, else Discord's refusal code (nothing is
    recorded then)."""
    svc = services_of(client)
    store = talks(svc)
    server = server_name(client, svc, case)
    with use_language(case.locale):
        if signed:
            head = say(CONVERSATION, "reply_dm_signed", name=escape_discord(signed), server=server,
                       ref=case.ref)  # fmt: skip
        else:
            head = say(CONVERSATION, "reply_dm", server=server, ref=case.ref)
        content = f"{head}\n-# {say(CONVERSATION, 'reply_hint')}"
    code = await send_dm_to(client, case.discord_user_id, content=content, embed=typed_embed(text))
    if code is not None:
        return code
    await store.record_reply(case.id, moderator.id, text, signed=signed)
    await svc.cases.add_event(
        case.id, EventKind.DM_SENT, moderator.id, {"what": "conversation_reply"}
    )
    thread_id = await store.thread_of(case.id)
    if thread_id is not None:
        guild = client.get_guild(handling_guild(svc, case) or 0)
        with use_language(server_language(guild)):
            posted = say(CONVERSATION, "reply_posted", moderator=moderator.mention)
        try:
            thread = thread_channel(client, thread_id)
            await thread.send(posted, embed=typed_embed(text), allowed_mentions=NO_MENTIONS)
        except (discord.HTTPException, discord.RateLimited) as exc:
            log.warning("could not copy the answer to case %s's thread: %s", case.id, exc)
    return None


async def tell_conversation_ended(client: discord.Client, case: Case) -> bool:
    """After a case was closed or restored: if that ended its conversation just now, tell the
    person by DM and note it in the thread. Whether there was one."""
    svc = services_of(client)
    found = await talks(svc).get(case.id)
    if found is None or found.ended_at is None or found.ended_at != case.updated_at:
        return False
    with use_language(case.locale):
        text = say(CONVERSATION, "ended_by_case", ref=case.ref)
    await send_dm_to(client, case.discord_user_id, content=text)
    if found.thread_id is not None:
        guild = client.get_guild(found.thread_guild_id or 0)
        with use_language(server_language(guild)):
            note = say(CONVERSATION, "ended_notice")
        try:
            thread = thread_channel(client, found.thread_id)
            await thread.send(note, allowed_mentions=NO_MENTIONS)
        except (discord.HTTPException, discord.RateLimited) as exc:
            log.warning("could not note the end in case %s's thread: %s", case.id, exc)
    return True


async def case_for_moderator(interaction: discord.Interaction[Any], case_id: int) -> Case | None:
    """The case if it is in the moderator's scope (else they are told there is no such case)."""
    case = await services(interaction).cases.get_case(case_id, moderator_scope(interaction))
    if case is None:
        await reply(interaction, server_say("no_case", case_id=case_id))
    return case


async def answer_person(
    interaction: discord.Interaction[Any], case: Case, text: str, with_name: bool
) -> None:
    """Deliver a moderator's answer, signed with their own Discord name only when they chose
    so (never a name they type), and tell the moderator how it went."""
    await defer(interaction)
    name = interaction.user.display_name[:SIGNATURE_CHARS] if with_name else None
    code = await deliver_reply(interaction.client, case, interaction.user, text.strip(), name)
    if code is None:
        await reply(interaction, say(CONVERSATION, "reply_done", ref=case.ref))
    else:
        await reply(interaction, say(CONVERSATION, "reply_refused", code=code))


FORM_TIMEOUT_S = 600.0
TEXT_ID = re.compile(r"reply_text:(?P<case>\d{1,18})")


class ReplyModal(StepModal, title="Reply to the person"):  # retitled in the reader's language
    """The moderator's answer: the text (its input's custom id names the case, so a form sent
    after its 10 minutes or across a restart still arrives) and how to sign it ("a moderator of
    SERVER" unless they pick their own name)."""

    kind = "reply"

    def __init__(self, client: discord.Client, case: Case, server: str, moderator: str) -> None:
        super().__init__(client, timeout=FORM_TIMEOUT_S)
        self.title = say(CONVERSATION, "reply_title")
        self.case = case
        self.text: discord.ui.TextInput[ReplyModal] = discord.ui.TextInput(
            label=say(CONVERSATION, "reply_label"),
            style=discord.TextStyle.paragraph,
            max_length=MAX_REPLY_CHARS,
            custom_id=f"reply_text:{case.id}",
        )
        self.sign: discord.ui.Select[ReplyModal] = discord.ui.Select(
            custom_id="reply_sign",
            options=[
                discord.SelectOption(label=say(CONVERSATION, "sign_anonymous", server=server)[:100],
                                     value="anonymous", default=True),
                discord.SelectOption(label=say(CONVERSATION, "sign_me", name=moderator)[:100],
                                     value="me"),
            ],
        )  # fmt: skip
        self.add_item(self.text)
        self.add_item(discord.ui.Label(text=say(CONVERSATION, "sign_label"), component=self.sign))

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        if await require_moderator(interaction):
            with_name = self.sign.values == ["me"]
            await answer_person(interaction, self.case, self.text.value, with_name)


async def late_reply(interaction: discord.Interaction[Any], typed: dict[str, str]) -> None:
    """A Reply form submitted after its form object is gone: the answer still goes, signed "a
    moderator of SERVER" (the safe default; the choice of a select is not kept)."""
    found = [(TEXT_ID.fullmatch(key), value) for key, value in typed.items()]
    match, text = next(((m, v) for m, v in found if m is not None), (None, ""))
    if match is None or not await require_moderator(interaction):
        return
    case = await case_for_moderator(interaction, int(match["case"]))
    if case is not None and text.strip():
        await answer_person(interaction, case, text, False)


class ReplyButton(
    GuardedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"hdr:(?P<case>\d{1,18})",
):
    """*Reply* under a relayed message: a form whose answer goes to the person by DM."""

    def __init__(self, case_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=say(CONVERSATION, "reply_button"),
                style=discord.ButtonStyle.primary,
                custom_id=f"hdr:{case_id}",
            )
        )
        self.case_id = case_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReplyButton:
        return cls(int(match["case"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if not await require_moderator(interaction):
            return
        case = await case_for_moderator(interaction, self.case_id)
        if case is not None:
            server = server_name(interaction.client, services(interaction), case)
            modal = ReplyModal(interaction.client, case, server, interaction.user.display_name)
            await interaction.response.send_modal(modal)
