"""The per-person cooldown, as a friendly message."""

from __future__ import annotations

from typing import Any

import discord

from cogs.services import services
from cogs.ui.wording import CHECK, say


def cooldown_message(interaction: discord.Interaction[Any]) -> str | None:
    """None when the person may go on, else a friendly "try again in N s"."""
    wait = services(interaction).cooldown.hit(interaction.user.id)
    if not wait:
        return None
    return say(CHECK, "cooldown", seconds=int(wait) + 1)
