"""How an appeal draft is shown in Discord: address, subject and body as copyable blocks, an
embed with the routing advice, and the email as a `.txt` attachment."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.appeal.draft import AppealDraft
from cogs.limits import (
    CONTENT,
    EMBED_DESCRIPTION,
    FIELD_VALUE,
    add_field,
    fit,
    fit_lines,
    make_embed,
)
from cogs.markdown import discord_code_block, escape_discord

SUBJECT_SHOWN = 300  # the subject block stays short; the file has the subject in full

DM_HELP = (
    "I could not send you a direct message: your DMs are closed for this server. To allow them, "
    "open the server menu → **Privacy Settings** → turn on **Direct Messages**, then run "
    "`/appeal` again. Meanwhile, here is your draft, visible only to you:"
)
DM_FAILED = (
    "I could not send you a direct message just now. Here is your draft, visible only to you:"
)
CLOSED_DMS = 50007  # Discord's "Cannot send messages to this user"


# The wording of the DM that carries the draft (headings above each copyable block).
DRAFT_WORDS = {
    "to": "**Send to** (tap and hold, or select, to copy)",
    "subject": "**Subject**",
    "email": "**Email**, also attached as `{file}`",
    "email_in_embed": "**Email**: below, and attached as `{file}`",
    "email_in_file": "**Email**: it is long, so it is in the attached `{file}`",
    "footer": "Fill in the placeholders before sending. Nothing is sent for you.",
}


def draft_file_name(account: str) -> str:
    """The attachment's name."""
    return f"appeal-{account}.txt"


def draft_embed(draft: AppealDraft, account: str, body_block: str | None = None) -> discord.Embed:
    """Why this address, the checklist and the next step; the email itself as a copyable block
    when `body_block` is given (it did not fit in the message text)."""
    description = body_block or escape_discord(draft.why)
    embed = make_embed(f"Your email draft for {account}", description, colour=0x3498DB)
    if body_block:
        add_field(embed, "Why this address", escape_discord(draft.why))
    add_field(
        embed,
        "Before you send",
        fit_lines([f"• {escape_discord(c)}" for c in draft.checklist], FIELD_VALUE),
    )
    add_field(embed, "Next step", escape_discord(draft.next_step))
    if draft.warnings:
        add_field(
            embed, "Note", fit_lines([escape_discord(w) for w in draft.warnings], FIELD_VALUE)
        )
    embed.set_footer(text=DRAFT_WORDS["footer"])
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
            DRAFT_WORDS["to"],
            discord_code_block(draft.to),
            DRAFT_WORDS["subject"],
            discord_code_block(fit(draft.subject, SUBJECT_SHOWN)),
        )
    )
    block = discord_code_block(draft.body)
    with_body = f"{head}\n{DRAFT_WORDS['email'].format(file=name)}\n{block}"
    embed_block: str | None = None
    if len(with_body) <= CONTENT:
        content = with_body
    elif len(block) <= EMBED_DESCRIPTION:
        content, embed_block = f"{head}\n{DRAFT_WORDS['email_in_embed'].format(file=name)}", block
    else:
        content = f"{head}\n{DRAFT_WORDS['email_in_file'].format(file=name)}"
    return {
        "content": content,
        "embed": draft_embed(draft, account, embed_block),
        "file": draft_file(draft, account),
    }
