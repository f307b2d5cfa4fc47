"""The first answer to a person's DM: what the bot can do, the account it read, the buttons,
and (when their language is not known yet) a language picker that re-renders it and keeps the
choice."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.cases.models import Case
from bot.cases.scope import Scope
from bot.conversations.language import LANGUAGE_NAMES, remember_language
from bot.conversations.wording import CONVERSATION
from bot.i18n import use_language
from cogs.conversations.buttons import BackupButton, CheckButton, DraftButton, TalkButton
from cogs.services import Services, services
from cogs.ui.views import GuardedItem, buttons_view
from cogs.ui.wording import say


def render_welcome(
    client: discord.Client,
    svc: Services,
    case: Case | None,
    account: str | None,
    language: str | None,
    *,
    picker: bool,
) -> tuple[str, discord.ui.View | None]:
    """The welcome in `language`: what the bot can do, the account, the buttons for it, and
    (with `picker`) the language picker."""
    guild = client.get_guild(svc.settings.home_guild() or 0)
    name = case.hf_account if case is not None else account
    with use_language(language):
        lines = [say(CONVERSATION, "welcome", server=guild.name if guild else "Hugging Face")]
        lines.append(say(CONVERSATION, "account_seen", account=name) if name
                     else say(CONVERSATION, "ask_account"))  # fmt: skip
        items: list[discord.ui.Item[Any]] = []
        if name:
            items += [CheckButton(name), BackupButton(name), DraftButton(name)]
        if case is not None:
            items.append(TalkButton(str(case.id)))
        if picker:
            items.append(LanguageSelect(case.id if case is not None else 0, account or ""))
    return "\n\n".join(lines), buttons_view(*items) if items else None


class LanguageSelect(
    GuardedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"hdl:(?P<case>\d{1,18}):(?P<account>[A-Za-z0-9._-]{0,96})",
):
    """The language picker under a welcome: the choice is kept and the welcome re-rendered."""

    def __init__(self, case_id: int, account: str) -> None:
        options = [discord.SelectOption(label=label, value=code)
                   for code, label in LANGUAGE_NAMES.items()]  # fmt: skip
        super().__init__(
            discord.ui.Select(
                placeholder=say(CONVERSATION, "language_placeholder"),
                options=options,
                custom_id=f"hdl:{case_id}:{account}",
                row=1,
            )
        )
        self.case_id, self.account = case_id, account

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str], /,
    ) -> LanguageSelect:  # fmt: skip
        return cls(int(match["case"]), match["account"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        values = self.item.values  # refreshed from the interaction by discord.py
        chosen = values[0] if values and values[0] in LANGUAGE_NAMES else "en"
        svc = services(interaction)
        await remember_language(svc.db, interaction.user.id, chosen)
        case = await svc.cases.get_case(self.case_id, Scope.everything())
        if case is not None and case.discord_user_id != interaction.user.id:
            case = None
        content, view = render_welcome(interaction.client, svc, case, self.account or None,
                                       chosen, picker=True)  # fmt: skip
        await interaction.response.edit_message(content=content, view=view)
