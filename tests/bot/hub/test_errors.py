"""The Hub's error answers read into `HubError` facts: how long the rate limit asks to wait."""

from __future__ import annotations

from bot.hub.errors import retry_after_s


def test_retry_after_parsing() -> None:
    import httpx2

    assert retry_after_s(httpx2.Headers({"RateLimit": '"api";r=0;t=42'})) == 43
    # r > 0: requests are left, the header is no reason to wait (the Hub sends it every time)
    assert retry_after_s(httpx2.Headers({"RateLimit": '"api";r=12;t=42'})) is None
    both = {"RateLimit": '"api";r=3;t=42', "Retry-After": "7"}
    assert retry_after_s(httpx2.Headers(both)) == 7
    assert retry_after_s(httpx2.Headers({"Retry-After": "7"})) == 7
    assert retry_after_s(httpx2.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0
    assert retry_after_s(httpx2.Headers({"Retry-After": "soon"})) is None
    assert retry_after_s(httpx2.Headers({"Retry-After": "inf"})) is None
    assert retry_after_s(httpx2.Headers({"Retry-After": "-3"})) == 0
    assert retry_after_s(httpx2.Headers({})) is None
