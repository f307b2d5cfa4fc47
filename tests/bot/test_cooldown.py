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


def test_remembers_only_the_people_of_the_last_two_windows():
    """Memory does not grow with every person: idle people are forgotten once a window."""
    now = [0.0]
    cd = Cooldown(3, 60, clock=lambda: now[0])
    for person in range(20_000):  # 100 new people a minute for 200 minutes
        now[0] = person * 0.6
        assert cd.hit(person) == 0
        assert len(cd) <= 2 * 100 + 1
