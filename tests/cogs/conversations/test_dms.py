"""DM conversations end to end: a real discord.py bot against the fake Discord (DMs written to
the bot, private threads in the mod-log channel, the moderators' answers by DM)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.cases.models import EventKind
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.conversations.language import stored_language
from bot.conversations.limits import COOLDOWN_RATE, MAX_ATTACHMENT_BYTES, MAX_TEXT_CHARS
from bot.conversations.store import ConversationStore
from bot.conversations.wording import CONVERSATION
from bot.db import Database
from bot.i18n import use_language
from bot.i18n.locales import LANGUAGES
from cogs.ui.wording import say
from tests.cogs.helpers import (
    ALICE,
    BOB,
    GUILD,
    MOD,
    MODLOG,
    Env,
    case_events,
    components,
    custom_id,
    text_of,
)
from tests.fakes.fake_discord import FakeDiscordError
from tests.fakes.fake_discord_dms import (
    CREATE_PRIVATE_THREADS,
    MANAGE_THREADS,
    SEND_MESSAGES_IN_THREADS,
    FakeThread,
    thread_messages,
)

BOT_ROLE = 2900


def allow_threads(env: Env) -> None:
    """The bot's role may create private threads and post in them (an invite permission)."""
    fake = env.discord
    fake.add_role(GUILD, "hf-support-bot", CREATE_PRIVATE_THREADS | SEND_MESSAGES_IN_THREADS,
                  id=BOT_ROLE)  # fmt: skip
    fake.guilds[GUILD].members[fake.bot_user.id].roles.append(BOT_ROLE)


async def dm(
    env: Env, text: str, n: int, *, attachments: Any = (), user: int = ALICE
) -> dict[str, Any]:
    """``user`` writes to the bot; the bot's answer (the n-th message from the bot in the DM)."""
    fake = env.discord
    await fake.send_dm(user, text, attachments=attachments)
    return await from_bot(env, n, user)


def bot_dms(env: Env, user: int = ALICE) -> list[dict[str, Any]]:
    """The bot's messages in its DM with ``user`` (what the person wrote left out)."""
    bot_id = str(env.discord.bot_user.id)
    return [m for m in env.discord.dm_messages(user) if m["author"]["id"] == bot_id]


async def from_bot(env: Env, n: int, user: int = ALICE) -> dict[str, Any]:
    """The n-th message of the bot in its DM with ``user``."""
    await env.discord.wait_until(lambda: len(bot_dms(env, user)) >= n)
    return bot_dms(env, user)[n - 1]


def only_thread(env: Env) -> int:
    threads = list(env.discord.threads)
    assert len(threads) == 1, threads
    return threads[0]


async def talk(env: Env, answer: dict[str, Any]) -> dict[str, Any]:
    """Press *Talk to a moderator*; the bot's answer in the DM."""
    it = await env.discord.inject_component(answer, custom_id(answer, label="Talk"), user=ALICE)
    await it.wait_response(timeout=3)
    await env.discord.wait_until(lambda: bool(env.discord.threads) and it.followups != [])
    return it.followups[-1].message or {}


async def test_a_dm_is_answered_with_the_account_read(env: Env) -> None:
    async with env.running() as bot:
        first = await dm(env, "hello, my account got locked", 1)
        assert "Hugging Face account name" in first["content"]  # asked, no buttons to guess
        assert [c["custom_id"] for c in components(first)] == ["hdl:0:"]  # the language picker
        answer = await dm(env, "it is https://huggingface.co/alice please help", 2)
        assert "**alice**" in answer["content"] and "community" in answer["content"]
        ids = [c["custom_id"] for c in components(answer)]
        assert ids == ["hdc:alice", "hdb:alice", "hdd:alice", "hdt:1", "hdl:1:alice"]
        await env.discord.wait_until(lambda: bool(env.discord.channel_messages(MODLOG)))
        notice = env.discord.channel_messages(MODLOG)[0]["content"]
        assert "New case #1" in notice and f"<@{ALICE}>" in notice and "DM" in notice
        later = await dm(env, "they have not answered yet", 3)
        assert "case #1" in later["content"]
        talks = ConversationStore(bot.services.db)
        assert [m.text for m in await talks.messages(1)] == [
            "it is https://huggingface.co/alice please help",
            "they have not answered yet",
        ]  # the first one named no account: no case to put it on yet


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


