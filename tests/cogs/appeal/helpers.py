"""The appeal form driven through the fake Discord: its steps, with the person's answers."""

from __future__ import annotations

from discord import ComponentType

from tests.cogs.helpers import custom_id, text_of

FORM = {
    "account": "alice-hf",
    "lock_message": "Your account has been locked. Contact website@huggingface.co",
    "links": "https://hf.co/spaces/alice-hf/demo\nhuggingface.co/alice-hf/tiny-model",
    "activity": "I duplicated a Space and tried a keep-alive ping.",
}


async def through_the_form(env, user, form=FORM, *, guild=True):
    opener = await env.command(
        "appeal", {"account": "alice-hf"}, user=user, **({} if guild else {"guild": None})
    )
    assert opener.response.type == 9
    assert "alice-hf" in str(opener.modal)
    submit = await env.discord.inject_modal_submit(opener, form, user=user)
    await submit.wait_response()
    step = submit.original_message
    assert "tick anything that applies" in text_of(step)
    return submit, step


async def send_step(env, user, step, *, signals=(), contacted=(), formal=False):
    sel = await env.discord.inject_component(
        step, custom_id(step, kind=ComponentType.select, index=0), user=user, values=list(signals)
    )
    await sel.wait_response()
    sel = await env.discord.inject_component(
        step, custom_id(step, kind=ComponentType.select, index=1), user=user, values=list(contacted)
    )
    await sel.wait_response()
    if formal:
        toggle = await env.discord.inject_component(
            step, custom_id(step, label="Formal appeal"), user=user
        )
        await toggle.wait_response()
        assert toggle.response.type == 7
    send = await env.discord.inject_component(
        step, custom_id(step, label="Send me the draft"), user=user
    )
    await send.wait_done(timeout=5)
    return send

