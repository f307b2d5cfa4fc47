"""`/appeal`: a form, a step to tick what applies, then the email draft by DM."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.accounts import MAX_INPUT_LENGTH
from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput, AppealInputError
from bot.appeal.limits import ACTIVITY_LIMIT, LINKS_TEXT_LIMIT, LOCK_MESSAGE_LIMIT
from bot.cases.dm_refusals import refusal
from bot.cases.models import EventKind
from bot.i18n import gettext
from bot.knowledge import Knowledge
from cogs.appeal.embeds import draft_message
from cogs.appeal.reminders import sent_view
from cogs.services import services
from cogs.ui.case_log import record
from cogs.ui.dms import send_dm
from cogs.ui.permissions import in_bot_dm, in_servers_and_dms
from cogs.ui.replies import defer, reply
from cogs.ui.steps import StepModal, StepView, accept_late_forms
from cogs.ui.wording import APPEAL, say

# Under Discord's 15-minute interaction token, so a step left alone can still be disabled.
STEP_TIMEOUT_S = 600.0
# (field, label's key in `cogs.ui.wording.APPEAL`, max length, placeholder or its key) of the
# appeal form, in order; the lengths are the core's input limits (Discord allows at most 4000
# characters in a text input).
FORM_FIELDS: tuple[tuple[str, str, int, str | None], ...] = (
    ("account", "account_label", MAX_INPUT_LENGTH, "account_placeholder"),
    ("lock_message", "lock_label", LOCK_MESSAGE_LIMIT, None),
    ("links", "links_label", LINKS_TEXT_LIMIT, "https://huggingface.co/spaces/you/app"),
    ("activity", "activity_label", ACTIVITY_LIMIT, None),
)


DM_REFUSED = {"closed": "dm_help", "no_mutual": "dm_no_mutual", "rate_limited": "dm_busy"}
"""What the person hears when the draft's DM was refused, by the refusal's reason."""

class AppealCog(commands.Cog):
    """Drafting the email to Hugging Face."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        # a form submitted after its 10 minutes (or across a restart) still counts: the text
        # someone typed for that long is never thrown away
        accept_late_forms(bot, AppealModal.kind, submit_form)

    @app_commands.command(
        name="appeal", description="Get a calm email draft for Hugging Face, sent to your DMs"
    )
    @app_commands.describe(account="The locked account (you can also type it in the form)")
    @in_servers_and_dms
    async def appeal(
        self,
        interaction: discord.Interaction[Any],
        account: app_commands.Range[str, 0, MAX_INPUT_LENGTH] = "",
    ) -> None:
        await interaction.response.send_modal(AppealModal(interaction.client, account=account))


class AppealModal(StepModal, title="Appeal draft: the facts"):
    """Account, lock message, affected links, recent activity (each open form is its own)."""

    kind = "appeal"

    def __init__(self, client: discord.Client, **typed: str) -> None:
        super().__init__(client, timeout=STEP_TIMEOUT_S)
        self.title = say(APPEAL, "form_title")
        self.inputs: dict[str, discord.ui.TextInput[Any]] = {}
        for field, label, max_length, placeholder in FORM_FIELDS:
            self.inputs[field] = discord.ui.TextInput(
                custom_id=field,
                label=say(APPEAL, label),
                style=discord.TextStyle.short
                if field == "account"
                else discord.TextStyle.paragraph,
                required=field == "account",
                max_length=max_length,
                default=typed.get(field, "")[:max_length] or None,
                placeholder=say(APPEAL, placeholder) if placeholder in APPEAL else placeholder,
            )
            self.add_item(self.inputs[field])

    def values(self) -> dict[str, str]:
        """What was typed, by field."""
        return {field: item.value for field, item in self.inputs.items()}

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await submit_form(interaction, self.values())


async def submit_form(interaction: discord.Interaction[Any], typed: dict[str, str]) -> None:
    """The form's facts: on to the step of ticks, or back to the form (what was typed kept)
    with what to fix."""
    typed = {field: typed.get(field, "") for field, *_ in FORM_FIELDS}
    try:
        appeal = AppealInput.parse(
            {**typed, "links": tuple(typed["links"].splitlines())},
            knowledge=services(interaction).knowledge,
        )
    except AppealInputError as exc:
        retry = RetryView(interaction.client, typed)
        retry.anchor = interaction
        await reply(interaction, say(APPEAL, "fix_form", error=exc), view=retry)
        return
    step = AppealStepView(
        interaction.client,
        appeal,
        followup_days=services(interaction).settings.followup_days,
        knowledge=services(interaction).knowledge,
    )
    step.anchor = interaction
    await reply(interaction, step.prompt(), view=step)


