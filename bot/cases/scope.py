"""Who may see which cases: the `owner` of a case and the `Scope` every store query takes.

A case's `owner` says whose moderators handle it:

- a server id: the case was opened in that server (through the bot's server install);
- `HOME` (0): opened in a DM with the bot, a group DM or a server reached through a user install;
  the home server's moderators handle it (`HOME_GUILD_ID`; without one, nobody does);
- `UNASSIGNED` (-1): a case from before servers were told apart, opened outside a server, that no
  home server has taken yet (`CaseStore.claim_unassigned`); visible to no server.

A moderator's scope is their server's cases, plus the `HOME` ones when their server is the home
server. The terminal (someone with the database file) sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = 0
UNASSIGNED = -1


def owner_for(guild_id: int | None) -> int:
    """The owner of a case opened in `guild_id` (None: outside a server that installed the bot)."""
    return HOME if guild_id is None else guild_id


@dataclass(frozen=True)
class Scope:
    """The cases a query may touch: those whose owner is in `owners` (None: every case)."""

    owners: frozenset[int] | None

    @classmethod
    def server(cls, guild_id: int, home_guild_id: int | None) -> Scope:
        """What the moderators of `guild_id` handle."""
        if guild_id <= 0:
            raise ValueError(f"not a server id: {guild_id}")
        owners = {guild_id}
        if guild_id == home_guild_id:
            owners.add(HOME)
        return cls(frozenset(owners))

    @classmethod
    def everything(cls) -> Scope:
        """Every case, unassigned ones too (the terminal, and a person's own data)."""
        return cls(None)

    def allows(self, owner: int) -> bool:
        """Whether a case with that owner is in scope."""
        return self.owners is None or owner in self.owners

    def where(self, column: str = "owner") -> tuple[str, list[int]]:
        """An SQL condition (on the indexed `owner` column) and its parameters."""
        if self.owners is None:
            return "1", []
        owners = sorted(self.owners)
        return f"{column} IN ({','.join('?' * len(owners))})", owners
