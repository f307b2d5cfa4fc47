"""Embeds for cases: one case with its timeline, a page of cases, a person's own cases."""

from __future__ import annotations

import discord

from bot.cases.models import Case, Event, EventKind
from cogs.limits import FIELD_VALUE, add_field, fit, fit_lines, make_embed
from cogs.markdown import escape_discord


def case_line(case: Case) -> str:
    """`#12 · alice · waiting on Hugging Face · updated 2026-11-25`."""
    return (
        f"**{case.ref}** · `{case.hf_account}` · {case.status_label} · "
        f"updated {case.updated_at:%Y-%m-%d}"
    )


def event_line(event: Event) -> str:
    """One timeline entry, without private text except moderator notes."""
    when = f"{event.created_at:%Y-%m-%d %H:%M}"
    actor = f" by <@{event.actor_id}>" if event.actor_id else ""
    detail = ""
    p = event.payload
    if event.kind == EventKind.NOTE:
        detail = ": " + escape_discord(fit(str(p.get("text", "")), 300))
    elif event.kind == EventKind.STATUS_CHANGED:
        detail = f": {p.get('from')} → {p.get('to')}"
        if p.get("reason"):
            detail += f" ({escape_discord(fit(str(p['reason']), 200))})"
    elif event.kind == EventKind.CHECK_RAN:
        detail = f": {p.get('verdict')}, {p.get('public_repos', 0)} public repos"
    elif event.kind == EventKind.APPEAL_DRAFTED:
        detail = f": to {p.get('to')}"
    elif event.kind == EventKind.USER_UPDATE:
        detail = f": {escape_discord(str(p.get('update', '')))}"
    return f"`{when}` {event.kind.value}{actor}{detail}"


def case_embed(case: Case, events: list[Event]) -> discord.Embed:
    """A case for moderators: who, which account, status, and the timeline."""
    dm = [e for e in events if e.kind in (EventKind.DM_SENT, EventKind.DM_FAILED)]
    dm_state = "-" if not dm else ("yes" if dm[-1].kind == EventKind.DM_SENT else "no (DMs closed)")
    embed = make_embed(
        f"Case {case.ref}: {case.hf_account}",
        f"Person: <@{case.discord_user_id}> (`{case.discord_user_id}`)\n"
        f"Status: **{case.status_label}**\n"
        f"Opened {case.created_at:%Y-%m-%d %H:%M} UTC · DM delivered: {dm_state}",
    )
    lines = [event_line(e) for e in events]
    add_field(embed, f"Timeline ({len(events)})", fit_lines(lines[-15:], FIELD_VALUE))
    return embed


def case_list_embed(cases: list[Case], title: str, page: int) -> discord.Embed:
    """A page of cases."""
    description = "\n".join(case_line(c) for c in cases) if cases else "No cases match."
    embed = make_embed(title, description)
    embed.set_footer(text=f"Page {page}")
    return embed


def my_cases_embed(cases: list[Case]) -> discord.Embed:
    """A person's own cases, with what the buttons do."""
    if not cases:
        return make_embed(
            "Your cases",
            "You have no cases yet. `/checkaccount` looks at an account; `/appeal` drafts an "
            "email to Hugging Face.",
        )
    embed = make_embed("Your cases", "\n".join(case_line(c) for c in cases))
    if any(c.active for c in cases):
        add_field(
            embed,
            "Keep it up to date",
            "Use the buttons when something changes: it helps the moderators help you, and "
            "nothing else is shared.",
        )
    return embed