class RetryView(StepView):
    """Reopen the form with what was typed, so nothing has to be typed again."""

    kind = "appeal"

    def __init__(self, client: discord.Client, typed: dict[str, str]) -> None:
        super().__init__(client, timeout=STEP_TIMEOUT_S)
        self.typed = typed
        self.retry.label = say(APPEAL, "retry_button")

    @discord.ui.button(label="Edit and try again", style=discord.ButtonStyle.primary)
    async def retry(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        await interaction.response.send_modal(AppealModal(interaction.client, **self.typed))


class AppealStepView(StepView):
    """Tick the activity signals, the addresses already written to, the formal route; send."""

    kind = "appeal"

    def __init__(
        self,
        client: discord.Client,
        appeal: AppealInput,
        *,
        followup_days: int,
        knowledge: Knowledge,
    ) -> None:
        super().__init__(client, timeout=STEP_TIMEOUT_S)
        self.appeal = appeal
        self.followup_days = followup_days
        self.formal = False
        signals = signal_options(knowledge)
        self.signal_select: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=say(APPEAL, "signals_placeholder"),
            min_values=0,
            max_values=len(signals),
            options=signals,
            row=0,
        )
        contacts = [
            discord.SelectOption(
                label=say(APPEAL, f"contact_{key}", address=r.address, days=followup_days)[:100],
                value=f"{r.id}:{key}",
            )
            for r in knowledge.contact.routes[:12]
            for key in ("recent", "old")
        ]
        self.contact_select: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=say(APPEAL, "contacts_placeholder"),
            min_values=0,
            max_values=len(contacts),
            options=contacts,
            row=1,
        )
        self.formal_toggle.label = say(APPEAL, "formal_no")
        self.send.label = say(APPEAL, "send_button")
        for select in (self.signal_select, self.contact_select):
            select.callback = self._ack  # type: ignore[method-assign]
            self.add_item(select)

    async def _ack(self, interaction: discord.Interaction[Any]) -> None:
        """Selections are read when the person presses Send; acknowledge each change."""
        await interaction.response.defer()
        self.anchor = interaction  # a deferred update: its @original is the step's message

    def prompt(self) -> str:
        """The text above the step."""
        return say(APPEAL, "prompt", account=self.appeal.account)

    @discord.ui.button(label="Formal appeal: no", style=discord.ButtonStyle.secondary, row=2)
    async def formal_toggle(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        self.formal = not self.formal
        button.label = say(APPEAL, "formal_yes" if self.formal else "formal_no")
        button.style = discord.ButtonStyle.danger if self.formal else discord.ButtonStyle.secondary
        await interaction.response.edit_message(view=self)
        self.anchor = interaction

    @discord.ui.button(label="Send me the draft", style=discord.ButtonStyle.success, row=2)
    async def send(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        # In the bot's DM the draft fills this deferral, so it must not be ephemeral (it would
        # vanish); anywhere else (servers, group DMs) the channel only hears that it was sent.
        await defer(interaction, ephemeral=not in_bot_dm(interaction))
        svc = services(interaction)
        today = svc.clock.now().date()
        contacted = _contacted(self.contact_select.values)
        ticked = {
            "signals": tuple(self.signal_select.values),
            "contacted": contacted,
            "formal": self.formal,
        }
        appeal = AppealInput.parse({**self.appeal.model_dump(), **ticked}, knowledge=svc.knowledge)
        latest = await svc.checker.reports.latest(appeal.account)
        draft = draft_appeal(
            appeal,
            knowledge=svc.knowledge,
            followup_days=self.followup_days,
            today=today,
            report_summary=latest.summary_line() if latest else None,
        )
        case = await record(
            interaction,
            appeal.account,
            EventKind.APPEAL_DRAFTED,
            {
                "to": draft.to,
                "stage": draft.stage,
                "signals": list(appeal.signals),
                "contacted": sorted(contacted),
                "formal": appeal.formal,
                "lock_message": appeal.lock_message,  # issue 15: what a lock wave shares
            },
        )
        self.stop()
        remind_on = svc.reminders.remind_on()
        await deliver(
            interaction,
            lambda: {
                **draft_message(draft, appeal.account),
                "view": sent_view(case.id, remind_on),
            },
            case.id,
        )


def signal_options(knowledge: Knowledge) -> list[discord.SelectOption]:
    """The activity signals as select options (a select holds at most 25)."""
    return [
        discord.SelectOption(label=gettext(x.label)[:100], value=x.id)
        for x in knowledge.signals[:25]
    ]


def _contacted(values: list[str]) -> dict[str, str]:
    """ "safety:recent" → {"safety": "recent"}: when, as the person told us (no date is made up;
    see `bot.appeal.stages.Approximate`)."""
    out: dict[str, str] = {}
    for value in values:
        route, _, when = value.partition(":")
        out[route] = when
    return out


async def deliver(
    interaction: discord.Interaction[Any], message: Callable[[], dict[str, Any]], case_id: int
) -> None:
    """DM the draft (`message()` builds the message's keyword arguments; files can be sent only
    once, so it is called per attempt); in the channel say only that it was sent. Closed DMs:
    explain and show it privately instead. Records whether the DM arrived, and why not."""
    store = services(interaction).cases
    user_id = interaction.user.id
    if in_bot_dm(interaction):  # already in a DM with the bot: a lasting message here
        await reply(interaction, ephemeral=False, **message())
        await store.add_event(case_id, EventKind.DM_SENT, user_id, {"dm_sent": True, "in_dm": True})
        return
    code = await send_dm(interaction.user, **message())
    if code is None:
        await store.add_event(case_id, EventKind.DM_SENT, user_id, {"dm_sent": True})
        await reply(interaction, say(APPEAL, "sent", case=case_id))
        return
    await store.add_event(case_id, EventKind.DM_FAILED, user_id, {"dm_sent": False, "code": code})
    await reply(interaction, say(APPEAL, DM_REFUSED.get(refusal(code), "dm_failed")))
    await reply(interaction, **message())
