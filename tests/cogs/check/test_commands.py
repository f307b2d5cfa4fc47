"""`/checkaccount`, `/backup` and the buttons under a check, end to end."""

from __future__ import annotations

import asyncio

from bot.cases.models import EventKind
from tests.cogs.helpers import ALICE, BOB, GUILD, MODLOG, case_events, custom_id, text_of


async def test_checkaccount_happy_path(env):
    async with env.running():
        it = await env.command("checkaccount", {"account": "https://huggingface.co/alice-hf"})
        [message] = await it.wait_done(timeout=5)
        assert it.response.type == 5 and it.ephemeral and it.ack_latency < 1
        text = text_of(message)
        assert "Account check: alice-hf" in text and "Does not look deleted" in text
        assert "Models: 2" in text and "paused by its owner: 1" in text and "running: 1" in text
        assert "Case #1" in message["content"]
        assert custom_id(message, label="Backup commands") == "hfb:alice-hf"
        assert custom_id(message, label="Draft appeal") == "hfa:alice-hf"
        notice = await env.discord.wait_for_channel_message(MODLOG)
        assert "#1" in notice["content"] and "alice-hf" in notice["content"]
        assert [e.kind for e in await case_events(env, 1)] == [
            EventKind.OPENED,
            EventKind.CHECK_RAN,
        ]
        # the same person again: same case, no second notice, answered from the cache
        before = env.hub.request_count()
        again = await env.command("checkaccount", {"account": "ALICE-HF", "public": True})
        [message] = await again.wait_done(timeout=5)
        assert not again.ephemeral and "Case #1" in message["content"]
        assert "saved result" in text_of(message) and env.hub.request_count() == before
        assert len(env.discord.channel_messages(MODLOG)) == 1


async def test_bad_input_is_refused_at_once_and_changes_nothing(env):
    async with env.running():
        for bad in (
            "../etc/passwd",
            "@everyone hi",
            "`rm -rf`",
            "https://evil.example/alice",
            "a" * 400,
            "аlice",
        ):
            it = await env.command("checkaccount", {"account": bad})
            assert it.response.type == 4 and it.ephemeral
            assert "does not look like a Hugging Face account" in text_of(it.response.data)
        assert env.hub.request_count("/api") == 0
        assert env.discord.channel_messages(MODLOG) == []


async def test_cooldown_says_when_to_come_back(env):
    async with env.running():
        for _ in range(3):
            await (await env.command("checkaccount", {"account": "quiet"})).wait_done(timeout=5)
        it = await env.command("backup", {"account": "quiet"})
        assert it.response.type == 4 and "try again in" in text_of(it.response.data)
        other = await env.command("checkaccount", {"account": "quiet"}, user=BOB)
        assert other.response.type == 5


async def test_hub_down_gives_a_partial_report(env):
    env.hub.fail("/api/models", status=503, times=None)
    env.hub.fail("/api/users", status=500, times=None)
    async with env.running():
        it = await env.command("checkaccount", {"account": "alice-hf"})
        [message] = await it.wait_done(timeout=10)
        text = text_of(message)
        assert "Could not be checked" in text and "Retrying" in text
        assert "Datasets: 1" in text


async def test_backup_command_and_button(env):
    async with env.running():
        it = await env.command("backup", {"account": "alice-hf"})
        [message] = await it.wait_done(timeout=5)
        assert it.ephemeral and "Backup plan: alice-hf" in text_of(message)
        assert "hf download" in text_of(message) and "Private repos" in text_of(message)
        names = sorted(a["filename"] for a in message["attachments"])
        assert names == ["backup-alice-hf.py", "backup-alice-hf.sh"]
        check = await env.command("checkaccount", {"account": "acme"}, user=BOB)
        [result] = await check.wait_done(timeout=5)
        click = await env.discord.inject_component(result, "hfb:acme", user=BOB)
        [plan] = await click.wait_done(timeout=5)
        assert "Backup plan: acme" in text_of(plan) and "Only Hugging Face support" in text_of(plan)
        kinds = [e.kind for e in await case_events(env, 2)]
        assert EventKind.BACKUP_SHOWN in kinds


async def test_draft_appeal_button_opens_the_form(env):
    async with env.running():
        check = await env.command("checkaccount", {"account": "alice-hf"})
        [result] = await check.wait_done(timeout=5)
        click = await env.discord.inject_component(result, "hfa:alice-hf", user=ALICE)
        await click.wait_response()
        assert click.response.type == 9
        assert "alice-hf" in str(click.modal)


async def test_long_lists_come_as_a_file(env):
    env.hub.add_user("busy", models=[f"m{i}" for i in range(30)])
    async with env.running():
        it = await env.command("checkaccount", {"account": "busy"})
        [message] = await it.wait_done(timeout=5)
        assert [a["filename"] for a in message["attachments"]] == ["busy-public-repos.txt"]
        assert "and 22 more" in text_of(message)


async def test_twenty_interactions_at_once_are_all_acknowledged_in_time(env):
    env.hub.latency = 0.3
    async with env.running(cooldown_rate=100):
        its = await asyncio.gather(
            *(
                env.discord.inject_command(
                    "checkaccount", {"account": f"user{i}"}, user=ALICE, guild_id=GUILD
                )
                for i in range(20)
            )
        )
        await asyncio.gather(*(it.wait_done(timeout=10) for it in its))
        assert max(it.ack_latency for it in its) < 3
        assert all(it.response.type == 5 for it in its)


async def test_the_longest_valid_name_keeps_its_buttons(env):
    name = "a" * 96  # MAX_NAME_LENGTH: custom ids stay within Discord's 100 characters
    async with env.running():
        it = await env.command("checkaccount", {"account": name})
        [result] = await it.wait_done(timeout=5)
        assert it.followups[0].accepted
        assert custom_id(result, label="Backup commands") == f"hfb:{name}"
        click = await env.discord.inject_component(result, f"hfa:{name}", user=ALICE)
        await click.wait_response()
        assert click.response.type == 9 and name in str(click.modal)
