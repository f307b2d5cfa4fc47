"""Everything this feature says to people (moderators' server settings, private contexts, the
person's own erasure and the DMs about their case), in one table. Templates name their
placeholders in braces."""

from __future__ import annotations

from typing import Final

from bot.i18n import t

WORDING: Final[dict[str, str]] = {
    # private contexts: a group DM, or a server reached through a user install
    "public_refused": (
        "Here the answer stays private to you: this is a group DM or a server where the app is "
        "installed only to your account, so nothing about your account is posted in the channel. "
        "Run the command again without `public`."
    ),
    # /case config
    "modlog_set": "New-case notices of this server now go to <#{channel}>.",
    "role_set": "Members with <@&{role}> can now use `/case` in this server.",
    "role_everyone": "@everyone cannot be the moderator role; pick a role of the helpers.",
    # /mycase forget
    "forget_prompt": (
        "Erase your {cases} with their timelines, in every server and DM where the bot "
        "keeps them, and your preferences? Moderators will no longer see them. This cannot be "
        "undone."
    ),
    "forget_nothing": "The bot keeps no case of yours; there is nothing to erase.",
    "forget_done": "Erased {cases} and {events}. Nothing about you is kept.",
    "forget_cancelled": "Nothing was erased.",
    "forget_button": "Erase my data",
    "cancel_button": "Cancel",
    # /mycase: the DM toggle
    "dms_on_button": "Send me case updates by DM",
    "dms_off_button": "Stop case updates by DM",
    "dms_now_on": "Done: when a moderator moves your case or writes to you, you get a short DM.",
    "dms_now_off": "Done: no more DMs about your cases. `/mycase show` still shows where they stand.",
    # DMs to the person
    "status_dm": "Update on your case {ref} (`{account}`): it is now **{status}**.",
    "note_dm": "A moderator wrote about your case {ref} (`{account}`):\n>>> {text}",
    "dm_footer": "You can turn these messages off with `/mycase show`.",
    # what the moderator hears about that DM
    "told_sent": "The person was told by DM.",
    "told_off": "The person turned case DMs off, so they were not told.",
    "told_closed": "The person's DMs are closed, so they were not told (noted on the case).",
    "told_no_mutual": "The person shares no server with the bot any more, so the DM could not "
    "reach them (Discord code 50278, noted on the case).",
    "told_failed": "Discord refused the DM (code {code}), so they were not told (noted on the "
    "case).",
    # the moderator's own answers
    "note_saved": "Note saved on case #{case_id}.",
    "note_refused": "Not saved: {error}.",
    "status_set": "Case {ref} is now **{status}**.",
    "status_refused": "Unchanged: {error}.",
    "no_case": "There is no case #{case_id} in this server.",
}


def say(key: str, **values: object) -> str:
    """The sentence `key` in the current language, its placeholders filled."""
    return t(WORDING[key], **values)
