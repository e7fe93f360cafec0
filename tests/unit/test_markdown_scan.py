"""The one reading of card text: its shortcut for prose gives what markdown-it gives, on real and random text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.markdown_scan import _plain_summary, scan, summary
from build_kb.pipeline import load_project

ROOT = Path(__file__).resolve().parents[2]
PIECES = st.sampled_from(
    [*"ab @[]-;:,.()!*_>#\n ", "\n\n", "    ", "- ", "1. ", "@key", "[@a, p. 3]", "[-@b]", "@{x.y}", "[see @a; @b]"]
)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(PIECES, max_size=16).map("".join))
def test_prose_shortcut_agrees_with_markdown(text: str) -> None:
    shortcut = _plain_summary(text)
    if shortcut is not None:
        assert shortcut == scan(text).summary


def test_prose_shortcut_takes_most_shipped_text_and_agrees() -> None:
    texts = [text for card in load_project(ROOT).kb.cards.values() for _, text in card.markdown_fields()]
    cited = [text for text in texts if "@" in text]
    shortcuts = [(text, _plain_summary(text)) for text in cited]
    assert all(found == scan(text).summary for text, found in shortcuts if found is not None)
    assert sum(found is not None for _, found in shortcuts) > len(cited) * 3 // 4  # what keeps check fast
    assert all(summary(text) == scan(text).summary for text in texts if "@" in text or "[" in text)
