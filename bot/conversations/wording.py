"""What a case transcript (HTML) says around the texts people typed; shown to moderators."""

from __future__ import annotations

TRANSCRIPT = {
    "title": "Case {ref}: {account}",
    "summary": "Status: {status}. Opened {opened}. Last change {updated}.",
    "timeline": "Timeline",
    "conversation": "Conversation",
    "from_person": "The person",
    "from_moderator": "A moderator",
    "signed": "signed {name}",
    "attachment": "Attachment: {name} ({size} KB)",
    "no_messages": "No messages.",
    "purged": "Texts removed after the retention period.",
    "made": "Made {when} by hf-support-bot. Every text on this page is shown as typed; the page "
    "runs nothing and loads nothing.",
}
"""The transcript's headings and labels (its language is the moderator's)."""

CONVERSATION = {
    # the person's side (DMs), in their language
    "welcome": "Hello, I am the support bot of {server}. I am sorry your account is giving you "
    "trouble; you are in the right place.\nI can check what of a Hugging Face account is still "
    "publicly reachable, give you commands to back up your files and draft a calm email to "
    "Hugging Face. A moderator can also read your messages and answer you here.",
    "account_seen": "The buttons below are for the account **{account}**.",
    "ask_account": "Write your Hugging Face account name (or a link to your profile) and I will "
    "prepare the buttons for it.",
    "check_button": "Check my account",
    "backup_button": "Back up my files",
    "draft_button": "Draft the email",
    "talk_button": "Talk to a moderator",
    "end_button": "End the conversation",
    "language_placeholder": "Language",
    "saved": "Thank you, I added this to your case {ref}.",
    "relayed": "Passed on to the moderators with your case {ref}.",
    "talk_started": "A moderator of {server} has your case {ref} now and will answer here. "
    "Everything you write to me from now on goes to them, screenshots too. Nothing you write is "
    "posted in a public channel.",
    "talk_unavailable": "I could not reach the moderators just now. Your messages are kept on your "
    "case {ref}; please press the button again a little later.",
    "ended": "This conversation is closed; your case {ref} is kept. You can write to me again at "
    "any time.",
    "ended_by_case": "The moderators closed your case {ref}, so this conversation has ended. If "
    "you need help again, just write to me.",
    "cooldown": "You are writing faster than I can pass messages on. Please wait {seconds} "
    "seconds, then send it again.",
    "cut": "Your message was long, so only its first {limit} characters were kept.",
    "file_left": "{name} was not passed on: files can be up to {size} MB, {count} per message.",
    "reply_dm": "**A moderator of {server}** answers about your case {ref}:",
    "reply_dm_signed": "**{name}, a moderator of {server}**, answers about your case {ref}:",
    "reply_hint": "To answer, simply write here.",
    "not_yours": "This button belongs to someone else's conversation.",
    # the moderators' side, in the server's language
    "thread_summary": "Case {ref} for `{account}`, {status}, opened {opened}. The person's "
    "messages arrive in this private thread; answer them with **Reply** or `/case reply`.",
    "new_case": "New case {ref}: account `{account}`, opened by {person} in a DM with the bot.",
    "thread_notice": "Case {ref} (`{account}`): the person asks to talk with a moderator. "
    "Private thread: {thread}",
    "from_person": "The person wrote:",
    "files": "Files: {names}",
    "reply_button": "Reply",
    "reply_title": "Reply to the person",
    "reply_label": "Your answer (sent to them by DM)",
    "sign_label": "Sign as",
    "sign_anonymous": "A moderator of {server}",
    "sign_me": "With my name: {name}",
    "reply_posted": "{moderator} answered by DM:",
    "reply_done": "Your answer to case {ref} was sent by DM.",
    "reply_refused": "The answer was not delivered: Discord refused the DM (code {code}). "
    "Nothing was recorded.",
    "no_thread": "Case {ref} has no moderators' thread: set a mod-log channel with "
    "`/case config modlog`, and let the bot create private threads there.",
    "ended_notice": "The case was closed; the conversation has ended.",
    "transcript": "The whole of case {ref}, as one web page (open it in a browser).",
}
"""The DM conversation: what the person reads (their language) and what moderators read (the
server's language)."""
