"""The fake Discord refuses what Discord refuses: bodies against the spec, late and double
responses, expired tokens, oversized uploads, mailto buttons, impossible selects."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import discord
import pytest
from discord import ButtonStyle, ComponentType
from discord import InteractionResponseType as R

from tests.fake_discord.minibot import (
    ALICE,
    GUILD,
    MODLOG,
    MiniBot,
)
from tests.fakes.fake_discord import FakeDiscord


async def test_raw_http_contract(fake: FakeDiscord, bot: MiniBot) -> None:
    echo = await fake.inject_command("echo", {"text": "x"}, user=ALICE, guild_id=GUILD)
    await echo.wait_response()
    # A click no view handles: the bot stays silent, so the test answers it by hand.
    it = await fake.inject_component(
        echo.original_message or {}, "nobody", user=ALICE, component_type=ComponentType.button
    )
    api = f"{fake.url}/api/v10"
    callback = f"{api}/interactions/{it.id}/{it.token}/callback"
    body = {
        "type": R.channel_message.value,
        "data": {"content": "by hand", "allowed_mentions": {"parse": []}},
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(callback, json=body) as resp:
            assert resp.status == 204
        async with http.get(f"{api}/webhooks/{fake.app_id}/{it.token}/messages/@original") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["content"] == "by hand"
        async with http.post(callback + "?with_response=1", json=body) as resp:
            assert resp.status == 400 and (await resp.json())["code"] == 40060
        async with http.post(f"{api}/interactions/1/nope/callback", json=body) as resp:
            assert resp.status == 404 and (await resp.json())["code"] == 10062
        attachment = f"{fake.url}/attachments/0/0/none.txt"
        async with http.get(attachment) as resp:
            assert resp.status == 404
    kinds = [v.kind for v in fake.violations]
    assert kinds == ["already_acknowledged", "unknown_interaction"]


async def test_late_response_is_unknown_interaction(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("slow", user=ALICE, guild_id=GUILD)
    response = await it.wait_response(timeout=5)
    assert not response.accepted and (response.status, response.error_code) == (404, 10062)
    await asyncio.wait_for(bot.errored.wait(), 5)
    assert isinstance(bot.errors[0], discord.NotFound) and bot.errors[0].code == 10062
    assert [v.kind for v in fake.violations] == ["late_response"]


async def test_double_response_is_already_acknowledged(fake: FakeDiscord, bot: MiniBot) -> None:
    it = await fake.inject_command("double", user=ALICE, guild_id=GUILD)
    await asyncio.wait_for(bot.errored.wait(), 5)
    assert [r.accepted for r in it.responses] == [True, False]
    assert it.responses[1].error_code == 40060
    assert isinstance(bot.errors[0], discord.HTTPException) and bot.errors[0].code == 40060
    assert [v.kind for v in fake.violations] == ["already_acknowledged"]


async def test_invalid_body_and_unknown_route_are_recorded(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("x" * 2001)
    assert info.value.code == 50035 and fake.violations[0].kind == "invalid_form_body"
    with pytest.raises(discord.NotFound):
        await channel.guild.fetch_emojis()
    assert fake.unhandled == [f"GET /guilds/{GUILD}/emojis"]


async def test_bodies_are_checked_against_discords_spec(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    body = {  # the spec: a button's custom_id is 1-100 characters
        "content": "x",
        "components": [
            {
                "type": ComponentType.action_row.value,
                "components": [
                    {
                        "type": ComponentType.button.value,
                        "style": ButtonStyle.primary.value,
                        "custom_id": "",
                    }
                ],
            }
        ],
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{fake.url}/api/v10/channels/{channel.id}/messages", json=body) as resp,
    ):
        assert resp.status == 400 and (await resp.json())["code"] == 50035
    [violation] = fake.violations
    assert "POST /channels/{channel_id}/messages" in violation.detail
    assert "custom_id" in violation.detail and "schema path" in violation.detail
    assert "minLength" in violation.detail


async def test_a_mailto_link_button_is_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Mail", url="mailto:someone@example.com"))
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("x", view=view)
    assert info.value.code == 50035 and "url scheme" in fake.violations[0].detail
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Site", url="https://example.com/" + "a" * 500))
    with pytest.raises(discord.HTTPException):  # 512 characters at most
        await channel.send("x", view=view)


async def test_tokens_expire_after_15_minutes(fake: FakeDiscord, bot: MiniBot) -> None:
    echo = await fake.inject_command("echo", {"text": "x"}, user=ALICE, guild_id=GUILD)
    await echo.wait_done()
    fake.advance(15 * 60 + 1)
    api = f"{fake.url}/api/v10/webhooks/{fake.app_id}/{echo.token}"
    body = {"content": "late", "allowed_mentions": {"parse": []}}
    async with aiohttp.ClientSession() as http:
        async with http.post(api, json=body) as resp:
            assert resp.status == 401 and (await resp.json())["code"] == 50027
        async with http.patch(f"{api}/messages/@original", json=body) as resp:
            assert resp.status == 401 and (await resp.json())["code"] == 50027


@pytest.mark.parametrize(("install", "guild", "refused"), [("user", None, [40094]), ("guild", GUILD, [])])
async def test_a_user_install_gets_five_followups_per_interaction(
    fake: FakeDiscord, bot: MiniBot, install: str, guild: int | None, refused: list[int]
) -> None:
    """Docs, Create Followup Message: 5 followups when only the person's own install authorised
    the interaction; the sixth answers 40094. An installed bot has no such limit."""
    many = await fake.inject_command("many", {"count": 6}, user=ALICE, guild_id=guild, install=install)
    await many.wait_followup(6)
    for _ in range(200):  # the bot hears the answer to its sixth call just after the fake
        if len(bot.refused) == len(refused):
            break
        await asyncio.sleep(0.01)
    assert bot.refused == refused
    assert sum(1 for f in many.followups if f.accepted) == 6 - len(refused)


async def test_uploads_past_the_limits_are_refused(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    files = [discord.File(io.BytesIO(b"x"), filename=f"{i}.txt") for i in range(11)]
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(files=files)
    assert info.value.code == 50035
    big = discord.File(io.BytesIO(b"x" * (10 * 1024 * 1024 + 1)), filename="big.bin")
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(file=big)
    assert info.value.status == 413 and info.value.code == 40005
    assert fake.violations[-1].kind == "upload_limit"


async def test_a_select_cannot_ask_for_more_values_than_it_has(
    fake: FakeDiscord, bot: MiniBot
) -> None:
    channel = bot.get_channel(MODLOG)
    assert isinstance(channel, discord.TextChannel)
    view = discord.ui.View()
    view.add_item(
        discord.ui.Select(
            custom_id="few", options=[discord.SelectOption(label="a")], min_values=2, max_values=2
        )
    )
    with pytest.raises(discord.HTTPException):
        await channel.send("x", view=view)
    assert "min/max values" in fake.violations[0].detail

