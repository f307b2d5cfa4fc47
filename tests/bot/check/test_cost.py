"""`CHECK_COST` against the requests a check really makes, counted on the fake Hub."""

from __future__ import annotations

from bot.check.cost import CHECK_COST, check_cost
from tests.bot.check.conftest import Open
from tests.fakes.fake_hub import FakeHub


async def test_the_cost_is_what_a_check_sends(fake_hub: FakeHub, open_service: Open) -> None:
    fake_hub.add_user("alice", models=["m"], datasets=["d"], spaces=["s"])
    fake_hub.add_org("acme", models=["m"])
    cases = [
        ("alice", False),
        ("acme", False),
        ("nobody-here", False),
        ("https://huggingface.co/alice/m", True),
        ("https://huggingface.co/spaces/alice/missing", True),
    ]
    async with open_service() as service:
        for text, linked in cases:
            fake_hub.reset_requests()
            await service.check(text, fresh=True)
            assert fake_hub.request_count() == check_cost(linked=linked), text
    assert CHECK_COST == check_cost(linked=True) == 6  # the queue reserves the dearer case


def test_the_queue_reserves_check_cost() -> None:
    import inspect

    from bot.check.queue import CheckQueue

    assert inspect.signature(CheckQueue).parameters["cost"].default == CHECK_COST
