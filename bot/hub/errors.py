"""Errors of Hub calls: `HubError` and how HTTP answers map to it (the Hub's own rate-limit
headers, `hf_raise_for_status` for request ids)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

import httpx2
from huggingface_hub import hf_raise_for_status
from huggingface_hub.errors import (
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
)
from huggingface_hub.utils import parse_ratelimit_headers  # type: ignore[attr-defined]

# parse_ratelimit_headers is public (huggingface_hub.utils' export table and docs); mypy only
# sees it re-exported without `as`, hence the ignore above.

ErrorKind = Literal["timeout", "rate_limited", "hub_error", "network", "bad_response"]
ErrorReason = Literal["token_refused", "repo_disabled", "repo_not_found", "gated"]
"""What the Hub's `X-Error-Code` / `X-Error-Message` headers said, read as huggingface_hub reads
them (utils/_http.py `hf_raise_for_status`, for every status)."""

INVALID_CREDENTIALS = "Invalid credentials in Authorization header"
"""The `X-Error-Message` of a refused token (revoked, expired, or its owner's account locked):
`hf_raise_for_status` keeps a 401 with exactly this message apart from "repo not found"."""


class HubError(Exception):
    """One Hub call failed for good (after the retries that fit its deadline)."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        retry_after_s: float | None = None,
        reason: ErrorReason | None = None,
    ) -> None:
        super().__init__(message)
        self.reason: ErrorReason | None = reason
        self.kind: ErrorKind = kind
        self.message = message
        self.status = status
        self.request_id = request_id
        self.retry_after_s = retry_after_s


def decode_json(content: bytes) -> Any:
    """The JSON value of a body, or `HubError("bad_response")`."""
    try:
        return json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HubError("bad_response", "the Hub sent an answer that is not valid JSON") from None


def retry_after_s(headers: httpx2.Headers) -> float | None:
    """Seconds to wait from a 429's `RateLimit` or `Retry-After` header. The Hub sends
    `RateLimit: "api";r=<remaining>;t=<reset>` on every answer; only `r=0` means "wait": then
    `t` + 1 s, as huggingface_hub's own retry loop does (utils/_http.py `_http_backoff_base`)."""
    info = parse_ratelimit_headers(headers)
    if info is not None and info.remaining == 0:
        return float(info.reset_in_seconds) + 1
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def rate_limited(response: httpx2.Response, wait: float | None) -> HubError:
    """The error of a 429 answer, telling when to retry when the Hub said so."""
    hint = f"retry in {round(wait)} s" if wait is not None else "retry in a few minutes"
    return HubError(
        "rate_limited",
        f"the Hub is limiting how often we can ask; {hint}",
        status=429,
        request_id=request_id_of(response),
        retry_after_s=wait,
    )


def is_token_refusal(response: httpx2.Response) -> bool:
    """Whether the Hub refused the token sent (401 with `INVALID_CREDENTIALS`)."""
    return (
        response.status_code == 401
        and response.headers.get("X-Error-Message") == INVALID_CREDENTIALS
    )


_MESSAGES: dict[ErrorReason, str] = {
    "token_refused": "the Hub refused the bot's token (HTTP {status})",
    "repo_disabled": "the Hub says it is disabled (HTTP {status})",
    "repo_not_found": "the Hub says it is not found (HTTP {status})",
    "gated": "the Hub says it is gated (HTTP {status})",
}


def http_error(response: httpx2.Response) -> HubError:
    """The error of a 4xx/5xx answer, mapped through `hf_raise_for_status`: the request id, and
    the reason its error class (from `X-Error-Code` / `X-Error-Message`) gives."""
    status = response.status_code
    request_id = request_id_of(response)
    reason: ErrorReason | None = None
    try:
        hf_raise_for_status(response)
    except HfHubHTTPError as exc:
        request_id = exc.request_id or request_id
        reason = _reason(exc, response)
    message = _MESSAGES[reason] if reason else "the Hub answered with an error (HTTP {status})"
    return HubError(
        "hub_error",
        message.format(status=status),
        status=status,
        request_id=request_id,
        reason=reason,
    )


def _reason(exc: HfHubHTTPError, response: httpx2.Response) -> ErrorReason | None:
    """The reason of the library's error class (GatedRepoError subclasses the not-found one)."""
    if isinstance(exc, DisabledRepoError):
        return "repo_disabled"
    if isinstance(exc, GatedRepoError):
        return "gated"
    if isinstance(exc, RepositoryNotFoundError):
        return "repo_not_found"
    return "token_refused" if is_token_refusal(response) else None


def request_id_of(response: httpx2.Response) -> str | None:
    """The Hub's request id of an answer, if it sent one."""
    headers = response.headers
    return headers.get("x-request-id") or headers.get("x-amzn-trace-id") or None
