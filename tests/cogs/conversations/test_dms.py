"""DM conversations end to end, the person's side: a real discord.py bot against the fake
Discord (answers, language, buttons, limits, the cooldown)."""

from __future__ import annotations

import pytest

from bot.cases.models import EventKind
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.conversations.language import stored_language
from bot.conversations.limits import COOLDOWN_RATE, MAX_ATTACHMENT_BYTES
from bot.conversations.store import ConversationStore
from bot.conversations.wording import CONVERSATION
from bot.db import Database
from bot.i18n import use_language
from bot.i18n.locales import LANGUAGES
from cogs.ui.wording import say
from tests.cogs.conversations.helpers import allow_threads, dm, from_bot, only_thread, talk
from tests.cogs.helpers import (
    ALICE,
    MODLOG,
    Env,
    components,
    custom_id,
    text_of,
)
from tests.fakes.fake_discord_dms import (
    thread_messages,
)


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
