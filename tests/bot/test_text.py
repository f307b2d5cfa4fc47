"""Text hygiene: hidden characters, visible truncation, Discord-safe display."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import (
    TRUNCATION_MARKER,
    ZWSP,
    clean_text,
    discord_code_block,
    escape_discord,
    strip_hidden,
    truncate,
)

HIDDEN = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\ufeff\u200b\x00\x1b\x7f"
)
# Text biased towards the characters that matter here.
nasty = st.text(
    alphabet=st.sampled_from([*"`@everyonhr<>#&!*_~|\\-\n 1.", *HIDDEN, "\u00e9", "日"])
    | st.characters(),
    max_size=200,
)


def _fence_free_inside(block: str) -> bool:
    match = re.fullmatch(r"```([^\n`]*)\n(.*)\n```", block, flags=re.DOTALL)
    return match is not None and "``" not in match.group(2)


def test_strip_hidden_removes_bidi_and_controls_but_keeps_lines_and_emoji():
    text = "a\u202eb\u2066c\u200fd\x00e\r\nf\u2028g\th\ufeff\u200b\u2060 👩\u200d💻"
    assert strip_hidden(text) == "abcde\nf\ng h 👩\u200d💻"
    assert strip_hidden("a\nb", multiline=False) == "a b"


def test_clean_text_strips_trims_and_limits_blank_lines():
    assert clean_text("  hi \u202e there  \n\n\n\n next  ", 100) == ("hi  there\n\n next", False)
    assert clean_text(" a \n b\t\tc ", 100, multiline=False) == ("a b c", False)


def test_clean_text_truncates_visibly_within_the_limit():
    text, cut = clean_text("word " * 1000, 200)
    assert cut and text.endswith(TRUNCATION_MARKER) and len(text) <= 200
    assert clean_text("x" * 200, 200) == ("x" * 200, False)


def test_truncate_rejects_nonsense_limit_and_handles_tiny_limits():
    with pytest.raises(ValueError):
        truncate("abc", 0)
    assert truncate("abcdef", 3) == ("abc", True)


@given(nasty, st.integers(min_value=1, max_value=300))
def test_clean_text_never_exceeds_limit_or_keeps_bidi(text, limit):
    out, cut = clean_text(text, limit)
    assert len(out) <= limit
    assert not any(c in out for c in HIDDEN)
    full, _ = clean_text(text, 10**6)
    assert cut == (len(full) > limit)
    if cut and limit > len(TRUNCATION_MARKER):
        assert out.endswith(TRUNCATION_MARKER)
    if not cut:
        assert out == full


def test_code_block_neutralises_fences_and_mentions():
    block = discord_code_block("x```\n```py\n@everyone ```` done", "py")
    assert block.startswith("```py\n") and block.endswith("\n```")
    assert _fence_free_inside(block)
    assert "@everyone" not in block and "@" + ZWSP + "everyone" in block
    assert block.replace(ZWSP, "")[6:-4] == "x```\n```py\n@everyone ```` done"


def test_code_block_drops_an_invalid_language():
    assert discord_code_block("hi", "py\n```evil").startswith("```\nhi")


@given(nasty, st.text(max_size=30))
def test_code_block_never_contains_an_early_closing_fence(text, lang):
    block = discord_code_block(text, lang)
    assert _fence_free_inside(block)
    assert block.count("```") == 2


def test_escape_discord_neutralises_markdown_and_mentions():
    out = escape_discord(
        "# Title\n- item\n2. step\n**bold** __u__ `c` ||s|| [x](y) "
        "@everyone @Here <@123> <@&9> <#5>"
    )
    for raw in ("@everyone", "@Here", "<@123>", "<@&9>", "<#5>", "**", "__", "||", "[x](y)"):
        assert raw not in out
    assert out.startswith("\\# Title\n\\- item\n2\\. step")


@given(nasty)
def test_escape_discord_never_leaves_a_mass_mention_or_bidi(text):
    out = escape_discord(text)
    assert "@everyone" not in out.lower() and "@here" not in out.lower()
    assert not re.search(r"<[@#]", out)
    assert not any(c in out for c in HIDDEN if c != ZWSP)


def test_hostile_input_is_neutralised():
    hostile = "```\n@everyone \u202eevil\u202c <@1> " + "A" * 5000
    text, cut = clean_text(hostile, 1000)
    assert cut and len(text) <= 1000 and "\u202e" not in text
    shown = escape_discord(text)
    assert "@everyone" not in shown and "```" not in shown
    assert _fence_free_inside(discord_code_block(text))
