"""Every sentence the Discord side says that is not a core feature's (check results, backup
plans, the appeal form and its steps, the draft's DM, `/mycase`, `/case`, `/precedents`,
errors). English: it is also each message's gettext id, translated by `bot.i18n.t` when shown.
Templates name their placeholders in braces. Limits: button labels 80, select option labels
100, modal titles and text input labels 45, placeholders 100 characters."""

from __future__ import annotations

from typing import Final

from bot.i18n import t

CHECK: Final[dict[str, str]] = {
    "title": "Account check: {account}",
    "linked_repo": "Linked repo",
    "account": "Account",
    "account_line": "{kind}; profile {profile}",
    "kind_user": "user",
    "kind_organization": "organization",
    "kind_not_found": "no profile found",
    "kind_unknown": "unknown (profile could not be checked)",
    "reachable": "reachable",
    "not_reachable": "not reachable",
    "not_visible": "not visible (HTTP {status})",
    "public_repos": "Public repos",
    "spaces_by_stage": "Spaces by stage",
    "disabled_count": "disabled: {count}",
    "could_not_check": "Could not be checked",
    "footer": "Checked {when} UTC",
    "footer_saved": "Checked {when} UTC (saved result, {age} s old)",
    "profile_says": " (profile says {total})",
    "incomplete": " (incomplete)",
    "more_in_file": "… and {rest} more in the attached list",
    "disabled": "disabled",
    "gated": "gated ({how})",
    "case": "Case {ref}",
    "backup_button": "Backup commands",
    "appeal_button": "Draft appeal",
    "invalid": "That does not look like a Hugging Face account: {reason}",
    "cooldown": "You have asked a few times in a row; please try again in {seconds} s. Results "
    "are kept for a few minutes, so nothing is lost by waiting.",
}
"""`/checkaccount`: the result embed and its buttons."""

BACKUP: Final[dict[str, str]] = {
    "title": "Backup plan: {account}",
    "some": "{total} public repo(s) can be copied now, without logging in. The full shell and "
    "Python scripts are attached; the Python one can be re-run to resume.",
    "none": "Nothing public can be downloaded right now.",
    "first_commands": "First commands",
    "commands": "Commands",
    "support_only": "Only Hugging Face support can recover",
    "gated": "Gated: need a login",
    "recovery": "What can be recovered, and how",
    "notes": "Notes",
}
"""`/backup`: the plan embed."""

APPEAL: Final[dict[str, str]] = {
    "form_title": "Appeal draft: the facts",
    "account_label": "Hugging Face account",
    "account_placeholder": "your-username",
    "lock_label": "Lock message (exact words, if any)",
    "links_label": "Affected repo/Space links, one per line",
    "activity_label": "What were you doing before the lock?",
    "fix_form": "Something in the form needs fixing: {error}",
    "retry_button": "Edit and try again",
    "prompt": "Thanks. For **{account}**: tick anything that applies (all optional), then press "
    "**Send me the draft**. It arrives in your DMs; nothing is posted here.",
    "signals_placeholder": "Recent activity that may matter (optional)",
    "contacts_placeholder": "Already emailed Hugging Face? (optional)",
    "contact_recent": "{address}: under {days} ago",
    "contact_old": "{address}: {days} or more ago",
    "formal_no": "Formal appeal: no",
    "formal_yes": "Formal appeal: yes",
    "send_button": "Send me the draft",
    "sent": "Sent to your DMs (case #{case}). Take your time with it.",
    "dm_help": "I could not send you a direct message: your DMs are closed for this server. To "
    "allow them, open the server menu → **Privacy Settings** → turn on **Direct Messages**, then "
    "run `/appeal` again. Meanwhile, here is your draft, visible only to you:",
    "dm_failed": "I could not send you a direct message just now. Here is your draft, visible "
    "only to you:",
    "dm_no_mutual": "I could not send you a direct message: Discord lets me write only to people "
    "who share a server with me, and we share none now. Here is your draft, visible only to you:",
    "dm_busy": "Discord asked me to slow down, so I could not send you a direct message just "
    "now. Here is your draft, visible only to you:",
}
"""`/appeal`: the form, the step to tick what applies, what the channel hears."""

