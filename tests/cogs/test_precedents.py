"""`/precedents`: the public cases from the knowledge file, within Discord's limits."""

from __future__ import annotations

from bot.knowledge import load_knowledge
from cogs.precedents import precedents_embed
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
