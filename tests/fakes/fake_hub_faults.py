"""How the fake Hub is told to misbehave: failures, 429s, the enforced quota, delays, garbage
and refused tokens (`FakeHub` inherits these methods)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from tests.fakes.fake_hub_answers import RATE_LIMIT_QUOTA, RATE_LIMIT_WINDOW_S, Quota


@dataclass
class Rule:
    prefix: str
    action: Literal["fail", "delay", "garbage", "rate_limit"]
    times: int | None
    status: int = 500
    seconds: float = 0.0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    after: int = 0  # let this many matching requests through first


class HubFaults:
    """The fault-configuring methods of `FakeHub`."""

    _rules: list[Rule]
    _quota: Quota | None
    revoked_tokens: set[str]

    # -- faults ---------------------------------------------------------------------------------
    def fail(
        self,
        path_prefix: str,
        *,
        status: int = 500,
        times: int | None = 1,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        after: int = 0,
    ) -> None:
        """Answer `status` (with optional headers such as X-Error-Code) `times` times, once
        `after` matching requests went through."""
        payload = (
            body if body is not None else json.dumps({"error": f"fake error {status}"}).encode()
        )
        self._rules.append(
            Rule(
                path_prefix,
                "fail",
                times,
                status=status,
                body=payload,
                headers=dict(headers or {}),
                after=after,
            )
        )

    def rate_limit(
        self,
        path_prefix: str,
        *,
        reset_s: int | None = 1,
        times: int | None = 1,
        style: Literal["ratelimit", "retry-after"] = "ratelimit",
    ) -> None:
        """Answer 429 `times` times, announcing the reset in `reset_s` seconds through the
        `RateLimit` header (or `Retry-After`); `reset_s=None` sends neither."""
        headers = {"RateLimit-Policy": '"fixed window";"api";q=500;w=300'}
        if reset_s is not None and style == "ratelimit":
            headers["RateLimit"] = f'"api";r=0;t={reset_s}'
        elif reset_s is not None:
            headers["Retry-After"] = str(reset_s)
        body = json.dumps({"error": "rate limited"}).encode()
        self._rules.append(
            Rule(path_prefix, "rate_limit", times, status=429, body=body, headers=headers)
        )

    def enforce_quota(
        self,
        limit: int = RATE_LIMIT_QUOTA,
        window_s: int = RATE_LIMIT_WINDOW_S,
        *,
        now: Callable[[], float] = time.monotonic,
        used: int = 0,
    ) -> None:
        """Enforce the real quota: fixed windows of `window_s` seconds (by `now`), `limit`
        requests each, beyond which every request is refused with 429 until the window resets.
        `used` requests already count in the current window (a bot restarted mid-window)."""
        self._quota = Quota(limit, window_s, now, used)

    def revoke_token(self, token: str) -> None:
        """Refuse `token` from now on, as the real Hub refuses a revoked or expired token (or
        one whose owner is locked): 401 with `X-Error-Message: Invalid credentials in
        Authorization header` on every route, public data included. huggingface_hub's
        `hf_raise_for_status` (utils/_http.py) singles out that exact message: such a 401 is
        *not* turned into `RepositoryNotFoundError`."""
        self.revoked_tokens.add(token)

    def delay(self, path_prefix: str, seconds: float, *, times: int | None = None) -> None:
        """Wait `seconds` before answering (`times` requests, or all when None)."""
        self._rules.append(Rule(path_prefix, "delay", times, seconds=seconds))

    def garbage(
        self,
        path_prefix: str,
        *,
        body: bytes = b"<html>surprise</html>{",
        status: int = 200,
        times: int | None = 1,
        after: int = 0,
    ) -> None:
        """Answer a body that is not the expected JSON (after `after` good answers)."""
        self._rules.append(
            Rule(
                path_prefix,
                "garbage",
                times,
                status=status,
                body=body,
                headers={"Content-Type": "application/json"},
                after=after,
            )
        )
