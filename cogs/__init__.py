"""Discord adapters, in layers that import downward only:

- `cogs.services`: the core services as the Discord side reaches them;
- `cogs.ui`: shared Discord pieces (replies, views, embeds, limits, Markdown, permissions, DMs);
- one package per feature (`check`, `appeal`, `mycase`, `moderation`, `precedents`, `waves`),
  each loaded as a discord.py extension named in `cogs.runtime.extensions.EXTENSIONS`;
- `cogs.runtime`: the client, its start-up sync, heartbeat, translator and runner.
"""
