"""Base classes of views, modals and persistent items whose failures reach the person with a
reference (discord.py would only log them, and the click would time out)."""

from __future__ import annotations

from typing import Any

import discord

from cogs.ui.errors import report_error
from cogs.ui.language import activate


class GuardedItem:
    """Mixin for persistent (dynamic) items: `run` does the work, and any failure reaches the
    person with a reference."""

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        """The item's action."""
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Run in the person's language, reporting failures to the person."""
        activate(interaction)
        try:
            await self.run(interaction)
        except Exception as exc:  # noqa: BLE001 (reported to the person with a reference)
            await report_error(interaction, exc)


def buttons_view(*items: discord.ui.Item[Any]) -> discord.ui.View:
    """A view of persistent (dynamic) items only, already stopped: the items are dispatched by
    the bot's `add_dynamic_items` registry, so discord.py need not keep the view. (A live view
    sent in a message is kept in the `ViewStore` per message, one per person's answer; a
    finished one is not stored at all: webhook/async_.py and interactions.py store a view only
    when `not view.is_finished()`.)"""
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


class BaseView(discord.ui.View):
    """A view whose errors reach the person with a reference instead of failing silently, and
    which answers in the person's language."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        activate(interaction)
        return True

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
