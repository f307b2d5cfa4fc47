"""Answers and rules of the fake Hub that do not depend on its content: errors with the headers
huggingface_hub reads (utils/_http.py `hf_raise_for_status`), the refused token, the `expand`
values the Hub knows, and the fixed-window quota."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, get_args

from aiohttp import web
from huggingface_hub.hf_api import (
    ExpandDatasetProperty_T,
    ExpandModelProperty_T,
    ExpandSpaceProperty_T,
)

INVALID_CREDENTIALS = "Invalid credentials in Authorization header"
"""The `X-Error-Message` of a refused token: huggingface_hub utils/_http.py
`hf_raise_for_status` compares a 401's message with exactly this text."""
DISABLED_MESSAGE = "Access to this resource is disabled."
"""The `X-Error-Message` of a disabled repo (403): utils/_http.py `hf_raise_for_status` maps
exactly this text to `DisabledRepoError`, whose docstring (errors.py) shows the real answer,
`403 Client Error ... Access to this resource is disabled.` for `dataset_info(...)`."""
# The `expand` values the real Hub knows, per repo type: huggingface_hub's own lists
# (hf_api.py `Expand*Property_T`); its tests check that an unknown value is a 400.
KNOWN_EXPAND: dict[str, frozenset[str]] = {
    "model": frozenset(get_args(ExpandModelProperty_T)),
    "dataset": frozenset(get_args(ExpandDatasetProperty_T)),
    "space": frozenset(get_args(ExpandSpaceProperty_T)),
}
RATE_LIMIT_QUOTA = 500  # anonymous API requests per 5-minute window (hub-api.md)
RATE_LIMIT_WINDOW_S = 300


@dataclass
class Quota:
    """Fixed windows counted from the first request (hub-api.md: "Fixed 5-minute windows")."""

    limit: int
    window_s: int
    now: Callable[[], float]
    used: int = 0
    start: float | None = None

    def take(self) -> tuple[int, int]:
        """Count one request: (requests left after it, negative when refused; whole seconds
        until the window resets, rounded up as the Hub's integer `t` must be)."""
        now = self.now()
        if self.start is None or now >= self.start + self.window_s:
            if self.start is not None:
                self.used = 0
            self.start = (
                now
                if self.start is None
                else self.start + self.window_s * ((now - self.start) // self.window_s)
            )
        self.used += 1
        reset = self.start + self.window_s - now
        return self.limit - self.used, max(1, -int(-reset // 1))


def whoami(request: web.Request) -> web.Response:
    """`/api/whoami-v2` (hf_api.py `HfApi.whoami`): the token's owner; 401 without a token
    (a revoked one never gets here: `FakeHub` refuses it on every route first)."""
    if "authorization" not in request.headers:
        return json_response(
            {"error": INVALID_CREDENTIALS},
            status=401,
            headers={"X-Error-Message": INVALID_CREDENTIALS},
        )
    return json_response(
        {"type": "user", "name": "bot-operator", "auth": {"type": "access_token"}}
    )


def token_refused(request: web.Request, revoked: set[str]) -> web.Response | None:
    """The 401 of a revoked token (`FakeHub.revoke_token`), or None."""
    auth = request.headers.get("Authorization", "")
    token = auth.removeprefix("Bearer ").strip()
    if not token or token not in revoked:
        return None
    return json_response(
        {"error": INVALID_CREDENTIALS},
        status=401,
        headers={"X-Error-Message": INVALID_CREDENTIALS},
    )


def unknown_expand(repo_type: str, expand: Iterable[str]) -> web.Response | None:
    """A 400 naming the first `expand` value the real Hub does not know for `repo_type`."""
    for value in expand:
        if value not in KNOWN_EXPAND[repo_type]:
            return json_response({"error": f'"expand" value {value!r} is not allowed'}, status=400)
    return None


def disabled_answer() -> web.Response:
    return json_response(
        {"error": DISABLED_MESSAGE}, status=403, headers={"X-Error-Message": DISABLED_MESSAGE}
    )


def repo_not_found(status: int) -> web.Response:
    return json_response(
        {"error": "Repository not found"}, status=status, headers={"X-Error-Code": "RepoNotFound"}
    )


def json_response(
    data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """A JSON answer."""
    return web.Response(
        status=status,
        text=json.dumps(data),
        content_type="application/json",
        headers=dict(headers or {}),
    )
