"""The fake Discord's DMs to the bot and private threads, driven by a real discord.py client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import discord
import pytest

from tests.fakes.fake_discord import FakeDiscord, FakeDiscordError, run_client
from tests.fakes.fake_discord_dms import (
    CREATE_PRIVATE_THREADS,
    SEND_MESSAGES_IN_THREADS,
    FakeThread,
    thread_messages,
)

GUILD, MODLOG, BOT_ROLE = 3000, 3011, 3020
ALICE = 3101
THREAD_PERMS = CREATE_PRIVATE_THREADS | SEND_MESSAGES_IN_THREADS


class DmBot(discord.Client):
    """Records every message it receives; answers DMs from people (not its own)."""

    def __init__(self, intents: discord.Intents) -> None:
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none())
        self.received: list[discord.Message] = []
        self.bytes: list[bytes] = []
        self.threads: list[discord.Thread] = []

    async def on_message(self, message: discord.Message) -> None:
        self.received.append(message)
        if message.author.bot:
            return
        for attachment in message.attachments:
            self.bytes.append(await attachment.read())
        await message.channel.send(f"got {len(message.content)} chars")

    async def on_thread_create(self, thread: discord.Thread) -> None:
        self.threads.append(thread)


async def poll(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait for bot-side state (``fake.wait_until`` only wakes on fake-side events)."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def dm_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.dm_messages = True  # DMs only; no message_content (docs: DM content comes anyway)
    return intents


async def make_fake(*, thread_perms: int = THREAD_PERMS) -> FakeDiscord:
    fake = FakeDiscord()
    await fake.start()
    fake.add_guild(GUILD, "community", channels=[("mod-log", MODLOG)])
    fake.add_role(GUILD, "bot", thread_perms, id=BOT_ROLE)
    fake.guilds[GUILD].members[fake.bot_user.id].roles.append(BOT_ROLE)
    fake.add_user(ALICE, "alice")
    return fake


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    fake = await make_fake()
    yield fake
    await fake.stop()


async def test_dm_with_attachment_reaches_the_bot_without_message_content(
    fake: FakeDiscord,
) -> None:
    async with run_client(fake, DmBot(dm_intents())) as bot:
        sent = await fake.send_dm(
            ALICE, "my account got locked", attachments=[("lock.png", b"PNG")]
        )
        await fake.wait_until(lambda: len(fake.dm_messages(ALICE)) == 2)
        first = bot.received[0]
        assert first.content == "my account got locked"
        assert isinstance(first.channel, discord.DMChannel) and first.guild is None
        assert first.author.id == ALICE and first.id == int(sent["id"])
        assert [a.filename for a in first.attachments] == ["lock.png"]
        assert bot.bytes == [b"PNG"]
        assert fake.dm_messages(ALICE)[1]["content"] == "got 21 chars"
        # the bot's own answer came back to it too (Discord echoes it); it did not answer itself
        await poll(lambda: len(bot.received) == 2)
        assert bot.received[1].author.id == fake.bot_user.id
        assert len(fake.dm_messages(ALICE)) == 2
    fake.assert_clean()


async def test_without_the_dm_intent_nothing_arrives(fake: FakeDiscord) -> None:
    intents = discord.Intents.none()
    intents.guilds = True
    async with run_client(fake, DmBot(intents)) as bot:
        await fake.send_dm(ALICE, "hello?")
        await asyncio.sleep(0.1)
        assert bot.received == []
        assert [e for e, _ in fake.undelivered] == ["MESSAGE_CREATE"]


async def test_send_dm_refuses_what_discord_would_not_deliver(fake: FakeDiscord) -> None:
    with pytest.raises(FakeDiscordError):
        await fake.send_dm(ALICE, "x" * 4001)
    with pytest.raises(FakeDiscordError):
        await fake.send_dm(ALICE, "")
    with pytest.raises(FakeDiscordError):
        await fake.send_dm(ALICE, "big", attachments=[("a.bin", b"0" * (10 * 1024 * 1024 + 1))])


async def test_private_thread_created_and_posted_in(fake: FakeDiscord) -> None:
    async with run_client(fake, DmBot(dm_intents())) as bot:
        channel = bot.get_channel(MODLOG)
        assert isinstance(channel, discord.TextChannel)
        thread = await channel.create_thread(
            name="case #1 alice", invitable=False, auto_archive_duration=10080
        )
        assert thread.type is discord.ChannelType.private_thread and thread.parent_id == MODLOG
        await poll(lambda: len(bot.threads) == 1)
        assert bot.get_channel(thread.id) is not None  # cached through THREAD_CREATE
        await thread.send("relayed text")
        stored = fake.threads[thread.id]
        assert isinstance(stored, FakeThread) and not stored.invitable
        assert [m["content"] for m in thread_messages(fake, thread.id)] == ["relayed text"]
        # after a restart the thread is reached by id (GET /channels/{id})
        fetched = await bot.fetch_channel(thread.id)
        assert isinstance(fetched, discord.Thread) and fetched.name == "case #1 alice"
    fake.assert_clean()


@pytest.mark.parametrize(
    ("name", "archive"),
    [("", 10080), ("x" * 101, 10080), ("ok", 30)],
)
async def test_thread_body_checked_against_the_spec(
    fake: FakeDiscord, name: str, archive: int
) -> None:
    async with run_client(fake, DmBot(dm_intents())) as bot:
        channel = bot.get_channel(MODLOG)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as caught:
            await channel.create_thread(name=name, auto_archive_duration=archive)  # type: ignore[arg-type]
        assert caught.value.code == 50035
    assert [v.kind for v in fake.violations] == ["invalid_form_body"]


async def test_invitable_only_on_private_threads(fake: FakeDiscord) -> None:
    async with run_client(fake, DmBot(dm_intents())) as bot:
        route = discord.http.Route("POST", "/channels/{channel_id}/threads", channel_id=MODLOG)
        with pytest.raises(discord.HTTPException) as caught:
            await bot.http.request(route, json={"name": "t", "type": 11, "invitable": False})
        assert caught.value.code == 50035
        with pytest.raises(discord.HTTPException):
            await bot.http.request(route, json={"name": "t"})  # v10: type required


async def test_thread_permissions_enforced() -> None:
    fake = await make_fake(thread_perms=CREATE_PRIVATE_THREADS)
    try:
        async with run_client(fake, DmBot(dm_intents())) as bot:
            channel = bot.get_channel(MODLOG)
            assert isinstance(channel, discord.TextChannel)
            thread = await channel.create_thread(name="case")
            with pytest.raises(discord.Forbidden):
                await thread.send("no right to post in threads")
    finally:
        await fake.stop()
    fake2 = await make_fake(thread_perms=0)
    try:
        async with run_client(fake2, DmBot(dm_intents())) as bot:
            channel = bot.get_channel(MODLOG)
            assert isinstance(channel, discord.TextChannel)
            with pytest.raises(discord.Forbidden):
                await channel.create_thread(name="case")
    finally:
        await fake2.stop()
