"""The repo-types table agrees with huggingface_hub and with the words shown to people."""

from __future__ import annotations

import typing

from huggingface_hub import constants, hf_api

from bot.accounts import parse_account_input
from bot.check.repo_types import BY_PLURAL, REPO_TYPES, RepoType


def test_every_type_is_in_the_table_in_report_order() -> None:
    assert list(REPO_TYPES) == list(typing.get_args(RepoType)) == ["model", "dataset", "space"]
    assert [info.label for info in REPO_TYPES.values()] == ["Models", "Datasets", "Spaces"]
    assert [REPO_TYPES["space"].noun(n) for n in (1, 2)] == ["Space", "Spaces"]


def test_values_are_huggingface_hubs_own() -> None:
    """`hf download --repo-type` takes huggingface_hub's REPO_TYPES; URL prefixes are its
    REPO_TYPES_URL_PREFIXES; expand fields its Expand*Property_T values (hf_api.py)."""
    assert set(REPO_TYPES) <= set(constants.REPO_TYPES)
    for repo_type, info in REPO_TYPES.items():
        assert info.url_prefix == constants.REPO_TYPES_URL_PREFIXES.get(repo_type, "")
        allowed = {
            "model": hf_api.ExpandModelProperty_T,
            "dataset": hf_api.ExpandDatasetProperty_T,
            "space": hf_api.ExpandSpaceProperty_T,
        }[repo_type]
        assert set(info.expand) <= set(typing.get_args(allowed))


def test_link_segments_read_through_the_table() -> None:
    for plural, repo_type in BY_PLURAL.items():
        request = parse_account_input(f"https://huggingface.co/{plural}/alice/thing")
        assert (request.repo_type, request.repo_id) == (repo_type, "alice/thing")
