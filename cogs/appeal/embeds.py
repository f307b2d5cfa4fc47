"""How an appeal draft is shown in Discord: address, subject and body as copyable blocks, an
embed with the routing advice, and the email as a `.txt` attachment."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.appeal.draft import AppealDraft
from bot.i18n import current_language
from bot.i18n.locales import ENGLISH
from cogs.ui.limits import (
    CONTENT,
    EMBED_DESCRIPTION,
    FIELD_VALUE,
    add_field,
    fit,
    fit_lines,
    make_embed,
)
from cogs.ui.markdown import discord_code_block, escape_discord
from cogs.ui.wording import DRAFT, say

SUBJECT_SHOWN = 300  # the subject block stays short; the file has the subject in full

EXPLAINED = ("explain_subject", "explain_opening", "explain_facts", "explain_earlier",
             "explain_closing")  # fmt: skip


def draft_file_name(account: str) -> str:
    """The attachment's name."""
    return f"appeal-{account}.txt"


def draft_embed(draft: AppealDraft, account: str, body_block: str | None = None) -> discord.Embed:
    """Why this address, the checklist and the next step; the email itself as a copyable block
    when `body_block` is given (it did not fit in the message text)."""
    description = body_block or escape_discord(draft.why)
    embed = make_embed(say(DRAFT, "title", account=account), description, colour=0x3498DB)
    if body_block:
        embed.keep = frozenset({"description"})  # the email to copy is shortened last
        add_field(embed, say(DRAFT, "why"), escape_discord(draft.why))
    add_field(
        embed,
        say(DRAFT, "before"),
        fit_lines([f"• {escape_discord(c)}" for c in draft.checklist], FIELD_VALUE),
    )
    add_field(embed, say(DRAFT, "next"), escape_discord(draft.next_step))
    if draft.warnings:
        add_field(
            embed,
            say(DRAFT, "note"),
            fit_lines([escape_discord(w) for w in draft.warnings], FIELD_VALUE),
        )
    if current_language() != ENGLISH:  # the email is English: say what each part says
        lines = [f"• {escape_discord(say(DRAFT, key))}" for key in EXPLAINED]
        add_field(embed, say(DRAFT, "explain_title"), fit_lines(lines, FIELD_VALUE))
    embed.set_footer(text=say(DRAFT, "footer"))
    return embed


def draft_file(draft: AppealDraft, account: str) -> discord.File:
    """The email exactly as it should be sent (no Discord escaping)."""
    text = f"To: {draft.to}\nSubject: {draft.subject}\n\n{draft.body}\n"
    return discord.File(io.BytesIO(text.encode()), filename=draft_file_name(account))


def draft_message(draft: AppealDraft, account: str, *, preface: str = "") -> dict[str, Any]:
    """Keyword arguments for one message carrying the whole draft: the address and the subject
    each in its own code block (one tap to copy on a phone), the email as a code block (in the
    text, else in the embed, else only in the file) and as a `.txt` attachment. No link button:
    Discord refuses `mailto:` URLs on buttons. `preface` (a reminder's words) comes first."""
    name = draft_file_name(account)
    head = "\n".join(
        (
            *([escape_discord(preface)] if preface else []),
            say(DRAFT, "to"),
            discord_code_block(draft.to),
            say(DRAFT, "subject"),
            discord_code_block(fit(draft.subject, SUBJECT_SHOWN)),
        )
    )
    block = discord_code_block(draft.body)
    with_body = f"{head}\n{say(DRAFT, 'email', file=name)}\n{block}"
    embed_block: str | None = None
    if len(with_body) <= CONTENT:
        content = with_body
    elif len(block) <= EMBED_DESCRIPTION:
        content, embed_block = f"{head}\n{say(DRAFT, 'email_in_embed', file=name)}", block
    else:
        content = f"{head}\n{say(DRAFT, 'email_in_file', file=name)}"
    return {
        "content": content,
        "embed": draft_embed(draft, account, embed_block),
        "file": draft_file(draft, account),
    }
