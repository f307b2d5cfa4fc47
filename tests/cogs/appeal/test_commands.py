"""`/appeal`: form → ticks → draft by DM, closed DMs, bad input, hostile text."""

from __future__ import annotations

import pytest

from bot.cases.models import EventKind
from tests.cogs.appeal.helpers import FORM, send_step, through_the_form
from tests.cogs.helpers import ALICE, case_events, components, custom_id, text_of
from tests.cogs.helpers import OWNER as OTHER


async def test_form_ticks_and_dm(env):
    async with env.running():
        await (await env.command("checkaccount", {"account": "alice-hf"})).wait_done(timeout=5)
        _, step = await through_the_form(env, ALICE)
        send = await send_step(
            env, ALICE, step, signals=["duplicated-space", "keep-alive"], contacted=["safety:old"]
        )
        assert send.ack_latency < 1
        [channel_reply] = send.final_messages()
        assert "Sent to your DMs" in text_of(channel_reply) and send.ephemeral
        assert "Subject" not in text_of(channel_reply)
        dm = await env.discord.wait_for_dm(ALICE)
        text = text_of(dm)
        assert "website@huggingface.co" in text  # follow-up after safety@ went unanswered
        assert (
            "alice-hf" in dm["content"]
            and "https://huggingface.co/spaces/alice-hf/demo" in dm["content"]
        )
        assert "5 public repos" in dm["content"]  # the stored check's summary line
        [attachment] = dm["attachments"]
        assert attachment["filename"] == "appeal-alice-hf.txt"
        # no mail-app button (Discord refuses mailto: links); "I sent it", with or without a
        # reminder FOLLOWUP_DAYS later
        labels = [c["label"] for c in components(dm)]
        assert labels[0].startswith("I sent it: remind me on ") and len(labels) == 2
        assert all(c["style"] != 5 for c in components(dm))
        assert "```\nwebsite@huggingface.co\n```" in dm["content"]  # alone: one tap to copy
        assert "**Subject**\n```\nReview request" in dm["content"]
        events = await case_events(env, 1)
        kinds = [e.kind for e in events]
        assert EventKind.APPEAL_DRAFTED in kinds and kinds[-1] == EventKind.DM_SENT
        drafted = next(e for e in events if e.kind == EventKind.APPEAL_DRAFTED)
        assert drafted.payload["signals"] == ["duplicated-space", "keep-alive"]
        assert drafted.payload["stage"] == "first"  # website@, named by the lock message
        assert "keep-alive ping" not in str(drafted.payload)  # no private text in the case


@pytest.mark.parametrize(
    ("choice", "stage", "said"),
    [
        ("old", "follow-up", "safety@huggingface.co 5 or more days ago, no reply so far"),
        ("recent", "wait", "safety@huggingface.co less than 5 days ago, no reply so far"),
    ],
)
async def test_when_safety_was_emailed_sets_the_stage(env, choice, stage, said):
    """"5+ days ago" is old enough to follow up now; "under 5 days ago" means wait. The email
    says what the person chose, never a date made up from it."""
    form = {**FORM, "lock_message": "Your account has been locked."}
    async with env.running():
        _, step = await through_the_form(env, ALICE, form)
        await send_step(env, ALICE, step, contacted=[f"safety:{choice}"])
        events = await case_events(env, 1)
        drafted = next(e for e in events if e.kind == EventKind.APPEAL_DRAFTED)
        assert drafted.payload["stage"] == stage
        assert drafted.payload["contacted"] == ["safety"]
        dm = await env.discord.wait_for_dm(ALICE)
        assert said in dm["content"]
        assert "safety@huggingface.co on " not in text_of(dm)


async def test_formal_route_goes_to_legal(env):
    async with env.running():
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step, formal=True)
        dm = await env.discord.wait_for_dm(ALICE)
        assert "legal@huggingface.co" in text_of(dm) and "content-policy" in text_of(dm)


async def test_bad_link_keeps_what_was_typed(env):
    async with env.running():
        opener = await env.command("appeal", user=ALICE)
        form = {**FORM, "links": "not a link at all"}
        submit = await env.discord.inject_modal_submit(opener, form, user=ALICE)
        await submit.wait_response()
        reply = submit.original_message
        assert "needs fixing" in text_of(reply) and "link 1" in text_of(reply)
        retry = await env.discord.inject_component(
            reply, custom_id(reply, label="Edit and try again"), user=ALICE
        )
        await retry.wait_response()
        assert retry.response.type == 9
        assert "keep-alive ping" in str(retry.modal) and "not a link at all" in str(retry.modal)
        assert await case_events(env, 1) == []  # nothing recorded for a refused form


