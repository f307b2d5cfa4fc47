"""Follow-up reminders on Discord: the buttons under a draft ("I sent it", with or without a
reminder), under `/mycase` (cancel, move), the DM sender the scheduler calls, and the reminder
lines of `/case view`. The rules are `bot.reminders.service`'s."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any

import discord
from discord.ext import commands

from bot.cases.models import CaseError, CaseNotFound, NotYourCase
from bot.i18n import t
from bot.reminders.followup import FollowUp
from bot.reminders.models import Delivery, Reminder
from bot.reminders.wording import STATES, WORDS
from cogs.appeal.embeds import draft_message
from cogs.services import services
from cogs.ui.dms import send_dm, send_dm_to
from cogs.ui.limits import FIELD_VALUE, add_field, fit_lines
from cogs.ui.permissions import is_moderator, moderator_scope
from cogs.ui.replies import reply
from cogs.ui.views import GuardedItem
from cogs.ui.wording import CASES
from cogs.ui.wording import say as say_cases

log = logging.getLogger(__name__)

MOVE_DAYS = 3  # the move button puts the reminder this many days later


class ReminderButton(
    GuardedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"hfsb:fu:(?P<act>remind|sent|cancel|later):(?P<case>\d{1,18})",
):
    """ "I sent it" (with or without a reminder), cancel, or move a case's reminder; persistent
    across restarts (the custom id holds only the action and the case, well under 100
    characters)."""

    def __init__(self, act: str, case_id: int, *, label: str, row: int | None = None) -> None:
        style = {
            "remind": discord.ButtonStyle.success,
            "cancel": discord.ButtonStyle.danger,
        }.get(act, discord.ButtonStyle.secondary)
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=style, custom_id=f"hfsb:fu:{act}:{case_id}", row=row
            )
        )
        self.act, self.case_id = act, case_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReminderButton:
        label = getattr(item, "label", None) or match["act"]
        return cls(match["act"], int(match["case"]), label=label)

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        service = services(interaction).reminders
        moderator = moderator_scope(interaction) if await is_moderator(interaction) else None
        user = interaction.user.id
        try:
            if self.act in ("remind", "sent"):
                done = await service.confirm_sent(
                    self.case_id, user, remind=self.act == "remind", moderator_scope=moderator,
                    probe=lambda text: send_dm(interaction.user, content=text),
                )  # fmt: skip
                text = done.text
            elif self.act == "cancel":
                text = await service.cancel(self.case_id, user, moderator_scope=moderator)
            else:
                text = await service.move(self.case_id, user, MOVE_DAYS, moderator_scope=moderator)
        except (CaseNotFound, NotYourCase):
            text = t(WORDS["not_yours"])
        except CaseError as exc:
            text = t(WORDS["refused"], reason=exc.text())
        await reply(interaction, text)


def sent_view(case_id: int, remind_on: date) -> discord.ui.View:
    """The buttons under a draft: "I sent it: remind me on …" and "I sent it (no reminder)"."""
    view = discord.ui.View(timeout=None)
    label = t(WORDS["remind_button"], date=remind_on.isoformat())
    view.add_item(ReminderButton("remind", case_id, label=label))
    view.add_item(ReminderButton("sent", case_id, label=t(WORDS["sent_button"])))
    return view


def reminder_buttons(case_id: int, row: int) -> list[ReminderButton]:
    """Cancel and move buttons of a case's pending reminder, for `/mycase`."""
    return [
        ReminderButton("cancel", case_id, label=t(WORDS["cancel_button"], case=case_id),
                       row=row),
        ReminderButton("later", case_id, row=row,
                       label=t(WORDS["move_button"], case=case_id, days=MOVE_DAYS)),
    ]  # fmt: skip


def followup_message(followup: FollowUp) -> dict[str, Any]:
    """The reminder DM: its text, then the follow-up draft with its "I sent it" buttons."""
    if followup.draft is None or followup.remind_on is None:
        return {"content": followup.text}
    message = draft_message(followup.draft, followup.account, preface=followup.text)
    message["view"] = sent_view(followup.case_id, followup.remind_on)
    return message


def make_sender(bot: commands.Bot) -> Any:
    """The scheduler's `Sender`: DM the person, and tell how it went."""

    async def send(user_id: int, followup: FollowUp) -> Delivery:
        return Delivery.of(await send_dm_to(bot, user_id, **followup_message(followup)))

    return send


# How a reminder's DM went (`Delivery` values), in the words of `/case view`'s "DM delivered".
_DELIVERED: dict[str, str] = {
    Delivery.SENT: "dm_yes",
    Delivery.DMS_CLOSED: "dm_no",
    Delivery.NO_MUTUAL_GUILDS: "dm_no_no_mutual",
    Delivery.MISSING_ACCESS: "dm_no_no_access",
    Delivery.RATE_LIMITED: "dm_no_rate_limited",
}


def add_reminders_field(
    embed: discord.Embed, reminders: list[Reminder], dm_closed_at: datetime | None
) -> None:
    """The case's reminders, for moderators (`/case view`)."""
    if not reminders and dm_closed_at is None:
        return
    lines = [
        t(WORDS["mod_line"],
            number=r.number, state=t(STATES[r.state.value]),
            due=f"{r.scheduled_for:%Y-%m-%d %H:%M}",
            result=f" · {say_cases(CASES, _DELIVERED.get(r.result, 'dm_no_other'))}"
            if r.result else "",
        )
        for r in reminders
    ]  # fmt: skip
    if dm_closed_at is not None:
        lines.append(t(WORDS["dm_closed"], when=f"{dm_closed_at:%Y-%m-%d}"))
    add_field(embed, t(WORDS["field"]), fit_lines(lines[-10:], FIELD_VALUE))
