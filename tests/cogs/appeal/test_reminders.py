"""Follow-up reminders through the real discord.py against the fake Discord, with a ManualClock:
the buttons under the draft, a restart between scheduling and the due time (exactly one DM),
/mycase's cancel and move, closed DMs recorded on the case, /case view and /case stats."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.cases.models import EventKind
from bot.clock import ManualClock
from tests.cogs.appeal.helpers import send_step, through_the_form
from tests.cogs.helpers import ALICE, BOB, MOD, case_events, components, custom_id, text_of

DAYS = 5  # FOLLOWUP_DAYS of the test settings


async def _click(env, message, label, user):
    click = await env.discord.inject_component(message, custom_id(message, label=label), user=user)
    await click.wait_response()
    return text_of(click.response.data if click.response else click.final_messages()[0])


async def _settled(bot, rounds):
    await asyncio.wait_for(bot.reminder_scheduler.settled(rounds), 5)


async def test_remind_me_survives_a_restart_and_sends_one_dm(env):
    clock = ManualClock()
    async with env.running(clock=clock):
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step)
        draft_dm = await env.discord.wait_for_dm(ALICE)
        assert "remind me on 2026-01-10" in components(draft_dm)[0]["label"]
        answer = await _click(env, draft_dm, "I sent it: remind me", ALICE)
        assert "January 10, 2026" in answer and "#1" in answer
        assert "not yours" in await _click(env, draft_dm, "I sent it: remind me", BOB)
    async with env.running(clock=clock) as bot:  # restarted before the due time
        await _settled(bot, 1)
        await clock.advance(timedelta(days=DAYS))
        reminder = await env.discord.wait_for_dm(ALICE, n=2)
        await _settled(bot, 2)
        assert "follow-up 1 of 2" in reminder["content"]
        assert "website@huggingface.co on 2026-01-05, no reply so far" in reminder["content"]
        assert "remind me on 2026-01-15" in components(reminder)[0]["label"]
        await clock.advance(timedelta(days=30))
        await _settled(bot, 2)
    async with env.running(clock=clock) as bot:
        await _settled(bot, 1)
    assert len(env.discord.dm_messages(ALICE)) == 2  # the draft and one reminder
    kinds = [e.kind for e in await case_events(env, 1)]
    assert kinds.count(EventKind.REMINDER) == 1 and kinds.count(EventKind.APPEAL_SENT) == 1


async def test_mycase_cancel_and_move_and_moderators_see_it(env):
    clock = ManualClock()
    async with env.running(clock=clock):
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step)
        draft_dm = await env.discord.wait_for_dm(ALICE)
        await _click(env, draft_dm, "I sent it: remind me", ALICE)
        mine = (await env.command("mycase show", user=ALICE)).original_message
        assert "#1: reminder on 2026-01-10 12:00 UTC" in text_of(mine)
        assert "2026-01-13" in await _click(env, mine, "#1 remind 3 days later", ALICE)
        view = (
            await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        ).original_message
        assert "#1 pending, due 2026-01-13" in text_of(view)
        german = await env.command(
            "case view", {"case_id": 1}, user=MOD, check_permissions=False, locale="de"
        )
        assert "ausstehend" in text_of(german.original_message)  # the state word translated
        assert "pending" not in text_of(german.original_message)
        assert "cancelled" in await _click(env, mine, "#1 cancel reminder", ALICE)
        again = (await env.command("mycase show", user=ALICE)).original_message
        assert "reminder on" not in text_of(again)
        assert not [c for c in components(again) if "cancel" in (c.get("label") or "")]


async def test_a_reminder_is_promised_only_where_it_can_arrive(env):
    """DMs closed: pressing "remind me" sets nothing and says to open DMs and press again, with
    the date to note down; once DMs are open it is set (a DM proves it), and a reminder refused
    later at its due time is recorded once, never retried in a loop."""
    clock = ManualClock()
    async with env.running(clock=clock) as bot:
        _, step = await through_the_form(env, BOB)
        send = await send_step(env, BOB, step)
        await send.wait_followup(2)
        shown = send.final_messages()[-1]  # DMs closed: the draft privately, with its buttons
        assert "I sent it: remind me" in await _click_label(shown)
        answer = await _click(env, shown, "I sent it: remind me", BOB)
        assert "No reminder is set" in answer and "January 10, 2026" in answer, answer
        assert "I will DM you" not in answer
        mine = (await env.command("mycase show", user=BOB)).original_message
        assert "reminder on" not in text_of(mine)
        env.discord.user(BOB).dms_open = True  # the person opened their DMs
        answer = await _click(env, shown, "I sent it: remind me", BOB)
        assert "I will DM you on January 10, 2026" in answer, answer
        assert "your reminder will come here on January 10, 2026" in env.discord.dm_messages(BOB)[-1][
            "content"
        ]
        env.discord.close_dms(BOB)  # closed again before the due date
        await _settled(bot, 2)
        blocked = len(env.discord.blocked_dms)
        await clock.advance(timedelta(days=DAYS))
        await _settled(bot, 3)
        await clock.advance(timedelta(days=30))
        await _settled(bot, 3)
        assert len(env.discord.blocked_dms) == blocked + 1  # tried once, not in a loop
        view = (
            await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        ).original_message
        assert "undeliverable" in text_of(view) and "DMs closed" in text_of(view)


async def _click_label(message):
    return " ".join(c.get("label") or "" for c in components(message))


async def test_case_stats_text_and_chart(env):
    async with env.running():
        it = await env.command("case stats", user=MOD, check_permissions=False)
        await it.wait_done(timeout=10)
        [message] = it.final_messages()
        assert "Cases by status" in text_of(message)
        [attachment] = message["attachments"]
        assert attachment["filename"] == "case-stats.png"
        refused = await env.command("case stats", user=ALICE, check_permissions=False)
        assert "moderators only" in text_of(refused.response.data)


async def test_a_rate_limited_reminder_is_tried_again_later_not_given_up(env):
    """A 429 over discord.py's 30-s limit raises `discord.RateLimited` (not an HTTPException):
    the reminder stays due and goes out on a later round."""
    clock = ManualClock()
    async with env.running(clock=clock) as bot:
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step)
        draft_dm = await env.discord.wait_for_dm(ALICE)
        await _click(env, draft_dm, "I sent it: remind me", ALICE)
        await _settled(bot, 1)
        env.discord.rate_limit_messages = 1
        await clock.advance(timedelta(days=DAYS))
        await _settled(bot, 2)
        assert env.discord.rate_limit_messages == 0  # the 429 was met
        [pending] = await bot.services.reminders.store.for_case(1)
        assert pending.state.value == "pending", pending
        await clock.advance(timedelta(hours=1))
        reminder = await env.discord.wait_for_dm(ALICE, n=2)
        assert "follow-up 1 of 2" in reminder["content"]
        await _settled(bot, 2)
    deliveries = [e.payload["delivery"] for e in await case_events(env, 1)
                  if e.kind == EventKind.REMINDER]  # fmt: skip
    assert deliveries == ["sent"]


async def test_a_reminder_refused_for_no_mutual_server_says_so(env):
    """A reminder DM answered 50278 (no server in common) is recorded as that, not as closed
    DMs; moderators see the reason."""
    clock = ManualClock()
    async with env.running(clock=clock) as bot:
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step)
        draft_dm = await env.discord.wait_for_dm(ALICE)
        await _click(env, draft_dm, "I sent it: remind me", ALICE)
        await _settled(bot, 1)
        env.discord.close_dms(ALICE, code=50278)
        await clock.advance(timedelta(days=DAYS))
        await _settled(bot, 2)
        view = (
            await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        ).original_message
        assert "no server in common" in text_of(view) and "DMs closed" not in text_of(view)