async def test_in_a_dm_the_draft_comes_right_there(env):
    async with env.running(guild_ids=[]):  # DMs see only global commands
        _, step = await through_the_form(env, ALICE, guild=False)
        send = await send_step(env, ALICE, step)
        [draft] = send.final_messages()
        assert "website@huggingface.co" in text_of(draft)
        assert not draft["flags"] & 64  # a lasting message, not an ephemeral one
        assert draft in env.discord.dm_messages(ALICE)
        assert draft["attachments"][0]["filename"] == "appeal-alice-hf.txt"


async def test_two_open_forms_each_get_their_own_draft(env):
    async with env.running():
        alice = await env.command("appeal", user=ALICE)
        other = await env.command("appeal", user=OTHER)
        assert alice.modal["custom_id"] != other.modal["custom_id"]
        first = await env.discord.inject_modal_submit(alice, FORM, user=ALICE)
        second = await env.discord.inject_modal_submit(
            other, {**FORM, "account": "quiet"}, user=OTHER
        )
        for submit, user, account in ((first, ALICE, "alice-hf"), (second, OTHER, "quiet")):
            await submit.wait_response()
            step = submit.original_message
            assert account in text_of(step)
            await send_step(env, user, step)
            dm = await env.discord.wait_for_dm(user)
            assert f"appeal-{account}.txt" == dm["attachments"][0]["filename"]


async def test_expired_steps_are_answered(env):
    async with env.running():
        _, step = await through_the_form(env, ALICE)
        await send_step(env, ALICE, step)
        again = await env.discord.inject_component(  # the step is done: a second Send
            step, custom_id(step, label="Send me the draft"), user=ALICE
        )
        await again.wait_response()
        assert "expired" in text_of(again.response.data)
        _, step = await through_the_form(env, ALICE)
    async with env.running():  # a restart: the open step and form are gone
        click = await env.discord.inject_component(
            step, custom_id(step, label="Formal appeal"), user=ALICE
        )
        await click.wait_response()
        assert "Run `/appeal` again" in text_of(click.response.data) and click.ephemeral
    assert len(env.discord.dm_messages(ALICE)) == 1


async def test_a_form_submitted_late_keeps_what_was_typed(env, monkeypatch):
    """Past the form's 10 minutes, or across a restart, the typed facts still go on to the
    step: nothing typed is thrown away."""
    import asyncio

    import cogs.appeal.commands

    monkeypatch.setattr(cogs.appeal.commands, "STEP_TIMEOUT_S", 0.05)  # discord.py's own form timer
    long_activity = "I trained a model and uploaded checkpoints every hour. " * 26  # ~1,430
    form = {**FORM, "activity": long_activity}
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, user=ALICE)
        await asyncio.sleep(0.2)  # the form timed out while the person typed
        late = await env.discord.inject_modal_submit(opener, form, user=ALICE)
        await late.wait_response()
        assert "tick anything that applies" in text_of(late.original_message)
        restarted = await env.command("appeal", {"account": "alice-hf"}, user=ALICE, locale="fr")
    monkeypatch.setattr(cogs.appeal.commands, "STEP_TIMEOUT_S", 600.0)
    async with env.running():  # a restart while the form was open
        late = await env.discord.inject_modal_submit(restarted, form, user=ALICE)
        await late.wait_response()
        step = late.original_message
        assert "expired" not in text_of(step) and "expiré" not in text_of(step)
        send = await env.discord.inject_component(
            step, custom_id(step, label="M'envoyer le brouillon"), user=ALICE
        )
        await send.wait_response()
        draft = await env.discord.wait_for_dm(ALICE)
        [file] = draft["attachments"]
        email = env.discord.store.blobs[int(file["id"])].decode()
        assert long_activity.strip()[:200] in email  # the typed activity reached the email


async def test_a_step_left_alone_is_disabled(env, monkeypatch):
    import cogs.appeal.commands

    monkeypatch.setattr(cogs.appeal.commands, "STEP_TIMEOUT_S", 0.05)  # discord.py's own view timer
    async with env.running():
        submit, _ = await through_the_form(env, ALICE)
        await submit.wait_edit()
        step = submit.original_message
        assert all(c.get("disabled") for c in components(step))


async def test_hostile_text_cannot_ping_or_break_out(env):
    hostile = {
        **FORM,
        "lock_message": "@everyone ``` **bold** <@123> \u202eevil",
        "activity": "```\n@here\n```" + "x" * 1400,
    }
    async with env.running():
        _, step = await through_the_form(env, ALICE, hostile)
        await send_step(env, ALICE, step)
        dm = await env.discord.wait_for_dm(ALICE)
        content = dm["content"] + (dm["embeds"][0].get("description") or "")
        assert content.count("```") == 6  # address, subject, email: no fence broken out
        assert "@everyone" not in content and "@here" not in content
        assert "\u202e" not in content
