"""What one account check costs in Hub requests, from how `CheckService` asks: one overview per
collection in `OVERVIEW_COLLECTIONS`, one list per repo type, one request for a pasted link.
A test counts the requests a check really makes on the fake Hub against `check_cost`."""

from __future__ import annotations

from bot.check.repo_types import REPO_TYPES

OVERVIEW_COLLECTIONS = ("users", "organizations")
"""The profile is asked of both overviews at once (`/api/{collection}/{name}/overview`)."""
LINKED_REPO_REQUESTS = 1
"""`/api/{type}s/{id}` for the repo a pasted link points to."""


def check_cost(*, linked: bool) -> int:
    """Requests of a check whose lists fit one page each and whose name is spelled as stored
    (more pages, or the lists asked again under the profile's spelling, cost more; the budget
    counts every request it lets through either way)."""
    return len(OVERVIEW_COLLECTIONS) + len(REPO_TYPES) + (LINKED_REPO_REQUESTS if linked else 0)


CHECK_COST = check_cost(linked=True)
"""What the check queue reserves per check: the dearer case, a pasted link included."""
