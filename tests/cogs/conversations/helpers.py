"""Helpers of the DM conversation tests: the person writes, the bot answers, the thread."""

from __future__ import annotations

from typing import Any

from tests.cogs.helpers import ALICE, GUILD, Env, custom_id
from tests.fakes.fake_discord_dms import CREATE_PRIVATE_THREADS, SEND_MESSAGES_IN_THREADS

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
