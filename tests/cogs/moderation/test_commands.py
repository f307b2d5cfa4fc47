"""`/case ...` for moderators: refused to everyone else, in code, on every command and button.

`/case` is hidden by default from members without Manage Server; a server admin grants the helper
role access under Server Settings → Integrations. The fake cannot model that override, so calls
by MOD (and the refusal tests) pass `check_permissions=False`."""

from __future__ import annotations

import json

import pytest

from bot.cases.models import STATUS_LABELS
from tests.cogs.helpers import ALICE, BOB, MOD, OWNER, case_events, custom_id, text_of

SUBCOMMANDS = [
    ("case view", {"case_id": 1}),
    ("case list", {}),
    ("case note", {"case_id": 1, "text": "hi"}),
    ("case status", {"case_id": 1, "status": "closed"}),
    ("case export", {}),
    ("case forget", {"user": ALICE}),
]


async def _seed(env):
    async with env.running():
        for account in ("alice-hf", "quiet"):
            await (await env.command("checkaccount", {"account": account}, user=ALICE)).wait_done(
                timeout=5
            )
        await (await env.command("checkaccount", {"account": "acme"}, user=BOB)).wait_done(
            timeout=5
        )


@pytest.mark.parametrize(("name", "options"), SUBCOMMANDS)
async def test_non_moderators_are_refused_in_code(env, name, options):
    await _seed(env)
    async with env.running():
        it = await env.command(name, options, user=ALICE, check_permissions=False)
        assert it.ephemeral and "for server moderators only" in text_of(it.response.data)
        view = await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        assert "closed" not in text_of(view.response.data).split("Status:")[1].splitlines()[0]
        assert "Timeline (2)" in text_of(view.response.data)


async def test_moderator_flow(env):
    await _seed(env)
    async with env.running():
        it = await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        assert "Case #1: alice-hf" in text_of(it.response.data)
        it = await env.command(
            "case note",
            {"case_id": 1, "text": "asked @everyone to wait"},
            user=MOD,
            check_permissions=False,
        )
        assert "Note saved" in text_of(it.response.data)
        it = await env.command(
            "case status",
            {"case_id": 1, "status": "waiting_on_hf", "reason": "emailed"},
            user=OWNER,
        )
        [answer] = await it.wait_done()
        assert "now **waiting on Hugging Face**" in text_of(answer)
        assert "told by DM" in text_of(answer)
        dm = await env.discord.wait_for_dm(ALICE)
        assert "now **waiting on Hugging Face**" in text_of(dm) and "emailed" not in text_of(dm)
        case_command = next(c for c in env.discord.syncs[-1]["body"] if c["name"] == "case")
        status_command = next(o for o in case_command["options"] if o["name"] == "status")
        choices = next(o for o in status_command["options"] if o["name"] == "status")["choices"]
        assert {c["value"]: c["name"] for c in choices} == {
            status.value: label for status, label in STATUS_LABELS.items()
        }
        it = await env.command(
            "case status", {"case_id": 1, "status": "open"}, user=MOD, check_permissions=False
        )
        assert "Unchanged" in text_of(it.response.data)
        it = await env.command("case view", {"case_id": 1}, user=MOD, check_permissions=False)
        text = text_of(it.response.data)
        assert "asked @\u200beveryone to wait" in text
        assert "waiting on Hugging Face" in text
        it = await env.command("case view", {"case_id": 99}, user=MOD, check_permissions=False)
        assert "no case #99" in text_of(it.response.data)

        it = await env.command("case list", {"user": ALICE}, user=MOD, check_permissions=False)
        page = it.original_message
        assert "alice-hf" in text_of(page) and "acme" not in text_of(page)

        it = await env.command("case export", {"format": "json"}, user=MOD, check_permissions=False)
        [message] = await it.wait_done(timeout=5)
        [attachment] = message["attachments"]
        rows = json.loads(env.discord.store.blobs[int(attachment["id"])])
        assert attachment["filename"] == "cases.json"
        assert {r["hf_account"] for r in rows} == {"alice-hf", "quiet", "acme"}

        it = await env.command("case forget", {"user": ALICE}, user=MOD, check_permissions=False)
        prompt = it.original_message
        assert "Erase 2 cases" in text_of(prompt)
        refused = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Erase"), user=ALICE
        )
        await refused.wait_response()
        assert "moderators only" in text_of(refused.response.data)
        confirm = await env.discord.inject_component(
            prompt, custom_id(prompt, label="Erase"), user=MOD
        )
        await confirm.wait_response()
        assert confirm.response.type == 7 and "Erased 2 cases" in text_of(confirm.response.data)
        it = await env.command("case list", {"user": ALICE}, user=MOD, check_permissions=False)
        assert "No cases match" in text_of(it.original_message)


async def test_case_list_pages(env):
    from bot.cases.store import CaseStore
    from bot.db import Database

    db = await Database.open(env.settings.database_path)
    store = CaseStore(db)
    for i in range(23):
        await store.open_case(1000 + i, 111, f"acct{i}")
    await db.close()
    async with env.running():
        it = await env.command("case list", user=MOD, check_permissions=False)
        page = it.original_message
        assert "#23" in text_of(page) and "#13" not in text_of(page)
        nxt = await env.discord.inject_component(page, custom_id(page, label="Next"), user=MOD)
        await nxt.wait_response()
        page2 = nxt.response.data
        assert "#13" in text_of(page2) and "#23" not in text_of(page2)
        intruder = await env.discord.inject_component(
            page, custom_id(page, label="Previous"), user=ALICE
        )
        await intruder.wait_response()
        assert "moderators only" in text_of(intruder.response.data)


async def test_case_buttons_from_before_a_restart_are_answered(env):
    await _seed(env)
    async with env.running():
        forget = await env.command(
            "case forget", {"user": ALICE}, user=MOD, check_permissions=False
        )
    message = forget.original_message
    async with env.running():
        for label in ("Erase", "Cancel"):
            click = await env.discord.inject_component(
                message, custom_id(message, label=label), user=MOD
            )
            await click.wait_response()
            assert "expired" in text_of(click.response.data)
    assert await case_events(env, 1)  # nothing was erased


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (50007, "DMs are closed"),
        (50278, "shares no server with the bot any more"),
        (50001, "Discord refused the DM (code 50001)"),
    ],
)
async def test_moderators_hear_the_real_reason_a_dm_failed(env, code, said):
    """DM refusals told apart: 50007 DMs closed, 50278 no mutual server, others by their code;
    the code is on the case."""
    await _seed(env)
    env.discord.close_dms(ALICE, code=code)
    async with env.running():
        it = await env.command(
            "case status", {"case_id": 1, "status": "waiting_on_hf", "reason": "x"}, user=OWNER
        )
        [answer] = await it.wait_done()
        assert said in text_of(answer)
        assert "DMs are closed" not in text_of(answer) or code == 50007
        events = await case_events(env, 1)
        failed = [e for e in events if e.kind.value == "dm_failed"]
        assert failed and failed[-1].payload["code"] == code
