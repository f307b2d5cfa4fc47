"""Many servers, user installs and the person's control, through the real discord.py against the
fake Discord: two servers and a DM, per-server scopes and mod-log channels, user-install and
group-DM interactions answered privately, `/mycase forget` and the DMs about a case."""

from __future__ import annotations

import json

import pytest

from bot.cases.models import EventKind
from bot.cases.scope import HOME, Scope
from bot.cases.store import CaseStore
from bot.db import Database
from tests.cogs.appeal.helpers import send_step
from tests.cogs.helpers import (
    ALICE,
    BOB,
    GUILD,
    MOD,
    MODLOG,
    OWNER,
    case_events,
    custom_id,
    text_of,
)
from tests.fakes.fake_discord_models import FakeDiscordError

GUILD_B = 222
GENERAL_B, MODLOG_B = 2101, 2102
HELPER_B = 2201
MOD_B = 601  # Manage Server in server B
HELPER = 602  # has server B's helper role, no permission
CAROL = 603  # a member of server B only
OTHER = 333  # a server the bot was never added to
GROUP = 4001  # a group DM
MANAGE_GUILD = 0x20


def _server_b(env):
    fake = env.discord
    fake.add_guild(
        GUILD_B,
        "other community",
        roles=[("Admin", 2202, MANAGE_GUILD), ("Helper", HELPER_B, 0)],
        channels=[("general", GENERAL_B), ("mod-log", MODLOG_B)],
    )
    fake.add_member(GUILD_B, MOD_B, roles=[2202])
    fake.add_member(GUILD_B, HELPER, roles=[HELPER_B])
    fake.add_member(GUILD_B, CAROL)
    fake.add_guild(OTHER, "someone else's server", bot_installed=False)
    fake.add_member(OTHER, ALICE)


async def _store(env):
    db = await Database.open(env.settings.database_path)
    return db, CaseStore(db)


async def _check(env, account, *, user, guild, **kw):
    it = await env.command("checkaccount", {"account": account}, user=user, guild=guild, **kw)
    await it.wait_done(timeout=5)
    return it


async def test_each_server_sees_and_erases_only_its_own_cases(env):
    _server_b(env)
    async with env.running(guild_ids=[], home_guild_id=GUILD):
        # server B's moderators pick their own mod-log channel first
        it = await env.command(
            "case config modlog", {"channel": MODLOG_B}, user=MOD_B, guild=GUILD_B
        )
        assert f"<#{MODLOG_B}>" in text_of(it.response.data) and it.ephemeral
        await _check(env, "alice-hf", user=ALICE, guild=GUILD)  # case 1, server A (home)
        await _check(env, "quiet", user=CAROL, guild=GUILD_B)  # case 2, server B
        await _check(env, "acme", user=ALICE, guild=None)  # case 3, the bot's DM
        await env.discord.wait_for_channel_message(MODLOG, 2)
        await env.discord.wait_for_channel_message(MODLOG_B, 1)
        home_log = [text_of(m) for m in env.discord.channel_messages(MODLOG)]
        b_log = [text_of(m) for m in env.discord.channel_messages(MODLOG_B)]
        assert ["#1" in home_log[0], "#3" in home_log[1], len(home_log)] == [True, True, 2]
        assert len(b_log) == 1 and "New case #2" in b_log[0]

        # server B: only case 2, whatever the command
        for case_id in (1, 3):
            it = await env.command("case view", {"case_id": case_id}, user=MOD_B, guild=GUILD_B)
            assert f"no case #{case_id} in this server" in text_of(it.response.data)
            it = await env.command(
                "case status", {"case_id": case_id, "status": "closed"}, user=MOD_B, guild=GUILD_B
            )
            assert "Unchanged" in text_of(it.response.data)
            it = await env.command(
                "case note", {"case_id": case_id, "text": "x"}, user=MOD_B, guild=GUILD_B
            )
            assert "Not saved" in text_of(it.response.data)
        it = await env.command("case list", {}, user=MOD_B, guild=GUILD_B)
        listed = text_of(it.original_message)
        assert "quiet" in listed and "alice-hf" not in listed and "acme" not in listed
        it = await env.command("case export", {"format": "json"}, user=MOD_B, guild=GUILD_B)
        [message] = await it.wait_done(timeout=5)
        rows = json.loads(env.discord.store.blobs[int(message["attachments"][0]["id"])])
        assert [r["id"] for r in rows] == [2]
        it = await env.command("case forget", {"user": ALICE}, user=MOD_B, guild=GUILD_B)
        prompt = it.original_message
        assert "Erase 0 cases" in text_of(prompt)
        erase = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Erase"), user=MOD_B
        )
        await erase.wait_response()

        # the home server: its own case and the DM case, not server B's
        it = await env.command("case list", {}, user=MOD, guild=GUILD, check_permissions=False)
        listed = text_of(it.original_message)
        assert "alice-hf" in listed and "acme" in listed and "quiet" not in listed
        it = await env.command(
            "case view", {"case_id": 2}, user=MOD, guild=GUILD, check_permissions=False
        )
        assert "no case #2" in text_of(it.response.data)

        # a moderator role set for server B counts there only
        it = await env.command(
            "case view", {"case_id": 2}, user=HELPER, guild=GUILD_B, check_permissions=False
        )
        assert "for server moderators only" in text_of(it.response.data)
        it = await env.command(
            "case config moderator-role", {"role": HELPER_B}, user=MOD_B, guild=GUILD_B
        )
        assert f"<@&{HELPER_B}>" in text_of(it.response.data)
        it = await env.command(
            "case view", {"case_id": 2}, user=HELPER, guild=GUILD_B, check_permissions=False
        )
        assert "Case #2: quiet" in text_of(it.response.data)
    db, store = await _store(env)
    try:  # server B's "forget" left Alice's cases elsewhere alone
        assert [c.id for c in await store.list_cases(Scope.everything(), discord_user_id=ALICE)] == [
            3,
            1,
        ]
    finally:
        await db.close()


