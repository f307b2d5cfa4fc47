"""Embeds for cases: one case with its timeline, a page of cases, a person's own cases."""

from __future__ import annotations

import discord

from bot.cases.dm_refusals import refusal
from bot.cases.models import Case, Event, EventKind
from bot.cases.wording import CHECK_EVENT, EVENT_LABELS, EVENT_WORDS
from bot.i18n import nt, t
from cogs.ui.limits import FIELD_VALUE, add_field, fit, fit_lines, make_embed
from cogs.ui.markdown import escape_discord
from cogs.ui.wording import CASES, MINE, say


def case_line(case: Case) -> str:
    """`#12 · alice · waiting on Hugging Face · updated 2026-11-25`."""
    updated = say(MINE, "updated", date=f"{case.updated_at:%Y-%m-%d}")
    return f"**{case.ref}** · `{case.hf_account}` · {case.status_label} · {updated}"


def event_line(event: Event) -> str:
    """One timeline entry, without private text except moderator notes."""
    when = f"{event.created_at:%Y-%m-%d %H:%M}"
    actor = t(EVENT_WORDS["by"], actor=f"<@{event.actor_id}>") if event.actor_id else ""
    detail = ""
    p = event.payload
    if event.kind == EventKind.NOTE:
        detail = ": " + escape_discord(fit(str(p.get("text", "")), 300))
    elif event.kind == EventKind.STATUS_CHANGED:
        detail = f": {p.get('from')} → {p.get('to')}"
        if p.get("reason"):
            detail += f" ({escape_discord(fit(str(p['reason']), 200))})"
    elif event.kind == EventKind.CHECK_RAN:
        count = p.get("public_repos", 0)
        count = count if isinstance(count, int) else 0
        detail = ": " + nt(CHECK_EVENT, count, verdict=p.get("verdict"))
    elif event.kind == EventKind.APPEAL_DRAFTED:
        detail = ": " + t(EVENT_WORDS["to"], to=p.get("to"))
    elif event.kind == EventKind.USER_UPDATE:
        detail = f": {escape_discord(str(p.get('update', '')))}"
    kind = t(EVENT_LABELS[event.kind.value]) if event.kind.value in EVENT_LABELS else event.kind
    return f"`{when}` {kind}{actor}{detail}"


def case_embed(case: Case, events: list[Event]) -> discord.Embed:
    """A case for moderators: who, which account, status, and the timeline."""
    dm = [e for e in events if e.kind in (EventKind.DM_SENT, EventKind.DM_FAILED)]
    dm_state = "-"
    if dm and dm[-1].kind == EventKind.DM_SENT:
        dm_state = say(CASES, "dm_yes")
    elif dm:
        code = dm[-1].payload.get("code")
        reason = refusal(code if isinstance(code, int) else None)
        dm_state = say(CASES, "dm_no" if reason == "closed" else f"dm_no_{reason}")
        dm_state = say(CASES, "dm_code", state=dm_state, code=code)
    when = f"{case.created_at:%Y-%m-%d %H:%M}"
    embed = make_embed(
        say(CASES, "title", ref=case.ref, account=case.hf_account),
        "\n".join(
            (
                say(CASES, "person", user=case.discord_user_id),
                say(CASES, "status", status=case.status_label),
                say(CASES, "opened", when=when, dm=dm_state),
            )
        ),
    )
    lines = [event_line(e) for e in events]
    timeline = say(CASES, "timeline", count=len(events))
    add_field(embed, timeline, fit_lines(lines[-15:], FIELD_VALUE))
    return embed


def case_list_embed(cases: list[Case], title: str, page: int) -> discord.Embed:
    """A page of cases."""
    description = "\n".join(case_line(c) for c in cases) if cases else say(CASES, "no_match")
    embed = make_embed(title, description)
    embed.set_footer(text=say(CASES, "page", page=page))
    return embed


def my_cases_embed(cases: list[Case]) -> discord.Embed:
    """A person's own cases, with what the buttons do."""
    if not cases:
        return make_embed(say(MINE, "title"), say(MINE, "none"))
    embed = make_embed(say(MINE, "title"), "\n".join(case_line(c) for c in cases))
    if any(c.active for c in cases):
        add_field(embed, say(MINE, "keep_up"), say(MINE, "keep_up_text"))
    return embed
