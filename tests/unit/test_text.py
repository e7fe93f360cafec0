"""Card text as HTML: the plain-prose shortcut gives exactly what Markdown gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.pipeline import load_project
from build_kb.render import text as text_module
from build_kb.render.text import _convert, card_html, markdown_html, plain_html

ROOT = Path(__file__).resolve().parents[2]
PROSE = st.text(alphabet=st.sampled_from(list("ab cé\n\n-'\">:.1)(#=+!~{}?,;\ue210\ue211")), max_size=40)


@settings(max_examples=3000, deadline=None)
@given(PROSE)
def test_plain_shortcut_matches_markdown(text: str) -> None:
    shortcut = plain_html(text)
    if shortcut is not None:
        assert shortcut == _convert(text)


def test_plain_shortcut_takes_most_card_text_and_matches_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[str] = []

    def capture(text: str) -> str:
        held.append(text)
        return ""

    monkeypatch.setattr(text_module, "markdown_html", capture)
    for card in load_project(ROOT).kb.cards.values():
        texts = [*card.definition.values(), *card.implications.values()]
        texts += [text for claim in card.claims for text in claim.statement.values()]
        for text in texts:
            card_html(text, lambda citation: "")
    shortcuts = [(text, plain_html(text)) for text in held]
    assert len(held) > 400
    assert all(html == _convert(text) for text, html in shortcuts if html is not None)
    assert sum(html is not None for _, html in shortcuts) > len(held) // 2  # what makes pages cheap


def test_markdown_still_applies_where_the_text_needs_it() -> None:
    html = card_html("*Une* liste :\n\n- a\n- b\n\n[site](https://example.org)", lambda citation: "")
    assert html == (
        "<p><em>Une</em> liste :</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        '<p><a href="https://example.org">site</a></p>'
    )


def test_citations_go_in_after_markdown_so_markdown_never_sees_them() -> None:
    html = card_html("As [@x, p. 3] *said*.", lambda citation: f"<a>{citation.items[0].key}*</a>")
    assert html == "<p>As <a>x*</a> <em>said</em>.</p>"


def test_raw_html_and_unsafe_links_stay_inert() -> None:
    html = card_html("<script>alert(1)</script> [x](javascript:alert(1)) ![i](https://e.org/i.png)", lambda c: "")
    assert "<script" not in html and "javascript:" not in html and "<img" not in html


def test_conversions_are_cached_by_text() -> None:
    text = "A *cached* text."
    first = markdown_html(text)
    assert markdown_html(text) is first
