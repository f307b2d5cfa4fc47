"""Short-lived views and forms (appeal steps, case pager, confirmations): each one has its own
custom ids, its buttons are disabled when it times out, and a click on one that expired (or
that was shown before a restart) is answered instead of failing silently."""

from __future__ import annotations

import logging
import re
import secrets
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

import discord

from bot.i18n import t
from cogs.ui.language import activate
from cogs.ui.replies import reply
from cogs.ui.views import BaseModal, BaseView
from cogs.ui.wording import ERRORS

log = logging.getLogger(__name__)

STEP_ID_RE = re.compile(r"hfsb:s:(?P<kind>[a-z]+):(?P<nonce>[0-9a-f]{16}):")
# What a click on an expired step hears, by the kind in its custom id.
EXPIRED: dict[str, str] = {
    "appeal": ERRORS["expired_appeal"],
    "case": ERRORS["expired_case"],
    "mine": ERRORS["expired_mine"],
}
# The interactions live steps took, per bot; `answer_expired` runs right after (same loop turn),
# so the most recent few hundred are plenty.
_claimed: WeakKeyDictionary[discord.Client, deque[int]] = WeakKeyDictionary()
LateForm = Callable[[discord.Interaction[Any], dict[str, str]], Awaitable[None]]
"""Takes a form submitted after its form object is gone (timed out, or a restart), with the
values typed, so that nothing typed is lost."""
_late_forms: WeakKeyDictionary[discord.Client, dict[str, LateForm]] = WeakKeyDictionary()


def accept_late_forms(client: discord.Client, kind: str, handler: LateForm) -> None:
    """Forms of `kind` submitted late go to `handler` instead of being answered "expired"."""
    _late_forms.setdefault(client, {})[kind] = handler


def submitted_values(data: dict[str, Any]) -> dict[str, str]:
    """The text typed in a submitted form, by input custom id (inputs sit in action rows or
    labels: Discord docs, Interactions -> Modal Submit Data)."""

    def walk(node: Any) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get("custom_id"), str) and isinstance(node.get("value"), str):
                yield node["custom_id"], node["value"]
            for key in ("components", "component"):
                yield from walk(node.get(key))
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return dict(walk(data.get("components")))


class _Step:
    """What steps share: a nonce in every custom id, and claiming the interactions they take."""

    kind: ClassVar[str]
    client: discord.Client

    def _register(self, client: discord.Client) -> None:
        self.client = client
        self.nonce = secrets.token_hex(8)

    def step_id(self, name: str) -> str:
        """A custom id of this step (at most 100 characters)."""
        return f"hfsb:s:{self.kind}:{self.nonce}:{name}"

    def _claim(self, interaction: discord.Interaction[Any]) -> None:
        _claimed.setdefault(self.client, deque(maxlen=512)).append(interaction.id)


class StepView(_Step, BaseView):
    """A view with step custom ids. `anchor` is the interaction whose @original is the view's
    message (used to disable the buttons on timeout); `allow` is the subclass's check."""

    def __init__(self, client: discord.Client, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.anchor: discord.Interaction[Any] | None = None
        self._register(client)
        self._count = 0
        for item in self.children:
            self._name(item)

    def _name(self, item: discord.ui.Item[Any]) -> None:
        if isinstance(item, discord.ui.Select) or (
            isinstance(item, discord.ui.Button) and item.url is None
        ):
            item.custom_id = self.step_id(str(self._count))
            self._count += 1

    def add_item(self, item: discord.ui.Item[Any]) -> StepView:
        super().add_item(item)
        self._name(item)
        return self

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        self._claim(interaction)  # before any await: `answer_expired` reads it
        activate(interaction)
        return await self.allow(interaction)

    async def allow(self, interaction: discord.Interaction[Any]) -> bool:
        """Whether this person may use the view (everyone by default)."""
        return True

    async def on_timeout(self) -> None:
        """Show the buttons disabled (if the token expired they stay; a click is then answered
        by `answer_expired`)."""
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        if self.anchor is None:
            return
        try:
            await self.anchor.edit_original_response(view=self)
        except discord.HTTPException as exc:
            log.info("could not disable an expired step (HTTP %s, code %s)", exc.status, exc.code)


class StepModal(_Step, BaseModal):
    """A form with its own custom id, so two people's open forms never replace each other."""

    def __init__(self, client: discord.Client, *, timeout: float) -> None:
        self._register(client)
        super().__init__(timeout=timeout, custom_id=self.step_id("form"))

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        self._claim(interaction)
        activate(interaction)
        return True


async def answer_expired(interaction: discord.Interaction[Any]) -> None:
    """Listener: a click or form submit on a step no live view or form took gets an answer.
    Live steps claim their interactions before this runs: discord.py schedules the view's task
    before the `interaction` event, and the claim happens before the view's first await."""
    if interaction.type not in (
        discord.InteractionType.component,
        discord.InteractionType.modal_submit,
    ):
        return
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    match = STEP_ID_RE.match(custom_id)
    if match is None:
        return
    if interaction.id in _claimed.get(interaction.client, ()):
        return
    activate(interaction)
    late = _late_forms.get(interaction.client, {}).get(match["kind"])
    if late is not None and interaction.type == discord.InteractionType.modal_submit:
        await late(interaction, submitted_values(data))
        return
    await reply(interaction, t(EXPIRED.get(match["kind"], EXPIRED["appeal"])))
