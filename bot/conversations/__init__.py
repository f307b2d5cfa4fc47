"""DM conversations on a case: what a person writes to the bot and what moderators answer."""
