"""The bot's own Hugging Face token (`HF_TOKEN`): sent while the Hub accepts it, dropped for good
once the Hub refuses it (401 `Invalid credentials in Authorization header`, see
`bot.hub.errors.INVALID_CREDENTIALS`), so every later request goes out anonymously."""

from __future__ import annotations

import logging
from typing import Literal

log = logging.getLogger(__name__)

TokenState = Literal["none", "unchecked", "valid", "refused"]
"""No token configured; not asked yet; accepted (`whoami`); refused by the Hub."""

REFUSED_LOG = (
    "The Hub refused HF_TOKEN (401 Invalid credentials: revoked, expired, or its account is "
    "locked); checking anonymously until the bot restarts with a valid HF_TOKEN."
)


class HubToken:
    """The token and what the Hub said of it."""

    def __init__(self, token: str | bool) -> None:
        self._token = token if isinstance(token, str) and token else None
        self.state: TokenState = "unchecked" if self._token else "none"

    @property
    def refused(self) -> bool:
        """Whether the Hub refused the token (requests then go out without it)."""
        return self.state == "refused"

    def authorization(self) -> dict[str, str]:
        """The `authorization` header to send: none without a token or once it was refused."""
        if self._token is None or self.refused:
            return {}
        return {"authorization": f"Bearer {self._token}"}

    def refuse(self) -> None:
        """The Hub refused the token: log it once, and send it no more."""
        if not self.refused:
            log.error(REFUSED_LOG)
        self.state = "refused"

    def accept(self, owner: str | None) -> None:
        """`whoami` accepted the token (one log line naming its owner)."""
        log.info("HF_TOKEN accepted by the Hub (it belongs to %s).", owner or "an unnamed owner")
        self.state = "valid"
