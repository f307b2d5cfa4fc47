"""`/mycase` with its progress buttons."""

from __future__ import annotations

from bot.cases.models import CaseStatus
from bot.cases.scope import Scope
from tests.cogs.helpers import ALICE, BOB, MOD, custom_id, text_of

ALL = Scope.everything()


async def _case_store(env):
    from bot.cases.store import CaseStore
    from bot.db import Database

    db = await Database.open(env.settings.database_path)
    return db, CaseStore(db)


async def test_mycase_lists_and_buttons_move_the_case(env):
    db, store = await _case_store(env)
    case = await store.open_case(ALICE, 111, "alice-hf")
    await store.open_case(BOB, 111, "bob-hf")
    await db.close()
    async with env.running():
        it = await env.command("mycase show", user=ALICE)
        message = it.original_message
        assert "#1" in text_of(message) and "bob-hf" not in text_of(message)
        replied = custom_id(message, label="#1 Hugging Face replied")
        click = await env.discord.inject_component(message, replied, user=ALICE)
        await click.wait_response()
        assert "Hugging Face replied" in text_of(click.response.data)
        stranger = await env.discord.inject_component(
            message, custom_id(message, label="Account restored"), user=BOB
        )
        await stranger.wait_response()
        assert "not yours" in text_of(stranger.response.data)
        locked = await env.discord.inject_component(
            message, custom_id(message, label="Still locked"), user=ALICE
        )
        await locked.wait_response()
        assert "website@huggingface.co" in text_of(locked.response.data)
        assert "a pile of duplicate tickets" in text_of(locked.response.data)  # knowledge advice
    db, store = await _case_store(env)
    assert (await store.get_case(case.id, ALL)).status == CaseStatus.WAITING_ON_HF
    await db.close()
    # after a restart, the old message's buttons still work
    async with env.running():
        click = await env.discord.inject_component(
            message, custom_id(message, label="Account restored"), user=ALICE
        )
        await click.wait_response()
        assert "marked restored" in text_of(click.response.data)
        again = await env.discord.inject_component(
            message, custom_id(message, label="Account restored"), user=ALICE
        )
        await again.wait_response()
        assert "Could not update" in text_of(again.response.data)
        mod = await env.discord.inject_component(
            message, custom_id(message, label="Still locked"), user=MOD
        )
        await mod.wait_response()  # a moderator may act on anyone's case
        assert "Noted on case #1" in text_of(mod.response.data)
    db, store = await _case_store(env)
    assert (await store.get_case(case.id, ALL)).status == CaseStatus.RESTORED
    await db.close()


async def test_mycase_without_cases(env):
    async with env.running():
        it = await env.command("mycase show", user=BOB)
        assert "no cases yet" in text_of(it.response.data) and it.ephemeral
