"""Every embed fits Discord's limits as a whole, footer and author included, whatever was added."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cogs.ui.limits import add_field, make_embed
from tests.fakes.fake_discord_validate import embed_errors

text = st.text(alphabet="aé ßж漢\n", min_size=0, max_size=5000)


def test_footer_set_last_is_counted() -> None:
    """The draft's old order: fields up to the total, then an unchecked footer (6,003 before)."""
    embed = make_embed("T" * 200, "d" * 4000)
    add_field(embed, "n" * 100, "v" * 1000)
    add_field(embed, "m" * 100, "w" * 600)
    embed.set_footer(text="f" * 300)
    embed.set_author(name="a" * 256)
    data = embed.to_dict()
    assert embed_errors([dict(data)]) == []
    assert data["footer"]["text"] == "f" * 300  # the longest part (description) was cut first
    assert data["description"].endswith("…")


@settings(max_examples=150, deadline=None)
@given(text, text, st.lists(st.tuples(text, text), max_size=30), text, text)
def test_anything_fits(
    title: str, description: str, fields: list[tuple[str, str]], footer: str, author: str
) -> None:
    embed = make_embed(title or "t", description)
    for name, value in fields:
        add_field(embed, name or "n", value)
    embed.set_footer(text=footer or None)
    embed.set_author(name=author or "a")
    assert embed_errors([dict(embed.to_dict())]) == []
