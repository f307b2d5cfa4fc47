"""hf-support-bot core: settings, Hub client, services, case store and CLI (no Discord here,
except `bot.factory`, which builds the bot)."""

__version__ = "0.1.0"
