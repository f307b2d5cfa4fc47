"""The hf-support-bot Discord client: `SupportBot`, which opens the `Services` the cogs use, and
`create_bot`.

`setup_hook` opens the database and the Hub client, loads the feature extensions, starts the
command sync in the background (`cogs.runtime.sync`, so a slow or refused sync never keeps the
bot offline), the heartbeat (`cogs.runtime.heartbeat`) and the other loops. Closing the bot
closes them again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import discord
from discord.ext import commands

from bot.cases.store import CaseStore
from bot.check.cache import ReportCache
from bot.check.queue import CheckQueue
from bot.check.service import CheckService
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.conversations.retention import RetentionLoop
from bot.cooldown import Cooldown
from bot.db import Database
from bot.hub.budget import HubBudget
from bot.hub.client import HubClient
from bot.knowledge import load_knowledge
from bot.reminders.scheduler import ReminderScheduler
from bot.reminders.service import ReminderService
from bot.servers.config import ServerConfigStore
from bot.servers.prefs import PersonPrefs
from cogs.appeal.reminders import make_sender
from cogs.check.delivery import tell_left_checks
from cogs.runtime.extensions import load_features
from cogs.runtime.heartbeat import beat
from cogs.runtime.sync import SyncError, sync_commands
from cogs.runtime.translator import CatalogueTranslator
from cogs.services import Services
from cogs.ui.language import LocalisedTree
from cogs.waves.watcher import WaveWatcher

log = logging.getLogger(__name__)

# A 429 asking to wait longer than this raises `discord.RateLimited` instead of waiting
# (discord.py's `max_ratelimit_timeout`; 30 s is its minimum).
MAX_RATELIMIT_WAIT_S = 30.0


class SupportBot(commands.Bot):
    """The hf-support-bot Discord client: slash commands only, no privileged intents."""

    def __init__(
        self,
        settings: Settings,
        *,
        force_sync: bool = False,
        sync_on_start: bool = True,
        clock: Clock | None = None,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # roles and channels of the servers the bot is in
        # DMs people write to the bot (cogs.conversations). Not privileged: Discord's gateway
        # docs ("Message Content Intent") list "Content in DMs with the app" among what apps
        # receive without MESSAGE_CONTENT.
        intents.dm_messages = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            max_ratelimit_timeout=MAX_RATELIMIT_WAIT_S,
            tree_cls=LocalisedTree,
        )
        self.settings = settings
        self.clock: Clock = clock or SystemClock()  # reminders, records, Hub budget, queue
        self.force_sync = force_sync
        self.sync_on_start = sync_on_start
        self.synced: bool | None = None  # whether the start-up sync pushed the commands
        self.sync_task: asyncio.Task[None] | None = None
        self._services: Services | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self.reminder_task: asyncio.Task[None] | None = None
        self.reminder_scheduler: ReminderScheduler | None = None
        self._waves: asyncio.Task[None] | None = None
        self._left_checks: asyncio.Task[None] | None = None
        self.retention: RetentionLoop | None = None
        self._retention: asyncio.Task[None] | None = None

    @property
    def services(self) -> Services:
        """The open services (only after `setup_hook`)."""
        if self._services is None:
            raise RuntimeError("the bot has not been set up yet")
        return self._services

    async def setup_hook(self) -> None:
        """Open the store and the Hub client, load the cogs, sync commands if they changed."""
        settings = self.settings
        knowledge = load_knowledge()
        db = await Database.open(settings.database_path)
        hub = HubClient(settings, budget=HubBudget.for_settings(settings, self.clock))
        checker = CheckService(hub, ReportCache(db), settings)
        cases = CaseStore(db, clock=self.clock)
        reminders = ReminderService(
            cases,
            knowledge,
            followup_days=settings.followup_days,
            retry_after=timedelta(seconds=settings.reminder_retry_after_s),
            clock=self.clock,
        )
        self._services = Services(
            settings=settings,
            db=db,
            cases=cases,
            hub=hub,
            checker=checker,
            knowledge=knowledge,
            cooldown=Cooldown(settings.cooldown_rate, settings.cooldown_per_s),
            servers=ServerConfigStore(db, settings),
            prefs=PersonPrefs(db),
            clock=self.clock,
            reminders=reminders,
            queue=CheckQueue(checker, hub.budget, self.clock),
            waves=WaveWatcher(self),
        )
        if settings.home_guild() is not None:
            # cases from before servers were told apart now belong to the home server
            claimed = await self._services.cases.claim_unassigned()
            if claimed:
                log.info("%d unassigned case(s) handed to the home server", len(claimed))
        else:
            log.warning(
                "HOME_GUILD_ID is not set: cases opened in DMs are visible to no moderator, and "
                "MODLOG_CHANNEL_ID / MODERATOR_ROLE_IDS apply to no server until it is"
            )
        await self.tree.set_translator(CatalogueTranslator())  # the command picker, localised
        await load_features(self)
        self.reminder_scheduler = ReminderScheduler(reminders, make_sender(self))
        # REST works from here on (login is done), which is all a DM needs.
        self.reminder_task = asyncio.create_task(
            self.reminder_scheduler.run(), name="hfsb-reminders"
        )
        if self.sync_on_start:
            self.sync_task = asyncio.create_task(self._sync_at_start(), name="hfsb-command-sync")
        self._heartbeat = asyncio.create_task(beat(self), name="hfsb-heartbeat")
        self._waves = asyncio.create_task(self.services.waves.run(), name="hfsb-waves")
        self._left_checks = asyncio.create_task(
            tell_left_checks(self, self.services.db), name="hfsb-left-checks"
        )
        self.retention = RetentionLoop(db, settings.retention_days, self.clock)
        self._retention = asyncio.create_task(self.retention.run(), name="hfsb-retention")

    async def _sync_at_start(self) -> None:
        """The start-up sync, in the background: a refusal is logged, the next start retries."""
        try:
            self.synced = await sync_commands(self, force=self.force_sync)
        except SyncError as exc:
            self.synced = False
            log.error("could not sync slash commands (%s); the next start retries", exc)

    async def close(self) -> None:
        """Disconnect, then close the Hub client and the database. The background tasks are
        cancelled and awaited first, so none is still writing when the database closes (a
        restart in the same process would find it locked)."""
        tasks = [
            task
            for task in (
                self._heartbeat,
                self.sync_task,
                self.reminder_task,
                self._waves,
                self._left_checks,
                self._retention,
            )
            if task is not None
        ]
        for task in tasks:
            task.cancel()
        if self._services is not None:  # while Discord is still reachable: tell who waits
            await self._services.queue.close_waiting()
        await super().close()
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, Exception):
                log.warning("a background task had failed: %r", outcome)
        if self._services is not None:
            services, self._services = self._services, None
            try:
                await services.waves.aclose()
                await services.queue.aclose()
                await services.checker.aclose()  # finishes pending cache writes
                await services.hub.aclose()
            finally:
                await services.db.close()

def create_bot(
    settings: Settings,
    *,
    force_sync: bool = False,
    sync_on_start: bool = True,
    clock: Clock | None = None,
) -> SupportBot:
    """Build a new bot; nothing is opened until it logs in. `clock`: the time of reminders,
    case records, the Hub budget and the check queue (tests pass a `ManualClock`)."""
    return SupportBot(settings, force_sync=force_sync, sync_on_start=sync_on_start, clock=clock)
