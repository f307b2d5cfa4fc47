"""The fair queue through the real discord.py against the fake Discord, with the fake Hub
enforcing its quota: the place in the queue and the rough wait, the edit when the check runs,
one queued check per person, and the DM once the interaction token has expired."""

from __future__ import annotations

import asyncio
import gc

import discord

from bot.clock import ManualClock
from cogs.check import delivery
from cogs.runtime.client import create_bot
from tests.cogs.helpers import ALICE, BOB, MOD, text_of
from tests.fakes.fake_discord import run_client


async def _start(env, clock, limit):
    env.hub.enforce_quota(limit, 300, now=lambda: clock.now().timestamp())
    return run_client(env.discord, create_bot(env.settings, clock=clock))


async def _budget_used(env, bot):
    """Commands synced, then Alice's check spends the window's budget: the next check waits."""
    await bot.sync_task
    await (await env.command("checkaccount", {"account": "alice-hf"}, user=ALICE)).wait_done()


async def test_a_check_beyond_the_quota_waits_in_line_and_the_answer_is_edited(env):
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await bot.sync_task
        first = await env.command("checkaccount", {"account": "alice-hf"}, user=ALICE)
        await first.wait_done()
        assert bot.services.hub.budget.available() == 1  # learnt from the Hub's headers
        waiting = await env.command("checkaccount", {"account": "acme"}, user=MOD)
        note = await waiting.wait_edit(1)
        assert "number 1 in the queue" in note.message["content"]
        assert "about 5 minutes" in note.message["content"]
        # the same person again while waiting: told so, nothing queued twice
        twice = await env.command("checkaccount", {"account": "quiet"}, user=MOD)
        [told] = await twice.wait_done()
        assert "still waiting" in told["content"] and "`acme`" in told["content"]
        assert bot.services.queue.waiting == 1
        # someone else queues behind
        behind = await env.command("backup", {"account": "quiet"}, user=BOB)
        assert "number 2 in the queue" in (await behind.wait_edit(1)).message["content"]
        sent = env.hub.request_count()
        await clock.advance(300)  # the window resets: room for one check (6 requests)
        done = (await waiting.wait_edit(2)).message
        assert "Account check: acme" in text_of(done) and "Case #" in done["content"]
        assert done["components"]  # the buttons under the result
        assert len(behind.edits) == 1  # still waiting for the next window
        await env.discord.wait_until(lambda: clock.sleepers > 0)
        await clock.advance(300)
        backup = (await behind.wait_edit(2)).message
        assert "queue" not in (backup["content"] or "") and backup["embeds"]
        assert env.hub.refused == 0 and env.hub.request_count() > sent
        assert bot.services.queue.served_after_wait == 2


async def test_past_the_interaction_token_the_result_comes_by_dm(env):
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("checkaccount", {"account": "acme"}, user=MOD)
        await waiting.wait_edit(1)
        env.discord.advance(16 * 60)  # Discord's 15 minutes are over
        await clock.advance(300)
        dm = await env.discord.wait_for_dm(MOD)
        assert "ready" in dm["content"] and "Account check: acme" in text_of(dm)
        assert env.hub.refused == 0


def _interactions_of(user_id):
    gc.collect()
    return [o for o in gc.get_objects()
            if isinstance(o, discord.Interaction) and o.user.id == user_id]  # fmt: skip


async def test_a_long_wait_keeps_no_discord_interaction_past_the_token(env, monkeypatch):
    """Bounded memory: the command returns once the person is told their place; the task that
    finishes the check holds the interaction only for the token's life, then only ids. The
    result then comes by DM."""
    monkeypatch.setattr(delivery, "TOKEN_LIFE_S", 0.5)  # Discord's 15 minutes, shortened
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("checkaccount", {"account": "acme"}, user=MOD)
        await waiting.wait_edit(1)
        assert _interactions_of(MOD)  # within the token's life: edited in place if it ends now
        await asyncio.sleep(0.8)
        assert _interactions_of(MOD) == []
        assert bot.services.queue.waiting == 1
        await clock.advance(300)
        dm = await env.discord.wait_for_dm(MOD)
        assert "ready" in dm["content"] and "Account check: acme" in text_of(dm)
        assert len(waiting.edits) == 1  # not edited: the token was treated as spent


