"""Builds the Discord bot (the only module of `bot/` that imports discord).

`create_bot(settings)` returns a `SupportBot`; `setup_hook` opens the database and the Hub
client, loads the cogs and starts syncing the slash commands in the background (when the
command tree or its target changed since the last sync), so a slow or refused sync never keeps
the bot offline. Closing the bot closes them again. `run_bot` / `run_sync` serve the CLI.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass

import discord
from discord.ext import commands

from bot.cases.store import CaseStore
from bot.check.cache import ReportCache
from bot.check.service import CheckService
from bot.config import Settings
from bot.cooldown import Cooldown
from bot.db import HEARTBEAT_KEY, Database, utcnow
from bot.hub.client import HubClient
from bot.knowledge import Knowledge, load_knowledge

log = logging.getLogger(__name__)

SYNC_HASH_KEY = "command_tree_hash"
SYNC_TARGET_KEY = "command_sync_target"  # {"app": id, "guilds": [...]}; no guilds = global
HEARTBEAT_EVERY_S = 30.0
# A 429 asking to wait longer than this raises `discord.RateLimited` instead of waiting
# (discord.py's `max_ratelimit_timeout`; 30 s is its minimum).
MAX_RATELIMIT_WAIT_S = 30.0
SyncError = (discord.HTTPException, discord.RateLimited)


@dataclass
class Services:
    """What the cogs call: the core services, opened in `setup_hook`."""

    settings: Settings
    db: Database
    cases: CaseStore
    hub: HubClient
    checker: CheckService
    knowledge: Knowledge
    cooldown: Cooldown


class SupportBot(commands.Bot):
    """The hf-support-bot Discord client: slash commands only, no privileged intents."""

    def __init__(
        self, settings: Settings, *, force_sync: bool = False, sync_on_start: bool = True
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # roles and channels of the servers the bot is in
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            max_ratelimit_timeout=MAX_RATELIMIT_WAIT_S,
        )
        self.settings = settings
        self.force_sync = force_sync
        self.sync_on_start = sync_on_start
        self.synced: bool | None = None  # whether the start-up sync pushed the commands
        self.sync_task: asyncio.Task[None] | None = None
        self._services: Services | None = None
        self._heartbeat: asyncio.Task[None] | None = None

    @property
    def services(self) -> Services:
        """The open services (only after `setup_hook`)."""
        if self._services is None:
            raise RuntimeError("the bot has not been set up yet")
        return self._services

    async def setup_hook(self) -> None:
        """Open the store and the Hub client, load the cogs, sync commands if they changed."""
        from cogs import setup_cogs  # cogs import this module's types only when type checking

        settings = self.settings
        knowledge = load_knowledge()
        db = await Database.open(settings.database_path)
        hub = HubClient(settings)
        self._services = Services(
            settings=settings,
            db=db,
            cases=CaseStore(db),
            hub=hub,
            checker=CheckService(hub, ReportCache(db), settings),
            knowledge=knowledge,
            cooldown=Cooldown(settings.cooldown_rate, settings.cooldown_per_s),
        )
        await setup_cogs(self)
        if self.sync_on_start:
            self.sync_task = asyncio.create_task(self._sync_at_start(), name="hfsb-command-sync")
        self._heartbeat = asyncio.create_task(self._beat(), name="hfsb-heartbeat")

    def _target(self) -> dict[str, object]:
        """Where the commands go: this application, the `GUILD_IDS` servers or (none) global."""
        return {"app": self.application_id, "guilds": sorted(self.settings.guild_ids)}

    def command_tree_hash(self) -> str:
        """A digest of the commands as Discord would receive them, and where they go."""
        payload = {
            **self._target(),
            "commands": sorted(
                (cmd.to_dict(self.tree) for cmd in self.tree.get_commands()),
                key=lambda d: str(d["name"]),
            ),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def _sync_at_start(self) -> None:
        """The start-up sync, in the background: a refusal is logged, the next start retries."""
        try:
            self.synced = await self.sync_commands(force=self.force_sync)
        except SyncError as exc:
            self.synced = False
            log.error("could not sync slash commands (%s); the next start retries", exc)

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Push the commands to `GUILD_IDS` (instant) or globally, unless nothing changed since
        the last sync, and clear them where the previous sync put them but this one does not
        (else they show twice). Returns whether it synced; raises `SyncError` when refused."""
        digest = self.command_tree_hash()
        db = self.services.db
        if not force and await db.get_meta(SYNC_HASH_KEY) == digest:
            log.info("slash commands unchanged since the last sync; not syncing")
            return False
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
            log.info("slash commands synced to %d server(s)", len(self.settings.guild_ids))
        else:
            await self.tree.sync()
            log.info("slash commands synced globally (may take up to an hour to appear)")
        await self._clear_previous_target()
        await db.set_meta(SYNC_TARGET_KEY, json.dumps(self._target()))
        await db.set_meta(SYNC_HASH_KEY, digest)
        return True

    async def _clear_previous_target(self) -> None:
        """Empty the command lists the previous sync filled and this one did not."""
        raw = await self.services.db.get_meta(SYNC_TARGET_KEY)
        previous = json.loads(raw) if raw else None
        app_id = self.application_id
        if not previous or previous.get("app") != app_id or app_id is None:
            return
        old_guilds = set(previous.get("guilds") or [])
        for guild_id in sorted(old_guilds - set(self.settings.guild_ids)):
            try:
                await self.http.bulk_upsert_guild_commands(app_id, guild_id, [])
            except (discord.Forbidden, discord.NotFound) as exc:  # the bot left that server
                log.warning("could not clear the commands of server %s (%s)", guild_id, exc)
        if not old_guilds and self.settings.guild_ids:
            await self.http.bulk_upsert_global_commands(app_id, [])
        log.info("cleared the slash commands of the previous sync target")

    async def _beat(self) -> None:
        """Record a heartbeat while connected (the Docker health check reads it)."""
        await self.wait_until_ready()
        while not self.is_closed():
            try:
                await self.services.db.set_meta(HEARTBEAT_KEY, utcnow())
            except Exception:  # the next beat retries; health turns red if it persists
                log.exception("could not record the heartbeat")
            await asyncio.sleep(HEARTBEAT_EVERY_S)

    async def close(self) -> None:
        """Disconnect, then close the Hub client and the database."""
        for task in (self._heartbeat, self.sync_task):
            if task is not None:
                task.cancel()
        await super().close()
        if self._services is not None:
            services, self._services = self._services, None
            await services.checker.aclose()  # finishes pending cache writes
            await services.hub.aclose()
            await services.db.close()


def create_bot(
    settings: Settings, *, force_sync: bool = False, sync_on_start: bool = True
) -> SupportBot:
    """Build a new bot; nothing is opened until it logs in."""
    return SupportBot(settings, force_sync=force_sync, sync_on_start=sync_on_start)


def _token(settings: Settings) -> str:
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    return settings.discord_token.get_secret_value().strip()


def run_bot(settings: Settings) -> int:
    """Run the bot until interrupted; exit code for the CLI."""
    discord.utils.setup_logging(level=settings.log_level_number(), root=True)
    bot = create_bot(settings)
    try:
        bot.run(_token(settings), log_handler=None)
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 2
    return 0


def run_sync(settings: Settings) -> int:
    """Log in, push the slash commands whether or not they changed, and exit: 0 when Discord
    took them, 1 when it refused, 2 when it refused the token."""
    discord.utils.setup_logging(level=settings.log_level_number(), root=True)

    async def main() -> None:
        async with create_bot(settings, sync_on_start=False) as bot:
            await bot.login(_token(settings))
            await bot.sync_commands(force=True)

    try:
        asyncio.run(main())
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 2
    except SyncError as exc:
        log.error("Discord refused the command sync: %s", exc)
        return 1
    return 0
