"""How an appeal draft is shown in Discord: an embed with the routing advice, the body as a
copyable block, the email as a `.txt` attachment, and a mail-app link when it fits."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.appeal import AppealDraft
from bot.knowledge import Knowledge
from bot.text import discord_code_block, escape_discord
from cogs.limits import CONTENT, FIELD_VALUE, LINK_URL, add_field, fit_lines, make_embed

DM_HELP = (
    "I could not send you a direct message: your DMs are closed for this server. To allow them, "
    "open the server menu → **Privacy Settings** → turn on **Direct Messages**, then run "
    "`/appeal` again. Meanwhile, here is your draft, visible only to you:"
)


def draft_embed(draft: AppealDraft, account: str) -> discord.Embed:
    """Where to send it and why, the subject, the checklist and the next step."""
    embed = make_embed(
        f"Your email draft for {account}",
        f"**Send to:** {draft.to}\n{escape_discord(draft.why)}",
        colour=0x3498DB,
    )
    add_field(embed, "Subject", discord_code_block(draft.subject))
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
    embed.set_footer(
        text="The full email is in the attached .txt file. Fill in the placeholders before sending."
    )
    return embed


def draft_file(draft: AppealDraft, account: str) -> discord.File:
    """The email exactly as it should be sent (no Discord escaping)."""
    text = f"To: {draft.to}\nSubject: {draft.subject}\n\n{draft.body}\n"
    return discord.File(io.BytesIO(text.encode()), filename=f"appeal-{account}.txt")


def draft_message(draft: AppealDraft, account: str) -> dict[str, Any]:
    """Keyword arguments for one message carrying the whole draft."""
    block = discord_code_block(draft.body)
    content = (
        block
        if len(block) <= CONTENT
        else "The email is longer than one message: it is in the attached file."
    )
    kwargs: dict[str, Any] = {
        "content": content,
        "embed": draft_embed(draft, account),
        "file": draft_file(draft, account),
    }
    mailto = draft.mailto()
    if len(mailto) > LINK_URL:
        mailto = draft.mailto(include_body=False)
    if len(mailto) <= LINK_URL:
        view = discord.ui.View(timeout=None)
        view.add_item(discord.ui.Button(label="Open in your mail app", url=mailto))
        kwargs["view"] = view
    return kwargs


def precedents_embed(knowledge: Knowledge) -> discord.Embed:
    """Public cases where locked accounts were reviewed, with links."""
    embed = make_embed(
        "Public precedents",
        "Other people have been through this. None of these proves what happened to a given "
        "account; only Hugging Face can tell. They do show that locks are often reviewed.",
    )
    for p in knowledge.precedents:
        value = f"{escape_discord(p.what_happened)}\n*{escape_discord(p.why_it_matters)}*\n{p.link}"
        add_field(embed, escape_discord(p.title), value)
    return embed