async def test_dm_cases_without_a_home_server_are_nobodys(env):
    _server_b(env)
    async with env.running(guild_ids=[]):  # global commands, no HOME_GUILD_ID
        await _check(env, "acme", user=ALICE, guild=None)
        for user, guild in ((OWNER, GUILD), (MOD_B, GUILD_B)):
            it = await env.command(
                "case view", {"case_id": 1}, user=user, guild=guild, check_permissions=False
            )
            assert "no case #1" in text_of(it.response.data)
    assert env.discord.channel_messages(MODLOG) == []  # no home server, no notice


async def test_user_install_and_group_dm_answers_stay_private(env):
    _server_b(env)
    async with env.running(guild_ids=[], home_guild_id=GUILD):  # global commands
        # someone else's server, reached through Alice's own install of the app
        it = await _check(env, "alice-hf", user=ALICE, guild=OTHER, install="user")
        assert it.payload["authorizing_integration_owners"] == {"1": str(ALICE)}
        assert it.ephemeral and "alice-hf" in it.texts()[0]
        refused = await env.command(
            "checkaccount",
            {"account": "quiet", "public": True},
            user=ALICE,
            guild=OTHER,
            install="user",
        )
        assert refused.ephemeral and "stays private" in text_of(refused.response.data)
        # a group DM (context 2, channel type 3)
        it = await _check(env, "quiet", user=ALICE, guild=None, context=2, install="user")
        assert it.payload["channel"]["type"] == 3 and it.ephemeral
        refused = await env.command(
            "checkaccount", {"account": "quiet", "public": True}, user=ALICE, guild=None,
            context=2, install="user",
        )  # fmt: skip
        assert refused.ephemeral and "stays private" in text_of(refused.response.data)
        assert await env.command("precedents", user=ALICE, guild=None, context=2, install="user")
        # /case exists neither in group DMs nor through a user install
        with pytest.raises(FakeDiscordError):
            await env.discord.inject_command(
                "case list", {}, user=ALICE, guild_id=None, context=2, install="user"
            )
        with pytest.raises(FakeDiscordError):
            await env.discord.inject_command(
                "case list", {}, user=ALICE, guild_id=OTHER, install="user"
            )
        # an appeal drafted in the group DM goes by DM only
        opener = await env.command(
            "appeal", {"account": "alice-hf"}, user=ALICE, guild=None, context=2, install="user"
        )
        submit = await env.discord.inject_modal_submit(
            opener,
            {
                "account": "alice-hf",
                "lock_message": "Your account has been locked.",
                "links": "",
                "activity": "I duplicated a Space.",
            },
            user=ALICE,
        )
        await submit.wait_response()
        step = submit.original_message
        send = await send_step(env, ALICE, step)
        assert send.ephemeral
        dm = await env.discord.wait_for_dm(ALICE)
        assert dm["attachments"][0]["filename"] == "appeal-alice-hf.txt"
        in_group = [m for m in env.discord.store.in_channel(int(it.payload["channel_id"]))]
        assert all(m["flags"] & 64 for m in in_group)  # nothing lasting in the group DM
    db, store = await _store(env)
    try:  # the home server handles those cases; its mod-log heard of them
        cases = await store.list_cases(Scope.everything(), discord_user_id=ALICE)
        assert {c.owner for c in cases} == {HOME} and {c.guild_id for c in cases} == {None}
    finally:
        await db.close()
    assert len(env.discord.channel_messages(MODLOG)) == 2


