"""Every sentence of the reminders feature, in one table (the DMs, the buttons, the answers to
them, `/mycase` and `/case view` lines). Templates name their placeholders in braces."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # the DM on the due date
    "followup": "Case {ref} ({account}): it is {days} since your email to {last_to} on "
    "{last_sent} and Hugging Face has not replied yet. Here is follow-up {number} of {max}, "
    "ready to send to {to}. Send it once, from the address on your account.",
    "ask_moderators": "Case {ref} ({account}): {max} follow-ups have gone without a reply since "
    "{first_sent}. Writing again is unlikely to help; please ask the moderators of the server "
    "where you opened this case, and mention case {ref}. They can look at it with you.",
    # buttons (Discord allows 80 characters in a label)
    "remind_button": "I sent it: remind me on {date} if no reply",
    "sent_button": "I sent it (no reminder)",
    "cancel_button": "#{case} cancel reminder",
    "move_button": "#{case} remind {days} later",
    # answers to the buttons
    "scheduled": "Noted on case {ref}: sent on {sent}. I will DM you on {due} if Hugging Face "
    "has not replied by then. `/mycase` moves or cancels it.",
    "dms_needed": "Noted on case {ref}: sent on {sent}. No reminder is set, because my direct "
    "messages do not reach you. Open your DMs to this bot (as explained above), then press the "
    "button again. Or note the date yourself: if Hugging Face has not replied by {due}, run "
    "`/appeal` again for a follow-up.",
    "dm_check": "Case {ref}: your reminder will come here on {due} if Hugging Face has not "
    "replied by then.",
    "sent_noted": "Noted on case {ref}: sent on {sent}. No reminder is set.",
    "already_noted": "Case {ref} already has this email noted.",
    "cancelled": "The reminder of case {ref} is cancelled.",
    "moved": "The reminder of case {ref} is now on {due}.",
    "no_reminder": "Case {ref} has no reminder waiting.",
    "not_active": "Case {ref} is {status}, so there is nothing to remind you of.",
    "no_draft": "Case {ref} has no email draft yet: run `/appeal` first.",
    "not_yours": "That case is not yours, so it was left unchanged.",
    "refused": "Could not update the case: {reason}.",
    # shown in /mycase and /case view
    "field": "Reminders",
    "next": "{ref}: reminder on {due}",
    "mod_line": "#{number} {state}, due {due}{result}",
    "dm_closed": "Reminder DMs could not be delivered (DMs closed) on {when}.",
}
"""The reminders' wording."""

STATES = {
    "pending": "pending",
    "claimed": "claimed",
    "sent": "sent",
    "cancelled": "cancelled",
    "undeliverable": "undeliverable",
    "unconfirmed": "unconfirmed",
}
"""Where a reminder stands (`ReminderState` values), in `/case view` (moderators)."""
