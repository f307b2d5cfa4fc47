"""Long appeals in long languages still get their draft: the whole embed (footer included) fits
Discord's 6,000 characters, through the real discord.py and the strict fake (issue 18, item 1)."""

from __future__ import annotations

from discord import ComponentType

from tests.cogs.helpers import ALICE, components, custom_id, text_of
from tests.fakes.fake_discord_validate import embed_errors

LOCK = ("Votre compte a été verrouillé suite à une activité inhabituelle. " * 20)[:1000]
ACTIVITY = ("J'ai dupliqué un Space, lancé un ping de maintien et publié un jeu de données. " * 20)
LINKS = "\n".join(f"https://huggingface.co/spaces/alice-hf/demo-{i}" for i in range(5))
FORM = {"account": "alice-hf", "lock_message": LOCK, "links": LINKS, "activity": ACTIVITY[:1360]}


async def test_french_long_appeal_with_every_signal_gets_its_draft_by_dm(env):
    """Before: 6,005 characters once the footer was set (the fake answered 400/50035 to the DM
    and to the private fallback alike), so the person got no draft."""
    async with env.running():
        opener = await env.command("appeal", {"account": "alice-hf"}, locale="fr")
        submit = await env.discord.inject_modal_submit(opener, FORM, user=ALICE)
        await submit.wait_response()
        step = submit.original_message
        signals = next(c for c in components(step) if c["type"] == ComponentType.select.value)
        sel = await env.discord.inject_component(
            step, custom_id(step, kind=ComponentType.select, index=0), user=ALICE,
            values=[o["value"] for o in signals["options"]], locale="fr",
        )  # fmt: skip
        await sel.wait_response()
        send = await env.discord.inject_component(
            step, custom_id(step, label="M'envoyer le brouillon"), user=ALICE, locale="fr"
        )
        await send.wait_done(timeout=5)
        dm = await env.discord.wait_for_dm(ALICE)
        [embed] = dm["embeds"]
        assert embed_errors([embed]) == []
        assert embed["footer"]["text"]  # the footer is sent, counted and within the total
        assert "Hello Hugging Face team," in dm["content"] or "```" in embed["description"]
        assert "wrong" not in text_of(send.final_messages()[0]).lower()