async def test_mycase_forget_erases_the_persons_cases_everywhere(env):
    _server_b(env)
    async with env.running(guild_ids=[], home_guild_id=GUILD):
        await _check(env, "alice-hf", user=ALICE, guild=GUILD)
        await _check(env, "acme", user=ALICE, guild=None)
        await _check(env, "quiet", user=CAROL, guild=GUILD_B)
        it = await env.command("mycase forget", user=ALICE, guild=GUILD_B)
        prompt = it.original_message
        assert it.ephemeral and "Erase your 2 cases" in text_of(prompt)
        stranger = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Erase my data"), user=CAROL
        )
        cancel = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Cancel"), user=ALICE
        )
        await cancel.wait_response()
        assert stranger.response is None  # only the person can confirm
        assert "Nothing was erased" in text_of(cancel.original_message or cancel.response.data)
        it = await env.command("mycase forget", user=ALICE, guild=None)
        prompt = it.original_message
        erase = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Erase my data"), user=ALICE
        )
        await erase.wait_response()
        assert "Erased 2 cases" in text_of(erase.response.data)
        it = await env.command("mycase forget", user=ALICE, guild=GUILD)
        assert "nothing to erase" in text_of(it.response.data)
    db, store = await _store(env)
    try:
        remaining = await store.list_cases(Scope.everything())
        assert [c.discord_user_id for c in remaining] == [CAROL]
    finally:
        await db.close()


async def test_the_person_hears_of_status_changes_and_notes_unless_they_opt_out(env):
    async with env.running(home_guild_id=GUILD):
        await _check(env, "alice-hf", user=ALICE, guild=GUILD)  # case 1
        await _check(env, "quiet", user=BOB, guild=GUILD)  # case 2, Bob's DMs are closed
        it = await env.command(
            "case note",
            {"case_id": 1, "text": "We wrote to Hugging Face for you.", "for_person": True},
            user=MOD,
            check_permissions=False,
        )
        [answer] = await it.wait_done()
        assert "told by DM" in text_of(answer)
        dm = await env.discord.wait_for_dm(ALICE)
        assert "We wrote to Hugging Face for you." in text_of(dm) and "/mycase" in text_of(dm)
        # Bob: one attempt, refused, recorded on the case; never retried
        it = await env.command(
            "case status", {"case_id": 2, "status": "closed"}, user=MOD, check_permissions=False
        )
        [answer] = await it.wait_done()
        assert "DMs are closed" in text_of(answer)
        assert len(env.discord.blocked_dms) == 1
        # Alice turns the DMs off from /mycase show
        it = await env.command("mycase show", user=ALICE)
        message = it.original_message
        off = await env.discord.inject_component(
            message, custom_id(message, label="Stop case updates"), user=ALICE
        )
        await off.wait_response()
        assert "no more DMs" in text_of(off.response.data)
        it = await env.command(
            "case status", {"case_id": 1, "status": "closed"}, user=MOD, check_permissions=False
        )
        [answer] = await it.wait_done()
        assert "turned case DMs off" in text_of(answer)
        assert len(env.discord.dm_messages(ALICE)) == 1
        it = await env.command("mycase show", user=ALICE)
        assert "Send me case updates" in json.dumps(it.original_message["components"])
    failed = [e for e in await case_events(env, 2) if e.kind == EventKind.DM_FAILED]
    assert len(failed) == 1 and failed[0].payload["code"] == 50007
