"""Parsing the Hub's repo list pages straight into report items: one validation call per page
(fast, few allocations), item by item only when some items of a page are unreadable."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from bot.check.models import ItemT, RepoList
from bot.check.parts import PartError
from bot.hub.client import Listing
from bot.hub.errors import HubError, decode_json

PageParser = Callable[[bytes], tuple[list[ItemT], int]]


def page_parser(item_type: type[ItemT], url_prefix: str) -> PageParser[ItemT]:
    """A parser of list pages: (public items, count of unreadable items); raises `HubError`
    when the page is not a JSON list. Item URLs are `url_prefix` + id."""
    adapter: TypeAdapter[list[ItemT]] = _list_adapter(item_type)
    context = {"url_prefix": url_prefix}

    def parse(content: bytes) -> tuple[list[ItemT], int]:
        try:
            items = adapter.validate_json(content, context=context)
        except ValidationError:
            return _item_by_item(item_type, decode_json(content), context)
        return [item for item in items if not item.private], 0

    return parse


def to_repo_list(listing: Listing[ItemT], list_type: type[RepoList[ItemT]]) -> RepoList[ItemT]:
    """The report's view of a listing (`list_type` is `RepoList[RepoItem]` or
    `RepoList[SpaceItem]`); unreadable items make the part fail as `bad_response`."""
    error = PartError.from_hub(listing.error) if listing.error else None
    if error is None and listing.unreadable:
        error = PartError(
            kind="bad_response", message=f"{listing.unreadable} listed item(s) could not be read"
        )
    return list_type(
        count=len(listing.items), capped=listing.capped, items=listing.items, error=error
    )


def _item_by_item(
    item_type: type[ItemT], data: Any, context: dict[str, str]
) -> tuple[list[ItemT], int]:
    if not isinstance(data, list):
        raise HubError("bad_response", "the Hub sent a list page that is not a list")
    items: list[ItemT] = []
    unreadable = 0
    for raw in data:
        try:
            item = item_type.model_validate(raw, context=context)
        except ValidationError:
            unreadable += 1
            continue
        if not item.private:
            items.append(item)
    return items, unreadable


@cache
def _list_adapter(item_type: type[Any]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[item_type])  # type: ignore[valid-type]
