"""DM conversations as a discord.py extension (`bot.load_extension("cogs.conversations.extension")`);
loaded after `/case`, whose group gets `reply` and `transcript`."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from cogs.conversations.buttons import BackupButton, CheckButton, DraftButton, EndButton, TalkButton
from cogs.conversations.commands import reply_command, transcript_command
from cogs.conversations.moderators import ReplyButton, ReplyModal, late_reply
from cogs.conversations.person import ConversationCog
from cogs.conversations.welcome import LanguageSelect
from cogs.ui.steps import accept_late_forms


async def setup(bot: commands.Bot) -> None:
    """The DM listener, the persistent buttons, and two `/case` subcommands."""
    await bot.add_cog(ConversationCog(bot))
    bot.add_dynamic_items(
        CheckButton, BackupButton, DraftButton, TalkButton, EndButton, ReplyButton, LanguageSelect
    )
    accept_late_forms(bot, ReplyModal.kind, late_reply)  # a Reply form typed past its time
    group = bot.tree.get_command("case")
    if not isinstance(group, app_commands.Group):
        raise RuntimeError("load cogs.moderation.extension before cogs.conversations.extension")
    group.add_command(reply_command)
    group.add_command(transcript_command)