async def test_a_cached_report_is_served_at_once_without_the_budget(env):
    clock = ManualClock()
    async with await _start(env, clock, limit=5) as bot:
        await _budget_used(env, bot)
        assert bot.services.hub.budget.available() == 0
        sent = env.hub.request_count()
        again = await env.command("checkaccount", {"account": "alice-hf"}, user=MOD)
        [message] = await again.wait_done()
        assert "saved result" in text_of(message) and env.hub.request_count() == sent
        await asyncio.sleep(0)
        assert bot.services.queue.waiting == 0


async def test_a_late_backup_by_dm_carries_its_files_with_their_bytes(env):
    """The refused edit consumed the first files: the DM must upload fresh ones, not 0 bytes."""
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("backup", {"account": "acme"}, user=MOD)
        await waiting.wait_edit(1)
        env.discord.advance(16 * 60)  # Discord's 15 minutes are over
        await clock.advance(300)
        dm = await env.discord.wait_for_dm(MOD)
        names = {a["filename"]: a["size"] for a in dm["attachments"]}
        assert names.keys() == {"backup-acme.sh", "backup-acme.py"}
        assert all(size > 100 for size in names.values()), names


async def test_a_late_result_whose_dm_fails_is_kept_and_no_dm_is_promised_again(env):
    """Bob's DMs are closed: his late result cannot arrive. The refusal is on his case,
    `/mycase show` tells him, and his next wait in the queue promises no DM."""
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("checkaccount", {"account": "acme"}, user=BOB)
        first = (await waiting.wait_edit(1)).message["content"]
        assert "the result comes by DM" in first  # nothing known yet about Bob's DMs
        env.discord.advance(16 * 60)  # Discord's 15 minutes are over
        blocked = len(env.discord.blocked_dms)
        await clock.advance(300)
        await env.discord.wait_until(lambda: len(env.discord.blocked_dms) > blocked)
        mine = await env.command("mycase show", user=BOB)
        shown = text_of((await mine.wait_done())[0])
        assert "A result that did not reach you" in shown and "#2" in shown, shown
        again = await env.command("checkaccount", {"account": "quiet"}, user=BOB)
        later = (await again.wait_edit(1)).message["content"]
        assert "number 1 in the queue" in later
        assert "comes by DM" not in later and "cannot reach you by DM" in later


async def test_a_check_waiting_when_the_bot_stops_is_told_plainly(env):
    """A restart drops the queue: the person hears that their check did not run and what to do,
    never a "your check will start soon" that stays forever."""
    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("checkaccount", {"account": "acme"}, user=MOD, locale="fr")
        assert "file d'attente" in (await waiting.wait_edit(1)).message["content"]
        assert bot.services.queue.waiting == 1
    told = waiting.edits[-1].message["content"]  # the bot stopped
    assert "redémarre" in told and "`acme`" in told and "/vérifier-compte" in told, told


async def _waiting_rows(env) -> list[tuple[int, str]]:
    from bot.db import Database

    db = await Database.open(env.settings.database_path)
    try:
        rows = await db.fetchall("SELECT discord_user_id, account FROM waiting_checks")
        return [(int(r[0]), str(r[1])) for r in rows]
    finally:
        await db.close()


async def test_a_check_dropped_by_a_crash_is_told_at_the_next_start(env):
    """A waiting check is on disk before the person hears their place; what a crash leaves there
    is told by DM at the next start, in the person's language, once."""
    from bot.check.waiting import note_waiting
    from bot.db import Database

    clock = ManualClock()
    async with await _start(env, clock, limit=6) as bot:
        await _budget_used(env, bot)
        waiting = await env.command("checkaccount", {"account": "acme"}, user=MOD)
        await waiting.wait_edit(1)
        assert await _waiting_rows(env) == [(MOD, "acme")]
    assert await _waiting_rows(env) == []  # a clean stop told the person and forgot the row
    db = await Database.open(env.settings.database_path)  # what a crash leaves behind
    await note_waiting(db, MOD, "acme", "de", clock.now())
    await db.close()
    async with run_client(env.discord, create_bot(env.settings, clock=clock)):
        dm = await env.discord.wait_for_dm(MOD)
        assert "neu gestartet" in dm["content"] and "`acme`" in dm["content"], dm["content"]
    async with run_client(env.discord, create_bot(env.settings, clock=clock)):
        await asyncio.sleep(0.1)
    assert len(env.discord.dm_messages(MOD)) == 1 and await _waiting_rows(env) == []
