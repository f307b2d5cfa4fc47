"""parse_account: what people paste, valid and hostile."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.accounts import MAX_NAME_LENGTH, NAME_RE, InvalidAccount, is_valid_name, parse_account


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alice", "alice"),
        ("  Alice-B_c.d  ", "Alice-B_c.d"),
        ("@alice", "alice"),
        ("<@alice>", "alice"),
        ("`alice`", "alice"),
        ('"alice"', "alice"),
        ("https://huggingface.co/alice", "alice"),
        ("http://huggingface.co/alice", "alice"),
        ("HTTPS://HuggingFace.co/Alice", "Alice"),
        ("https://www.huggingface.co/alice/", "alice"),
        ("huggingface.co/alice/", "alice"),
        ("huggingface.co/alice", "alice"),
        ("hf.co/alice", "alice"),
        ("https://hf.co/alice", "alice"),
        ("https://huggingface.co/alice?tab=models#top", "alice"),
        ("<https://huggingface.co/alice>", "alice"),
        ("https://huggingface.co/spaces/alice/app", "alice"),
        ("https://huggingface.co/datasets/alice/ds", "alice"),
        ("https://huggingface.co/datasets/alice/ds/tree/main/data", "alice"),
        ("https://huggingface.co/alice/model/blob/main/config.json", "alice"),
        ("https://huggingface.co/organizations/acme/share/xyz", "acme"),
        ("hf.co/spaces/alice/app", "alice"),
        ("alice/model", "alice"),
        ("spaces/alice/app", "alice"),
        ("datasets/alice/ds", "alice"),
        ("a", "a"),
        ("9", "9"),
        ("x" * MAX_NAME_LENGTH, "x" * MAX_NAME_LENGTH),
    ],
)
def test_valid_inputs(text: str, expected: str) -> None:
    assert parse_account(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("@", "only `@`"),
        ("https://github.com/alice", "not on huggingface.co"),
        ("https://huggingface.co.evil.example/alice", "not on huggingface.co"),
        ("ftp://huggingface.co/alice", "not on huggingface.co"),
        ("github.com/alice", "link to github.com"),
        ("../x", "`..`"),
        ("alice/../../etc/passwd", "`..`"),
        ("https://huggingface.co/../alice", "`..`"),
        ("alice smith", "space"),
        ("alice\tsmith", "space"),
        ("alice\x00", "control character"),
        ("ali\u200bce", "control character"),
        ("\u0430lice", "U+0430"),  # Cyrillic а
        ("alicé", "U+00E9"),
        ("x" * 5000, "5,000 characters"),
        ("x" * (MAX_NAME_LENGTH + 1), "97 characters"),
        ("-alice", "starts or ends"),
        ("alice.", "starts or ends"),
        ("alice-", "starts or ends"),
        ("alice.git", "not a valid"),
        ("al--ice", "`--`"),
        ("ali$ce", "`$`"),
        ("alice;rm -rf", "space"),
        ("$(whoami)", "`$`"),
        ("https://huggingface.co/", "home page"),
        ("https://huggingface.co/spaces", "listing"),
        ("https://huggingface.co/docs/hub", "docs pages"),
        ("spaces/CONTENT-POLICY", "CONTENT-POLICY pages"),
        ("https://huggingface.co/datasets/docs/x", "docs pages"),
        ("models/spaces/x", "spaces pages"),
        ("a//b", "empty part"),
        ("a/b/c", "too many parts"),
        ("http://[::1", "could not be read"),
    ],
)
def test_invalid_inputs_explain_why(text: str, fragment: str) -> None:
    with pytest.raises(InvalidAccount) as info:
        parse_account(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert len(message) < 300


def test_invalid_account_is_a_value_error() -> None:
    assert issubclass(InvalidAccount, ValueError)


def test_double_dot_inside_a_name() -> None:
    # `..` inside a single segment is a naming error, not a path piece
    with pytest.raises(InvalidAccount, match=r"`--` or `\.\.`"):
        parse_account("al..ice")


def _accepted_is_valid(text: str) -> None:
    try:
        name = parse_account(text)
    except InvalidAccount as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert NAME_RE.fullmatch(name)
    assert "--" not in name and ".." not in name
    assert len(name) <= MAX_NAME_LENGTH
    assert is_valid_name(name)
    assert parse_account(name) == name  # idempotent


@given(st.text(max_size=200))
@example("\u0430dmin")
@example("x" * 5000)
@example("huggingface.co/-a")
def test_anything_accepted_follows_the_naming_rules(text: str) -> None:
    _accepted_is_valid(text)


_NEAR = st.text(alphabet=string.ascii_letters + string.digits + "-_.@/:?#%$'\"` ", max_size=60)


@given(_NEAR, st.sampled_from(["", "https://huggingface.co/", "hf.co/", "@", "spaces/"]))
@example("CONTENT-POLICY", "spaces/")  # once accepted after a type prefix, refused on its own
@example("spaces/x", "spaces/")
@example("HF.CO", "https://huggingface.co/")  # a host as a name read back as the site itself
def test_hub_like_inputs_follow_the_naming_rules(text: str, prefix: str) -> None:
    _accepted_is_valid(prefix + text)


@given(st.characters(exclude_categories=["Cs"]).filter(lambda c: not c.isascii()))
def test_any_non_ascii_character_is_refused(char: str) -> None:
    with pytest.raises(InvalidAccount):
        parse_account(f"ali{char}ce")


def test_the_sites_own_address_is_never_an_account_name():
    for text in ("https://huggingface.co/HF.CO", "hf.co/huggingface.co", "spaces/www.huggingface.co"):
        with pytest.raises(InvalidAccount, match="site's own address"):
            parse_account(text)


def test_a_bare_at_sign_in_a_link_is_a_friendly_error():
    for text in ("https://huggingface.co/@", "huggingface.co/@/x"):
        with pytest.raises(InvalidAccount, match="only `@`"):
            parse_account(text)
