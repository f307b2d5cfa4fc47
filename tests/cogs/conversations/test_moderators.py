"""DM conversations end to end, the moderators' side: the private thread, relaying, answers by
DM (button form and /case reply), closing, restarts, transcripts."""

from __future__ import annotations

import pytest

from bot.conversations.limits import MAX_TEXT_CHARS
from bot.conversations.store import ConversationStore
from tests.cogs.conversations.helpers import allow_threads, dm, from_bot, only_thread, talk
from tests.cogs.helpers import (
    ALICE,
    BOB,
    GUILD,
    MOD,
    MODLOG,
    Env,
    case_events,
    custom_id,
    text_of,
)
from tests.fakes.fake_discord import FakeDiscordError
from tests.fakes.fake_discord_dms import (
    MANAGE_THREADS,
    FakeThread,
    thread_messages,
)


async def test_talk_relay_reply_and_close(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    async with env.running():
        answer = await dm(env, "@alice is locked, what do I do?", 1)
        started = await talk(env, answer)
        assert "case #1" in started["content"] and custom_id(started, label="End")
        thread = only_thread(env)
        posted = thread_messages(fake, thread)
        assert "Case #1" in posted[0]["content"] and "alice is locked" in text_of(posted[1])
        notice = fake.channel_messages(MODLOG)[-1]
        assert f"<#{thread}>" in notice["content"]  # a channel link, not a ping
        await dm(env, "here is the screenshot", 3, attachments=[("lock.png", b"\x89PNG-lock")])
        relayed = thread_messages(fake, thread)[-1]
        assert "here is the screenshot" in text_of(relayed)
        assert [a["filename"] for a in relayed["attachments"]] == ["lock.png"]
        assert fake.store.blobs[int(relayed["attachments"][0]["id"])] == b"\x89PNG-lock"

        await env.command("case reply", {"case_id": 1, "text": "We wrote to them.",
                                         "sign_with_my_name": True}, user=MOD, check_permissions=False)  # fmt: skip
        signed = await from_bot(env, 4)
        assert "mod, a moderator of community" in signed["content"]  # their own name, chosen
        assert "We wrote to them." in text_of(signed)
        stored = fake.threads[thread]
        assert (
            isinstance(stored, FakeThread) and MOD in stored.member_ids
        )  # /case reply let them into the thread

        click = await fake.inject_component(relayed, custom_id(relayed, label="Reply"), user=MOD)
        await click.wait_response(timeout=3)
        submit = await fake.inject_modal_submit(click, {"reply_text:1": "Did they email you?", "reply_sign": ["anonymous"]},
                                                user=MOD)  # fmt: skip
        await submit.wait_response(timeout=3)
        got = await from_bot(env, 5)
        assert "A moderator of community" in got["content"]
        assert "Did they email you?" in text_of(got)
        await fake.wait_until(
            lambda: "Did they email you?" in text_of(thread_messages(fake, thread)[-1])
        )
        await fake.wait_until(lambda: len(submit.followups) == 1)  # the moderator is told
        assert "sent by DM" in (submit.followups[0].message or {})["content"]

        closing = await env.command(
            "case status", {"case_id": 1, "status": "closed"}, user=MOD, check_permissions=False
        )
        await fake.wait_until(lambda: any("conversation has ended" in m["content"]
                                          for m in fake.dm_messages(ALICE)))  # fmt: skip
        await fake.wait_until(
            lambda: "conversation has ended" in thread_messages(fake, thread)[-1]["content"]
        )
        await closing.wait_followup(1)
    events = await case_events(env, 1)
    replies = [e for e in events if e.payload.get("what") == "conversation_reply"]
    assert [e.actor_id for e in replies] == [MOD, MOD]  # both answers on the case's timeline


async def test_a_restart_keeps_the_thread(env: Env) -> None:
    allow_threads(env)
    async with env.running():
        answer = await dm(env, "@alice locked", 1)
        await talk(env, answer)
    thread = only_thread(env)
    async with env.running():
        await dm(env, "still locked after the restart", 3)
        assert "after the restart" in text_of(thread_messages(env.discord, thread)[-1])
    assert len(env.discord.threads) == 1


async def test_only_moderators_reply_and_transcript(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    async with env.running():
        answer = await dm(env, "@alice <script>x</script>", 1)
        await talk(env, answer)
        relayed = thread_messages(fake, only_thread(env))[-1]
        with pytest.raises(FakeDiscordError):  # Discord shows a private thread to no one else
            await fake.inject_component(relayed, custom_id(relayed, label="Reply"), user=BOB)
        # someone who sees every thread (Manage Threads) but is not a moderator is refused
        fake.add_role(GUILD, "threads", MANAGE_THREADS, id=2950)
        fake.guilds[GUILD].members[BOB].roles.append(2950)
        click = await fake.inject_component(relayed, custom_id(relayed, label="Reply"), user=BOB)
        await click.wait_response(timeout=3)
        assert click.modal is None and "moderator" in " ".join(click.texts()).lower()
        it = await env.command("case transcript", {"case_id": 1}, user=MOD, check_permissions=False)
        sent = await it.wait_followup(1)
        page = sent.files[0].data.decode()
        assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page


async def test_an_answer_to_closed_dms_is_not_recorded(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    async with env.running() as bot:
        await talk(env, await dm(env, "@alice locked", 1))
        fake.close_dms(ALICE)
        it = await env.command("case reply", {"case_id": 1, "text": "Hello?"}, user=MOD,
                               check_permissions=False)  # fmt: skip
        told = await it.wait_followup(1)
        assert (
            "not delivered" in (told.message or {})["content"]
            and "50007" in (told.message or {})["content"]
        )
        talks = ConversationStore(bot.services.db)
        assert [m.direction.value for m in await talks.messages(1)] == ["in"]  # no promise kept
        assert "Hello?" not in " ".join(text_of(m) for m in thread_messages(fake, only_thread(env)))


async def test_without_thread_rights_the_person_is_told_honestly(env: Env) -> None:
    fake = env.discord  # the bot may not create private threads here
    async with env.running() as bot:
        answer = await dm(env, "@alice locked", 1)
        it = await fake.inject_component(answer, custom_id(answer, label="Talk"), user=ALICE)
        await it.wait_response(timeout=3)
        told = await it.wait_followup(1)
        assert "could not reach the moderators" in (told.message or {})["content"]
        assert fake.threads == {}
        assert await ConversationStore(bot.services.db).thread_of(1) is None


async def test_a_reply_form_sent_across_a_restart_still_arrives(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    async with env.running():
        await talk(env, await dm(env, "@alice locked", 1))
        await env.command("case reply", {"case_id": 1, "text": "First."}, user=MOD,
                          check_permissions=False)  # fmt: skip
        await from_bot(env, 3)
        relayed = thread_messages(fake, only_thread(env))[1]
        click = await fake.inject_component(relayed, custom_id(relayed, label="Reply"), user=MOD)
        await click.wait_response(timeout=3)
    async with env.running():  # the bot restarted while the moderator was typing
        submit = await fake.inject_modal_submit(click, {"reply_text:1": "Typed across a restart",
                                                        "reply_sign": ["me"]}, user=MOD)  # fmt: skip
        await submit.wait_response(timeout=3)
        got = await from_bot(env, 4)
        assert "Typed across a restart" in text_of(got)
        assert "A moderator of community" in got["content"]  # the safe signature
        await fake.wait_until(lambda: len(submit.followups) == 1)


async def test_a_message_at_the_limit_is_relayed_whole(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    longest = ("*_`|<@&1>" * 500)[:MAX_TEXT_CHARS]  # Markdown everywhere: escaping lengthens it
    async with env.running() as bot:
        await talk(env, await dm(env, "@alice", 1))
        answer = await dm(env, longest, 3)
        assert "Passed on" in answer["content"]
        relayed = thread_messages(fake, only_thread(env))[-1]
        assert len(relayed["embeds"][0]["description"]) <= 4096  # and the fake checked it all
        kept = await ConversationStore(bot.services.db).messages(1)
        assert kept[-1].text == longest  # the case keeps every character
        assert "<@&1>" not in relayed["embeds"][0]["description"]  # no role ping, even escaped
