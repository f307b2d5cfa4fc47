"""Answering an interaction: the initial response or a followup, always with mentions off."""

from __future__ import annotations

from typing import Any

import discord

NO_MENTIONS = discord.AllowedMentions.none()


async def reply(
    interaction: discord.Interaction[Any],
    content: str | None = None,
    *,
    ephemeral: bool = True,
    **kwargs: Any,
) -> None:
    """Answer an interaction: the initial response when none was sent yet, else a followup.
    Mentions are always disabled; keyword arguments left as None are not sent."""
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    kwargs["allowed_mentions"] = NO_MENTIONS
    if interaction.response.is_done():
        if content is not None:
            kwargs["content"] = content
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=ephemeral, **kwargs)


async def defer(interaction: discord.Interaction[Any], *, ephemeral: bool = True) -> None:
    """Acknowledge now (Discord's 3-second rule); the answer follows as a followup."""
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
