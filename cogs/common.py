"""What every cog shares: replying in the right way, errors with a reference, DMs, moderator
checks, case logging, and the base classes of views and modals."""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands

from bot.cases.models import Case, EventKind

if TYPE_CHECKING:
    from bot.factory import Services, SupportBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
# The contexts of the commands anyone may use: servers, and DMs with the bot.
in_servers_and_dms = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)


def services(interaction: discord.Interaction[Any]) -> Services:
    """The bot's services, from any interaction."""
    return cast("SupportBot", interaction.client).services


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


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Tell the person something failed, with a reference; log the traceback under it."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, NotModerator):
        await _safe_reply(interaction, str(error))
        return
    if isinstance(error, app_commands.NoPrivateMessage):
        await _safe_reply(interaction, "This command works only inside a server.")
        return
    ref = secrets.token_hex(4)
    log.error(
        "interaction failed [ref %s] user=%s command=%s",
        ref,
        interaction.user.id,
        interaction.command.qualified_name if interaction.command else "-",
        exc_info=error,
    )
    await _safe_reply(
        interaction,
        f"Sorry, something went wrong on our side (reference `{ref}`). Nothing you entered "
        "was shared. Please try again in a minute, or mention this reference to a moderator.",
    )


async def _safe_reply(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        await reply(interaction, text)
    except discord.HTTPException as exc:
        log.warning("could not send the error message: %s", exc)


class NotModerator(app_commands.CheckFailure):
    """A non-moderator tried a moderator command or button."""

    def __init__(self) -> None:
        super().__init__(
            "This is for server moderators only (a moderator role or the Manage Server permission)."
        )


def is_moderator(interaction: discord.Interaction[Any]) -> bool:
    """Manage Server (or Administrator) in this server, or one of `MODERATOR_ROLE_IDS`."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    wanted = set(services(interaction).settings.moderator_role_ids)
    return any(role.id in wanted for role in interaction.user.roles)


def require_moderator(interaction: discord.Interaction[Any]) -> bool:
    """`is_moderator`, raising `NotModerator` when not (for checks)."""
    if not is_moderator(interaction):
        raise NotModerator
    return True


def cooldown_message(interaction: discord.Interaction[Any]) -> str | None:
    """None when the person may go on, else a friendly "try again in N s"."""
    wait = services(interaction).cooldown.hit(interaction.user.id)
    if not wait:
        return None
    return (
        f"You have asked a few times in a row; please try again in {int(wait) + 1} s. "
        "Results are kept for a few minutes, so nothing is lost by waiting."
    )


async def send_dm(user: discord.User | discord.Member, **kwargs: Any) -> int | None:
    """Send a direct message. None when it arrived, else Discord's error code (closed DMs answer
    403 with 50007; a refused body 400 with 50035; 0 when Discord gave none)."""
    try:
        channel = await user.create_dm()
        await channel.send(allowed_mentions=NO_MENTIONS, **kwargs)
    except discord.HTTPException as exc:
        level = logging.INFO if isinstance(exc, discord.Forbidden) else logging.WARNING
        log.log(level, "DM to %s refused (HTTP %s, code %s)", user.id, exc.status, exc.code)
        return exc.code
    return None


async def record(
    interaction: discord.Interaction[Any],
    account: str,
    kind: EventKind,
    payload: dict[str, Any] | None = None,
) -> Case:
    """Open (or reuse) the person's case for `account`, append an event, and post a notice to
    the mod-log channel when the case is new. Returns the case."""
    svc = services(interaction)
    case = await svc.cases.open_case(interaction.user.id, interaction.guild_id, account)
    await svc.cases.add_event(case.id, kind, interaction.user.id, payload)
    if case.created:
        await _modlog(interaction, case, kind)
    return case


async def _modlog(interaction: discord.Interaction[Any], case: Case, kind: EventKind) -> None:
    channel_id = services(interaction).settings.modlog_channel_id
    if channel_id is None:
        return
    via = interaction.command.qualified_name if interaction.command else kind.value
    text = (
        f"New case {case.ref}: account `{case.hf_account}`, opened by "
        f"{interaction.user.mention} via /{via}."
    )
    try:
        channel = interaction.client.get_channel(
            channel_id
        ) or await interaction.client.fetch_channel(channel_id)
        if isinstance(channel, discord.abc.Messageable):
            await channel.send(text, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)


class GuardedItem:
    """Mixin for persistent (dynamic) items: `run` does the work, and any failure reaches the
    person with a reference (discord.py would only log it, and the click would time out)."""

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
