"""`/precedents`: the public cases from the knowledge file, within Discord's limits."""

from __future__ import annotations

from bot.knowledge import load_knowledge
from cogs.precedents.commands import precedents_embed
from tests.cogs.helpers import BOB, assert_fits, text_of


def test_precedents_fit():
    assert_fits(precedents_embed(load_knowledge()))


async def test_precedents_lists_every_public_case_with_its_link(env):
    knowledge = load_knowledge()
    async with env.running():
        it = await env.command("precedents", user=BOB)
        text = text_of(it.response.data)
        assert it.ephemeral
        for precedent in knowledge.precedents:
            assert precedent.link in text
        assert "What helps" in text and "duplicate tickets" in text  # the knowledge file's advice
        assert "Platform Abuse" in text and "cryptocurrency mining" in text  # and its policy


async def test_precedents_adds_this_servers_outcomes_from_five_on(env):
    from bot.cases.models import Progress
    from bot.cases.outcomes import note_email_sent
    from bot.cases.store import CaseStore
    from bot.db import Database
    from tests.cogs.helpers import GUILD

    async def restore(users):
        db = await Database.open(env.settings.database_path)
        store = CaseStore(db)
        for user in users:
            case = await store.open_case(user, GUILD, f"acct{user}")
            async with db.write() as conn:
                await note_email_sent(conn, case.id, "website@huggingface.co", store.clock.now())
            await store.record_progress(case.id, user, Progress.RESTORED)
        await db.close()

    await restore(range(1, 5))
    async with env.running():
        assert "In this server" not in text_of((await env.command("precedents")).response.data)
    await restore([5])
    async with env.running():
        text = text_of((await env.command("precedents")).response.data)
        assert "Here, 5 people got their account back" in text
