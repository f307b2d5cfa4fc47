"""What every Discord module reaches the core through: the `Services` the bot opens at start,
looked up from an interaction or a client. The bottom of `cogs/`: it imports only the core, so
any module (the client included) can use it without an import circle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, cast

import discord

from bot.cases.store import CaseStore
from bot.check.queue import CheckQueue
from bot.check.service import CheckService
from bot.clock import Clock
from bot.config import Settings
from bot.cooldown import Cooldown
from bot.db import Database
from bot.hub.client import HubClient
from bot.knowledge import Knowledge
from bot.reminders.service import ReminderService
from bot.servers.config import ServerConfigStore
from bot.servers.prefs import PersonPrefs


class WaveLooks(Protocol):
    """The lock-wave watcher as the rest of the bot sees it (`cogs.waves.watcher.WaveWatcher`)."""

    alerts: int

    def kick(self) -> None:
        """Look at the arrivals soon (after a new case)."""

    async def look(self) -> None:
        """Look now."""

    async def run(self) -> None:
        """Look every few minutes, until cancelled."""

    async def aclose(self) -> None:
        """Let looks in progress finish."""


@dataclass
class Services:
    """What the cogs call: the core services, opened in the client's `setup_hook`."""

    settings: Settings
    db: Database
    cases: CaseStore
    hub: HubClient
    checker: CheckService
    knowledge: Knowledge
    cooldown: Cooldown
    servers: ServerConfigStore
    prefs: PersonPrefs
    clock: Clock
    reminders: ReminderService
    queue: CheckQueue  # checks wait here for the Hub budget
    waves: WaveLooks  # lock-wave alerts


class HasServices(Protocol):
    """A client that has opened its services (`cogs.runtime.client.SupportBot`)."""

    @property
    def services(self) -> Services:
        """The open services."""


def services_of(client: discord.Client) -> Services:
    """The services of the bot's client."""
    return cast(HasServices, client).services


def services(interaction: discord.Interaction[Any]) -> Services:
    """The bot's services, from any interaction."""
    return services_of(interaction.client)
