"""CheckService when the Hub refuses: the bot's own token (401 `Invalid credentials in
Authorization header` on every route) and a disabled repo (403 `Access to this resource is
disabled.`), both answered by the fake Hub as by the real one."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub


async def test_a_refused_token_is_dropped_and_the_check_is_made_anonymously(
    fake_hub: FakeHub, open_service: Open, caplog: pytest.LogCaptureFixture
) -> None:
    fake_hub.add_user("alice", models=["m1"], spaces=["app"])
    fake_hub.add_repos("ghost", "model", [])
    fake_hub.revoke_token("hf_revoked")
    caplog.set_level(logging.INFO)
    async with open_service(hf_token=SecretStr("hf_revoked")) as service:
        report = await service.check("alice")
        gone = await service.check("ghost")
    assert report.complete and report.kind == "user" and report.public_count == 2
    assert report.token_refused and report.verdict.code == "visible"
    assert report.verdict.explanation.startswith("The bot's own Hugging Face token was refused")
    assert "says nothing about your account" in report.verdict.explanation
    # nothing is visible anonymously either, but the bot does not claim more than it saw
    assert gone.token_refused and "nothing publicly visible" not in gone.summary_line()
    assert "refused token" in gone.summary_line()
    refusals = [r for r in caplog.records if "refused HF_TOKEN" in r.getMessage()]
    assert len(refusals) == 1 and "hf_revoked" not in caplog.text  # one line, never the token
    sent = [r for r in fake_hub.requests if "Authorization" in r.headers]
    assert len(sent) <= 6  # only the first round went out with the token, then never again


async def test_whoami_validates_the_token(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.revoke_token("hf_revoked")
    async with open_service(hf_token=SecretStr("hf_good")) as service:
        hub = service._hub
        assert hub.token.state == "unchecked"
        assert await hub.validate_token(_deadline()) == "valid"
    async with open_service(hf_token=SecretStr("hf_revoked")) as service:
        hub = service._hub
        assert await hub.validate_token(_deadline()) == "refused"
        assert hub.token.authorization() == {}
    async with open_service() as service:
        assert await service._hub.validate_token(_deadline()) == "none"
    assert fake_hub.request_count("/api/whoami-v2") == 3  # the refused one retried anonymously


async def test_a_linked_disabled_repo_among_copyable_ones(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["ok", {"name": "off", "disabled": True}])
    async with open_service() as service:
        report = await service.check("https://huggingface.co/alice/off")
    linked = report.linked_repo
    assert linked is not None and linked.disabled and linked.status == 403
    text = report.verdict.explanation
    assert "disabled by Hugging Face" in text
    assert "may be private" not in text and "Public files can most likely" not in text
    assert "The account's other public files" in text


def _deadline() -> float:
    import asyncio

    return asyncio.get_running_loop().time() + 5


async def test_a_renamed_repo_is_reported_under_its_new_name(
    fake_hub: FakeHub, open_service: Open
) -> None:
    fake_hub.add_user("alice", models=["old-name"])
    fake_hub.rename("alice/old-name", "alice/new-name")
    async with open_service() as service:
        report = await service.check("https://huggingface.co/alice/old-name")
    linked = report.linked_repo
    assert linked is not None and linked.reachable
    assert linked.id == "alice/new-name" and linked.url.endswith("/alice/new-name")
    assert fake_hub.request_count("/api/models/alice/new-name") == 1
