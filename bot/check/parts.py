"""The parts of an account report that say what could not be seen, and why: a part's error and
the repo a pasted link pointed to."""

from __future__ import annotations

from pydantic import BaseModel

from bot.check.repo_types import RepoType
from bot.hub.errors import ErrorKind, ErrorReason, HubError

TRANSIENT_STATUSES = frozenset({408, 429})
"""HTTP statuses below 500 that are worth retrying (a timeout, the rate limit)."""


class PartError(BaseModel):
    """Why one part of the check (the profile or a list) could not be completed."""

    kind: ErrorKind
    message: str
    status: int | None = None
    request_id: str | None = None
    retry_after_s: float | None = None
    reason: ErrorReason | None = None

    @classmethod
    def from_hub(cls, exc: HubError) -> PartError:
        """The report form of a `HubError`."""
        return cls(
            reason=exc.reason,
            kind=exc.kind,
            message=exc.message,
            status=exc.status,
            request_id=exc.request_id,
            retry_after_s=exc.retry_after_s,
        )

    @property
    def transient(self) -> bool:
        """Whether retrying later may help: network errors, timeouts, 429 and 5xx only."""
        if self.kind in {"timeout", "network", "rate_limited"}:
            return True
        status = self.status or 0
        return self.kind == "hub_error" and (status >= 500 or status in TRANSIENT_STATUSES)


class LinkedRepo(BaseModel):
    """The repo a pasted link pointed to, looked at directly (`/api/{type}s/{id}`): `reachable`
    when the Hub showed it to an anonymous caller; `status` is the HTTP status when it did not;
    `error` when the Hub could not be asked."""

    id: str
    type: RepoType
    url: str
    reachable: bool
    stage: str | None = None
    disabled: bool | None = None
    gated: str | None = None
    error_message: str | None = None
    status: int | None = None
    error: PartError | None = None
