"""Discord pieces every feature shares: replies, views and forms, embeds within Discord's limits,
Markdown escaping, permissions, DMs, the mod-log and the wording tables of the Discord side."""
