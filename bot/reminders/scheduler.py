"""The reminder loop: deliver what is due, then sleep on the clock until the next due reminder,
woken early when a reminder is added, moved or cancelled. No periodic scans."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from bot.reminders.service import ReminderService, Sender

log = logging.getLogger(__name__)


class ReminderScheduler:
    """Runs `service.deliver_due(send)` whenever something is due."""

    def __init__(self, service: ReminderService, send: Sender) -> None:
        self.service = service
        self.send = send
        self.rounds = 0  # how many times it looked for due reminders
        self.idle = False  # waiting for the next due time or a change
        self._settled = asyncio.Condition()

    async def settled(self, rounds: int) -> None:
        """Return once the loop has looked `rounds` times and waits again (for tests)."""
        async with self._settled:
            await self._settled.wait_for(lambda: self.rounds >= rounds and self.idle)

    async def run(self) -> None:
        """Until cancelled."""
        service = self.service
        while True:
            service.changed.clear()
            try:
                await service.deliver_due(self.send)
            except Exception:  # the database failed: logged; claims are retried when due
                log.exception("delivering due reminders failed")
            self.rounds += 1
            due = await service.store.next_due()
            waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(service.changed.wait())]
            if due is not None:
                waits.append(asyncio.ensure_future(service.clock.sleep_until(due)))
            try:
                async with self._settled:
                    self.idle = True
                    self._settled.notify_all()
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                self.idle = False
                for task in waits:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
