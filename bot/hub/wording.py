"""What moderators and operators are told about the bot's own Hugging Face token. English; each
is also its gettext id (`bot.i18n.t` translates it when shown)."""

from __future__ import annotations

TOKEN = {
    "modlog_refused": "The Hugging Face Hub refused the bot's token (HF_TOKEN): it was revoked or "
    "has expired, or its account is locked. Account checks go on without it, the way anyone sees "
    "the Hub, and tell people so. Please put a valid token in HF_TOKEN and restart the bot.",
    "cli_refused": "The Hugging Face Hub refused HF_TOKEN (revoked, expired, or its account is "
    "locked): this check was made without it, and says nothing about the account checked.",
}
"""The token notice of the mod-log (home server) and the CLI's one line."""
