"""The repo a pasted link points to: asked directly (`/api/{type}s/{id}`), completed from the
account's lists, and what the Hub's refusals mean for it."""

from __future__ import annotations

from pydantic import ValidationError

from bot.accounts import AccountInput
from bot.check.models import AccountReport, SpaceItem
from bot.check.parts import LinkedRepo, PartError
from bot.check.repo_types import REPO_TYPES
from bot.hub.client import HubClient
from bot.hub.errors import HubError

NOT_VISIBLE_STATUSES = frozenset({401, 403, 410})
"""Answers that say for sure the anonymous caller may not see a profile or repo."""


def not_visible(error: HubError) -> bool:
    """Whether an error says the anonymous caller may not see it (a refused token does not)."""
    return error.status in NOT_VISIBLE_STATUSES and error.reason != "token_refused"


async def fetch_linked(hub: HubClient, request: AccountInput, deadline: float) -> LinkedRepo | None:
    """The repo a pasted link points to, asked directly (`/api/{type}s/{id}`)."""
    if request.repo_type is None or request.repo_id is None:
        return None
    repo_type, repo_id = request.repo_type, request.repo_id
    prefix = f"{hub.endpoint}/{REPO_TYPES[repo_type].url_prefix}"
    base = LinkedRepo(id=repo_id, type=repo_type, url=prefix + repo_id, reachable=False)
    try:
        page = await hub.get_json(
            f"/api/{REPO_TYPES[repo_type].plural}/{repo_id}", deadline=deadline, allow_404=True
        )
    except HubError as exc:
        if exc.reason == "repo_disabled":  # X-Error-Message, as DisabledRepoError reads it
            return base.model_copy(update={"status": exc.status, "disabled": True})
        if not_visible(exc):
            return base.model_copy(update={"status": exc.status})
        return base.model_copy(update={"error": PartError.from_hub(exc)})
    if page is None:
        return base.model_copy(update={"status": 404})
    try:
        item = SpaceItem.model_validate(page.data, context={"url_prefix": prefix})
    except ValidationError:
        error = PartError(kind="bad_response", message="the Hub sent a repo that could not be read")
        return base.model_copy(update={"error": error})
    if item.private:
        return base
    return base.model_copy(
        update={
            "id": item.id,  # the new name, after a rename's redirect
            "url": item.url,
            "reachable": True,
            "stage": item.stage if repo_type == "space" else None,
            "disabled": item.disabled,
            "gated": item.gated,
            "error_message": item.error_message,
        }
    )


def same_link(linked: LinkedRepo | None, request: AccountInput) -> bool:
    """Whether a stored report looked at the repo this request links to (or both at none)."""
    if linked is None or request.repo_id is None:
        return linked is None and request.repo_id is None
    return linked.type == request.repo_type and linked.id.lower() == request.repo_id.lower()


def complete_linked(report: AccountReport) -> None:
    """What the listings tell of a linked repo its own endpoint did not show (a disabled repo
    answers 401 there but is still listed as disabled)."""
    linked = report.linked_repo
    if linked is None or linked.disabled is not None:
        return
    for item in dict(report.repo_lists())[linked.type].items:
        if item.id.lower() == linked.id.lower():
            linked.disabled = item.disabled
            linked.gated = item.gated
            if isinstance(item, SpaceItem):
                linked.stage, linked.error_message = item.stage, item.error_message
            return
