"""Text hygiene: hidden characters and visible truncation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import TRUNCATION_MARKER, clean_text, strip_hidden, truncate
from tests.helpers import HIDDEN, nasty


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
