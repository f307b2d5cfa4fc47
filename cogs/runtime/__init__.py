"""The bot's runtime: the client and its services, the extension list, command sync, heartbeat,
translator and the runner the CLI starts."""
