"""Reading an account out of a person's free-text DM."""

from __future__ import annotations

import pytest

from bot.conversations.mentions import find_account


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("my account got locked, please help", None),
        ("hi", "hi"),  # one word: that is what they typed as their name
        ("alice-lab", "alice-lab"),
        ("@alice is locked!!", "alice"),
        ("it is https://huggingface.co/alice/my-model, please", "alice"),
        ("see hf.co/spaces/bob/demo.", "bob"),
        ("mail me at bob@example.com", None),
        ("https://huggingface.co/models", None),  # not an account page
        ("", None),
        ("@" + "x" * 200, None),
    ],
)
def test_find_account(text: str, account: str | None) -> None:
    assert find_account(text) == account
