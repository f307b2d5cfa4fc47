"""The sliding-window cooldown."""

from __future__ import annotations

import pytest

from bot.cooldown import Cooldown


def test_allows_rate_then_asks_to_wait():
    now = [100.0]
    cd = Cooldown(3, 60, clock=lambda: now[0])
    assert [cd.hit("a") for _ in range(3)] == [0, 0, 0]
    assert cd.hit("a") == pytest.approx(60)
    assert cd.hit("b") == 0  # per person
    now[0] += 30
    assert cd.hit("a") == pytest.approx(30)
    now[0] += 30
    assert cd.hit("a") == 0


def test_prunes_idle_keys_and_rejects_bad_config():
    now = [0.0]
    cd = Cooldown(1, 1, clock=lambda: now[0])
    for i in range(10_001):
        cd.hit(i)
    now[0] += 5
    cd.hit("late")
    assert len(cd._uses) <= 2
    with pytest.raises(ValueError):
        Cooldown(0, 1)