async def test_a_flood_is_cut_by_the_cooldown(env: Env) -> None:
    fake = env.discord
    async with env.running() as bot:
        await dm(env, "@alice", 1)
        for i in range(COOLDOWN_RATE + 3):
            await fake.send_dm(ALICE, f"flood {i}")
        await fake.wait_until(lambda: any("faster than" in m["content"]
                                          for m in fake.dm_messages(ALICE)))  # fmt: skip
        await from_bot(env, COOLDOWN_RATE + 1)  # welcome, 4 "added to your case", the warning
        talks = ConversationStore(bot.services.db)
        kept = [m.text for m in await talks.messages(1)]
        assert kept == ["@alice"] + [f"flood {i}" for i in range(COOLDOWN_RATE - 1)]
        warned = [m for m in fake.dm_messages(ALICE) if "faster than" in m["content"]]
        assert len(warned) == 1  # told once, not once per message


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


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_dm_is_answered_in_the_language_of_the_last_case(env: Env, language: str) -> None:
    db = await Database.open(env.settings.database_path)
    await CaseStore(db).record(ALICE, None, "alice", EventKind.CHECK_RAN, {}, locale=language)
    await db.close()
    long_name = "a" * 96  # the longest account name, in every language's sentences
    async with env.running():
        answer = await dm(env, (f"@{long_name} " + "x" * 4000)[:4000], 1, attachments=[
            ("big.bin", b"0" * (MAX_ATTACHMENT_BYTES + 1))])  # fmt: skip
        with use_language(language):
            assert say(CONVERSATION, "account_seen", account=long_name) in answer["content"]
            labels = [c.get("label") for c in components(answer)]
            assert labels[:4] == [say(CONVERSATION, k) for k in
                                  ("check_button", "backup_button", "draft_button", "talk_button")]  # fmt: skip
            assert (
                say(CONVERSATION, "file_left", name="big.bin", size=8, count=5) in answer["content"]
            )
        if language == "fr":
            assert "Vérifier mon compte" in labels  # really French, not the English ids
    # every body passed the fake's checks (lengths, components) in this language


async def test_the_person_ends_the_conversation_and_writes_again(env: Env) -> None:
    allow_threads(env)
    fake = env.discord
    async with env.running() as bot:
        started = await talk(env, await dm(env, "@alice locked", 1))
        end = await fake.inject_component(started, custom_id(started, label="End"), user=ALICE)
        await end.wait_response(timeout=3)
        assert "conversation is closed" in " ".join(end.texts())
        talks = ConversationStore(bot.services.db)
        found = await talks.get(1)
        assert found is not None and not found.active
        again = await dm(env, "sorry, one more thing", 4)
        assert "Passed on" in again["content"]
        assert "one more thing" in text_of(thread_messages(fake, only_thread(env))[-1])
        found = await talks.get(1)
        assert found is not None and found.active


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


async def test_a_file_over_the_limit_is_named_and_not_kept(env: Env) -> None:
    big = b"0" * (MAX_ATTACHMENT_BYTES + 1)  # Discord takes it (10 MiB), the bot does not
    async with env.running() as bot:
        await dm(env, "@alice", 1)
        answer = await dm(env, "", 2, attachments=[("huge.zip", big)])
        assert "huge.zip was not passed on" in answer["content"]
        answer = await dm(
            env, "and this one", 3, attachments=[("ok.png", b"png"), ("huge.zip", big)]
        )
        assert "huge.zip" in answer["content"] and "case #1" in answer["content"]
        talks = ConversationStore(bot.services.db)
        kept = await talks.messages(1)
        assert [[a.name for a in m.attachments] for m in kept] == [[], ["ok.png"]]


async def test_the_language_picker_keeps_the_choice(env: Env) -> None:
    fake = env.discord
    async with env.running() as bot:
        answer = await dm(env, "@alice help", 1)
        it = await fake.inject_component(answer, "hdl:1:alice", user=ALICE, values=["de"])
        await it.wait_response(timeout=3)
        edited = fake.store.get(int(answer["id"])) or {}
        with use_language("de"):
            assert say(CONVERSATION, "account_seen", account="alice") in edited["content"]
            assert say(CONVERSATION, "talk_button") in [c.get("label") for c in components(edited)]
        assert "Konto" in edited["content"]  # really German
        assert await stored_language(bot.services.db, ALICE) == "de"
        later = await dm(env, "noch da?", 2)
        with use_language("de"):
            assert say(CONVERSATION, "saved", ref="#1") in later["content"]
    # forget erases the choice with everything else
    db = await Database.open(env.settings.database_path)
    await CaseStore(db).delete_user_data(ALICE, Scope.everything())
    assert await stored_language(db, ALICE) is None
    await db.close()


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
