"""Base classes of views, modals and persistent items whose failures reach the person with a
reference (discord.py would only log them, and the click would time out)."""

from __future__ import annotations

from typing import Any

import discord

from cogs.errors import report_error


class GuardedItem:
    """Mixin for persistent (dynamic) items: `run` does the work, and any failure reaches the
    person with a reference."""

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        """The item's action."""
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Run, reporting failures to the person."""
        try:
            await self.run(interaction)
        except Exception as exc:  # noqa: BLE001 (reported to the person with a reference)
            await report_error(interaction, exc)


class BaseView(discord.ui.View):
    """A view whose errors reach the person with a reference instead of failing silently."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_error(interaction, error)


class BaseModal(discord.ui.Modal):
    """A modal whose errors reach the person with a reference."""

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await report_error(interaction, error)
