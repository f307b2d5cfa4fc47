"""Mod-log posts speak the server's language (its `preferred_locale`) whoever triggered them,
and quote what people typed with Markdown and masked links neutralised."""

from __future__ import annotations

from tests.cogs.appeal.helpers import FORM, send_step, through_the_form
from tests.cogs.helpers import ALICE, BOB, GUILD, MODLOG, OWNER, text_of

HOSTILE = "**Locked** [click here](https://evil.example) @everyone # now"


async def test_a_french_person_tips_a_wave_in_a_german_server(env):
    env.discord.guilds[GUILD].preferred_locale = "de"
    form = {**FORM, "lock_message": HOSTILE}
    async with env.running(wave_min_cases=3) as bot:
        for user in (ALICE, BOB):
            _, step = await through_the_form(env, user, form)
            await send_step(env, user, step)
        opener = await env.command("appeal", {"account": "alice-hf"}, user=OWNER, locale="fr")
        submit = await env.discord.inject_modal_submit(opener, form, user=OWNER)
        await submit.wait_response()
        step = submit.original_message
        send = await env.discord.inject_component(
            step, custom_id_of_send(step), user=OWNER, locale="fr"
        )
        await send.wait_done(timeout=5)
        await bot.services.waves.aclose()
        posts = env.discord.channel_messages(MODLOG)
        notices = [p for p in posts if not p.get("embeds")]
        assert len(notices) == 3 and all(p["content"].startswith("Neuer Fall #") for p in notices)
        [alert] = [p for p in posts if p.get("embeds")]
        text = text_of(alert)
        assert text.startswith("Sperrwelle: 3 neue Fälle seit") and "Häufigste Sperrmeldung" in text
        assert "“\\*\\*Locked\\*\\* \\[click here\\]\\(https://evil.example\\)" in text
        assert "@everyone" not in text and "[click here](" not in text


def custom_id_of_send(step):
    """The "send me the draft" button (second button; its label is French here)."""
    buttons = [c for row in step["components"] for c in row["components"] if c["type"] == 2]
    return buttons[1]["custom_id"]
