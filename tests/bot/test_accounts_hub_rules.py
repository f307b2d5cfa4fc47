"""Names and links against huggingface_hub itself: `validate_repo_id` is the oracle for names,
`constants.py` and the jobs API for the URL forms the library builds."""

from __future__ import annotations

import pytest
from huggingface_hub.constants import REPO_TYPES_URL_PREFIXES
from huggingface_hub.errors import HFValidationError
from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]
from hypothesis import example, given
from hypothesis import strategies as st

from bot.accounts import (
    _RESERVED,
    _TYPE_PREFIXES,
    HUB_HOSTS,
    InvalidAccount,
    is_valid_name,
    parse_account,
    parse_account_input,
)

_NAME_CHARS = st.sampled_from("aZ09_-.")  # every class of character the rules treat apart


def _hub_accepts(name: str) -> bool:
    if "/" in name:
        return False
    try:
        validate_repo_id(name)
    except HFValidationError:
        return False
    return True


def _refused_on_purpose(name: str) -> bool:
    """Site pages and type prefixes: valid for `validate_repo_id`, but a link to them is not an
    account (documented in bot.accounts)."""
    return name.lower() in _RESERVED | _TYPE_PREFIXES | HUB_HOSTS


@given(st.text(_NAME_CHARS, max_size=100) | st.text(max_size=12))
@example("_alice")
@example("alice_")
@example("__DUMMY_HUB_USER__")  # huggingface_hub's own test user
@example("a.git")
@example("a" * 96)
@example("a" * 97)
def test_names_follow_validate_repo_id_exactly(name: str) -> None:
    assert is_valid_name(name) == _hub_accepts(name)
    if _refused_on_purpose(name):
        return
    try:
        parsed = parse_account(name)
    except InvalidAccount:
        assert not _hub_accepts(name) or name.startswith("@")
    else:
        assert _hub_accepts(parsed)


@pytest.mark.parametrize("name", ["_alice", "alice_", "__DUMMY_HUB_USER__", "a_b_"])
def test_underscore_at_either_end_is_a_name(name: str) -> None:
    assert parse_account(name) == name
    assert parse_account(f"https://huggingface.co/{name}") == name


@pytest.mark.parametrize(
    ("link", "name", "repo_type", "repo_id"),
    [
        ("https://huggingface.co/kernels/kernels-community/activation", "kernels-community", None, None),
        ("https://huggingface.co/jobs/lhoestq/687fb701029421ae5549d998", "lhoestq", None, None),
        ("https://huggingface.co/alice/model.git", "alice", "model", "alice/model"),
        ("https://huggingface.co/datasets/alice/d.git", "alice", "dataset", "alice/d"),
        ("https://huggingface.co/spaces/alice/app.git", "alice", "space", "alice/app"),
        ("https://huggingface.co/alice/m/resolve/main/a.txt", "alice", "model", "alice/m"),
        ("https://huggingface.co/spaces/alice/app/blob/main/app.py", "alice", "space", "alice/app"),
        ("https://hf.co/datasets/alice/d/tree/main/data", "alice", "dataset", "alice/d"),
        ("https://huggingface.co/models/alice/m", "alice", "model", "alice/m"),
        ("hf://datasets/alice/d@main/x.csv", "alice", "dataset", "alice/d"),
        ("hf://alice/m", "alice", "model", "alice/m"),
        ("hf://buckets/alice/b", "alice", None, None),
        ("https://huggingface.co/collections/alice/some-thing-123", "alice", None, None),
    ],
)
def test_every_url_form_of_the_library(
    link: str, name: str, repo_type: str | None, repo_id: str | None
) -> None:
    parsed = parse_account_input(link)
    assert (parsed.name, parsed.repo_type, parsed.repo_id) == (name, repo_type, repo_id)


def test_every_type_prefix_of_constants_is_read() -> None:
    for prefix in REPO_TYPES_URL_PREFIXES.values():  # datasets/, spaces/, kernels/
        parsed = parse_account_input(f"https://huggingface.co/{prefix}owner/name")
        assert parsed.name == "owner"
