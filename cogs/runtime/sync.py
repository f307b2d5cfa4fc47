"""Slash-command sync: push the command tree only when it (or where it goes) changed since the
last sync, and clear the copies a previous sync left elsewhere (else they show twice)."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord.ext import commands

from bot.i18n.catalogues import catalogues_digest
from cogs.services import services_of

log = logging.getLogger(__name__)

SYNC_HASH_KEY = "command_tree_hash"
SYNC_TARGET_KEY = "command_sync_target"  # {"app": id, "guilds": [...]}; no guilds = global
SyncError = (discord.HTTPException, discord.RateLimited)


def sync_target(bot: commands.Bot) -> dict[str, object]:
    """Where the commands go: this application, the `GUILD_IDS` servers or (none) global."""
    return {"app": bot.application_id, "guilds": sorted(services_of(bot).settings.guild_ids)}


def command_tree_hash(bot: commands.Bot) -> str:
    """A digest of the commands as Discord would receive them (their translations too: the
    catalogues' digest), and where they go."""
    payload = {
        **sync_target(bot),
        "catalogues": catalogues_digest(),
        "commands": sorted(
            (cmd.to_dict(bot.tree) for cmd in bot.tree.get_commands()),
            key=lambda d: str(d["name"]),
        ),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


async def sync_commands(bot: commands.Bot, *, force: bool = False) -> bool:
    """Push the commands to `GUILD_IDS` (instant) or globally, unless nothing changed since the
    last sync, and clear them where the previous sync put them but this one does not. Returns
    whether it synced; raises one of `SyncError` when refused."""
    digest = command_tree_hash(bot)
    db = services_of(bot).db
    if not force and await db.get_meta(SYNC_HASH_KEY) == digest:
        log.info("slash commands unchanged since the last sync; not syncing")
        return False
    guild_ids = services_of(bot).settings.guild_ids
    if guild_ids:
        for guild_id in guild_ids:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            await bot.tree.sync(guild=guild)
        log.info("slash commands synced to %d server(s)", len(guild_ids))
    else:
        await bot.tree.sync()
        log.info("slash commands synced globally (may take up to an hour to appear)")
    await clear_previous_target(bot)
    await db.set_meta(SYNC_TARGET_KEY, json.dumps(sync_target(bot)))
    await db.set_meta(SYNC_HASH_KEY, digest)
    return True


async def clear_previous_target(bot: commands.Bot) -> None:
    """Empty the command lists the previous sync filled and this one did not."""
    raw = await services_of(bot).db.get_meta(SYNC_TARGET_KEY)
    previous = json.loads(raw) if raw else None
    app_id = bot.application_id
    if not previous or previous.get("app") != app_id or app_id is None:
        return
    old_guilds = set(previous.get("guilds") or [])
    for guild_id in sorted(old_guilds - set(services_of(bot).settings.guild_ids)):
        try:
            await bot.http.bulk_upsert_guild_commands(app_id, guild_id, [])
        except (discord.Forbidden, discord.NotFound) as exc:  # the bot left that server
            log.warning("could not clear the commands of server %s (%s)", guild_id, exc)
    if not old_guilds and services_of(bot).settings.guild_ids:
        await bot.http.bulk_upsert_global_commands(app_id, [])
    log.info("cleared the slash commands of the previous sync target")
