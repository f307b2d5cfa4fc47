"""The draft's DM refused (closed DMs, rate limits, other codes): the draft still reaches the person privately, and moderators see why."""

from __future__ import annotations

import pytest

from bot.cases.models import EventKind
from tests.cogs.appeal.helpers import send_step, through_the_form
from tests.cogs.helpers import ALICE, BOB, MOD, case_events, text_of


async def test_closed_dms_fall_back_to_a_private_reply(env):
    async with env.running():
        _, step = await through_the_form(env, BOB)
        send = await send_step(env, BOB, step)
        await send.wait_followup(2)
        messages = send.final_messages()
        assert any("Privacy Settings" in text_of(m) for m in messages)
        assert any("website@huggingface.co" in text_of(m) for m in messages)
        assert all(m["flags"] & 64 for m in messages)
        assert env.discord.dm_messages(BOB) == []
        events = await case_events(env, 1)
        assert events[-1].kind == EventKind.DM_FAILED and events[-1].payload["dm_sent"] is False
        assert events[-1].payload["code"] == 50007


async def test_a_dm_refused_for_another_reason_records_its_code(env):
    env.discord.close_dms(BOB, code=40003)
    async with env.running():
        _, step = await through_the_form(env, BOB)
        send = await send_step(env, BOB, step)
        await send.wait_followup(2)
        assert not any("Privacy Settings" in t for t in send.texts())
        assert any("website@huggingface.co" in t for t in send.texts())
        events = await case_events(env, 1)
        assert events[-1].kind == EventKind.DM_FAILED and events[-1].payload["code"] == 40003


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (429, "Discord asked me to slow down"),
        (50278, "we share none now"),
        (50001, "could not send you a direct message just now"),
    ],
)
async def test_a_rate_limited_or_refused_dm_still_gives_the_draft_privately(env, code, said):
    """The DM answers 429 over discord.py's wait (`discord.RateLimited`), 50278 (no mutual
    server) or 50001 (Missing Access): the person hears why the DM failed, as far as the bot
    knows, and gets the draft privately; the case records the code."""
    async with env.running():
        _, step = await through_the_form(env, ALICE)
        if code == 429:
            env.discord.rate_limit_dms = 1
        else:
            env.discord.close_dms(ALICE, code=code)
        send = await send_step(env, ALICE, step)
        await send.wait_followup(2)
        messages = send.final_messages()
        assert any(said in text_of(m) for m in messages)
        assert any("website@huggingface.co" in text_of(m) for m in messages)
        assert all(m["flags"] & 64 for m in messages)
        events = await case_events(env, 1)
        assert events[-1].kind == EventKind.DM_FAILED and events[-1].payload["code"] == code


@pytest.mark.parametrize(
    ("code", "shown"),
    [(50007, "DMs closed"), (50278, "no server in common"), (50001, "missing access")],
)
async def test_moderators_see_why_the_dm_was_refused(env, code, shown):
    """Discord's refusal codes for a DM told apart on the case (50007 closed DMs, 50278 no
    mutual server, 50001 missing access), not "DMs closed" for every one."""
    env.discord.close_dms(BOB, code=code)
    async with env.running():
        _, step = await through_the_form(env, BOB)
        send = await send_step(env, BOB, step)
        await send.wait_followup(2)
        events = await case_events(env, 1)
        assert events[-1].kind == EventKind.DM_FAILED and events[-1].payload["code"] == code
        view = (
            await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        ).original_message
        assert f"DM delivered: no ({shown}), code {code}" in text_of(view), text_of(view)

