"""hf-support-bot core: settings, Hub client, services, case store and CLI (no Discord here:
the bot itself is `cogs.runtime.client`)."""

__version__ = "0.1.0"