DRAFT: Final[dict[str, str]] = {
    "to": "**Send to** (tap and hold, or select, to copy)",
    "subject": "**Subject**",
    "email": "**Email**, also attached as `{file}`",
    "email_in_embed": "**Email**: below, and attached as `{file}`",
    "email_in_file": "**Email**: it is long, so it is in the attached `{file}`",
    "footer": "Fill in the placeholders before sending. Nothing is sent for you.",
    "title": "Your email draft for {account}",
    "why": "Why this address",
    "before": "Before you send",
    "next": "Next step",
    "note": "Note",
    # what the (English) email says, for a reader of another language
    "explain_title": "What the email says (it stays in English for Hugging Face staff)",
    "explain_subject": "Subject: asks Hugging Face to review your locked account.",
    "explain_opening": "Opening: your account name, that it seems locked, and that you are "
    "asking for a review.",
    "explain_facts": "Account, links, activity: the facts you gave; lines marked [FILL IN: …] are "
    "for you to complete or delete.",
    "explain_earlier": "Earlier emails: the addresses you already wrote to, and when.",
    "explain_closing": "Closing: if a rule was broken it was not on purpose; asks which things "
    "to change, for the account back, or for an export of your data.",
}
"""The DM that carries the draft (headings above each block, the embed around it)."""

MINE: Final[dict[str, str]] = {
    "replied": "Hugging Face replied",
    "restored": "Account restored",
    "locked": "Still locked",
    "progress_button": "#{case} {label}",
    "not_yours": "That case is not yours, so it was left unchanged.",
    "refused": "Could not update the case: {error}.",
    "now_restored": "Wonderful news. Case {ref} is marked restored. If anything is missing, a "
    "moderator can reopen it.",
    "now_replied": "Noted on case {ref}: Hugging Face replied. Answer them in the same email "
    "thread, calmly and with the facts they ask for.",
    "now_locked": "Noted on case {ref}: still locked. If {days} have passed with no reply, "
    "send one short follow-up to {address} from the address on your account (`/appeal` drafts "
    "it). {advice}",
    "title": "Your cases",
    "none": "You have no cases yet. `/checkaccount` looks at an account; `/appeal` drafts an "
    "email to Hugging Face.",
    "keep_up": "Keep it up to date",
    "keep_up_text": "Use the buttons when something changes: it helps the moderators help you, "
    "and nothing else is shared.",
    "erase_button": "Erase",
    "updated": "updated {date}",
}
"""`/mycase`: the person's own cases and their buttons."""

CASES: Final[dict[str, str]] = {
    "person": "Person: <@{user}> (`{user}`)",
    "status": "Status: **{status}**",
    "opened": "Opened {when} UTC · DM delivered: {dm}",
    "dm_yes": "yes",
    "dm_no": "no (DMs closed)",
    "dm_no_no_mutual": "no (no server in common)",
    "dm_no_no_access": "no (missing access)",
    "dm_no_rate_limited": "no (Discord asked to wait)",
    "dm_no_other": "no (Discord refused it)",
    "dm_code": "{state}, code {code}",
    "title": "Case {ref}: {account}",
    "timeline": "Timeline ({count})",
    "no_match": "No cases match.",
    "page": "Page {page}",
    "list_title": "Cases",
    "list_title_filtered": "Cases ({filters})",
    "previous": "Previous",
    "next": "Next",
    "export": "Here is the export. It contains Discord ids: keep it private.",
    "forget_prompt": "Erase {cases} of <@{user}> handled by this server, with their "
    "timelines? This cannot be undone.",
    "forget_done": "Erased {cases} and {events} of <@{user}>.",
    "new_case": "New case {ref}: account `{account}`, opened by {person} via /{command}.",
}
"""`/case`: what moderators read."""

PRECEDENTS: Final[dict[str, str]] = {
    "title": "Public precedents",
    "intro": "Other people have been through this. None of these proves what happened to a "
    "given account; only Hugging Face can tell. They do show that locks are often reviewed.",
    "helps": "What helps",
    "watched": "What automated checks look for: {section}",
}
"""`/precedents`."""

ERRORS: Final[dict[str, str]] = {
    "server_only": "This command works only inside a server.",
    "moderators_only": "This is for server moderators only (a moderator role or the Manage "
    "Server permission).",
    "failed": "Sorry, something went wrong on our side (reference `{ref}`). Nothing you entered "
    "was shared. Please try again in a minute, or mention this reference to a moderator.",
    "expired_appeal": "This step expired. Run `/appeal` again to start over; nothing was sent.",
    "expired_case": "These buttons expired. Run the `/case` command again.",
    "expired_mine": "These buttons expired; nothing was erased. Run `/mycase forget` again.",
}
"""Failures, refusals and expired steps."""

TABLES: Final[dict[str, dict[str, str]]] = {
    "check": CHECK,
    "backup": BACKUP,
    "appeal": APPEAL,
    "draft": DRAFT,
    "mine": MINE,
    "cases": CASES,
    "precedents": PRECEDENTS,
    "errors": ERRORS,
}


def say(table: dict[str, str], key: str, /, **values: object) -> str:
    """The sentence `key` of `table` in the current language, its placeholders filled."""
    return t(table[key], **values)
