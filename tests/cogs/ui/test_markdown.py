"""Discord display: escaped markdown, neutralised mentions, code blocks that cannot close early."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.text import clean_text
from cogs.ui.markdown import ZWSP, discord_code_block, escape_discord
from tests.helpers import HIDDEN, nasty


def _fence_free_inside(block: str) -> bool:
    match = re.fullmatch(r"```([^\n`]*)\n(.*)\n```", block, flags=re.DOTALL)
    return match is not None and "``" not in match.group(2)


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


def test_typed_text_quoted_for_moderators_is_one_inert_line():
    from cogs.ui.markdown import quote_typed

    quoted = quote_typed("# Title\n[free nitro](https://evil.example) **now** <@123> @here " + "x" * 400)
    assert quoted.startswith("“\\# Title \\[free nitro\\]\\(https://evil.example\\) \\*\\*now")
    assert "\n" not in quoted and "@here" not in quoted and "<@" not in quoted
    assert quoted.endswith("…”") and len(quoted) < 340
