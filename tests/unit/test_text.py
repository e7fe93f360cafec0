"""Card text as HTML: CommonMark by markdown-it-py, citations put in after, nh3 the last word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.pipeline import load_project
from build_kb.render.sanitize import clean_html
from build_kb.render.text import _marked, card_html, converted_html, markdown_html, plain_html

ROOT = Path(__file__).resolve().parents[2]
PROSE = st.lists(
    st.sampled_from(
        [
            *"ab cé\n-'\">:.1)(#=+!~{}?,;@\u00a0",
            "\n\n",
            "[@k]",
            "@k",
            "[@a; @b, p. 2]",
            "&",
            "  \n",
            "\u2028",
            "\x85",
            "    ",
            "\t",
        ]
    ),
    max_size=20,
).map("".join)


def html(text: str) -> str:
    return card_html(text, lambda citation: f'<a class="kb-cite" href="../r/{citation.items[0].key}/">c</a>')


def _shortcut(text: str) -> str | None:
    marked = _marked(text)
    return plain_html(marked) if marked is not None else None


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(PROSE)
def test_plain_shortcut_matches_markdown(text: str) -> None:
    shortcut = _shortcut(text)
    if shortcut is not None:
        assert shortcut == converted_html(text)


def test_plain_shortcut_takes_most_card_text_and_matches_markdown() -> None:
    texts = [text for card in load_project(ROOT).kb.cards.values() for _, text in card.markdown_fields()]
    shortcuts = [(text, _shortcut(text)) for text in texts]
    assert len(texts) > 400
    assert all(html == converted_html(text) for text, html in shortcuts if html is not None)
    assert sum(html is not None for _, html in shortcuts) > len(texts) // 2  # what makes pages cheap


def test_markdown_applies_where_the_text_needs_it() -> None:
    assert html("*Une* liste :\n\n- a\n- b\n\n[site](https://example.org)") == (
        "<p><em>Une</em> liste :</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        '<p><a href="https://example.org">site</a></p>'
    )


def test_a_list_right_after_a_line_is_a_list_as_on_github() -> None:
    assert html("Three levels:\n- novice\n- expert") == (
        "<p>Three levels:</p>\n<ul>\n<li>novice</li>\n<li>expert</li>\n</ul>"
    )
    assert "<ul>\n<li>inner</li>\n</ul>" in html("- outer\n  - inner")  # nested by two spaces


def test_citations_go_in_after_markdown_so_markdown_never_sees_them() -> None:
    out = card_html("As [@x, p. 3] *said*.", lambda citation: f"<a>{citation.items[0].key}*</a>")
    assert out == "<p>As <a>x*</a> <em>said</em>.</p>"


def test_citation_html_is_cleaned_too() -> None:
    out = card_html("As @x.", lambda citation: '<a href="javascript:x()" onclick="y()">x</a><script>z</script>')
    assert out == "<p>As <a>x</a>.</p>"


def test_a_link_holding_an_at_sign_stays_whole() -> None:
    out = html("[M](https://mastodon.social/@crinon2021reseaux) and @wenger1998")
    assert out == (
        '<p><a href="https://mastodon.social/@crinon2021reseaux">M</a> and '
        '<a class="kb-cite" href="../r/wenger1998/">c</a></p>'
    )


def test_raw_html_and_unsafe_links_stay_inert() -> None:
    out = html('<script>alert(1)</script> [x](javascript:alert(1)) <p title="a>b" onclick=x>')
    assert out == '<p>&lt;script&gt;alert(1)&lt;/script&gt; x &lt;p title="a&gt;b" onclick=x&gt;</p>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![pixel](https://evil.example/p.png)", '<p><a href="https://evil.example/p.png">pixel</a></p>'),
        ("![pixel](javascript:alert(1))", "<p>pixel</p>"),
        (
            "[![pixel](https://evil.example/p.png)](https://example.org)",
            '<p><a href="https://example.org">pixel</a></p>',
        ),
        (
            "<https://example.org/![x](https://evil.example/pixel.png)>",
            '<p><a href="https://example.org/!%5Bx%5D(https://evil.example/pixel.png)">'
            "https://example.org/![x](https://evil.example/pixel.png)</a></p>",
        ),
        (
            "<https://x/![i][r]>\n\n[r]: https://evil.example/pixel.png",
            '<p><a href="https://x/!%5Bi%5D%5Br%5D">https://x/![i][r]</a></p>',
        ),
    ],
)
def test_images_never_load(text: str, expected: str) -> None:
    assert html(text) == expected


def test_tables_keep_their_alignment_only() -> None:
    out = html("| a | b |\n|--:|---|\n| 1 | 2 |")
    assert '<th style="text-align:right">a</th>' in out and "<td>2</td>" in out


def test_conversions_are_cached_by_text() -> None:
    text = "A *cached* text."
    first = markdown_html(text)
    assert markdown_html(text) is first


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p title="a>b" onclick="x()">t</p>', "<p>t</p>"),
        ('<svg><animate values="javascript:alert(1)"/></svg>ok', "ok"),
        ('<a href="data:text/html,<script>x</script>">d</a>', "<a>d</a>"),
        ('<a href="vbscript:x" class="kb-cite evil">v</a>', '<a class="kb-cite">v</a>'),
        ('<img src="https://evil.example/p.png">', ""),
        ("<style>body{}</style><script>x</script>", ""),
        ("a\u00a0: b &amp; c", "a\u00a0: b &amp; c"),
        ('<a href="../x/" title="t">rel</a>', '<a href="../x/" title="t">rel</a>'),
    ],
)
def test_clean_html(fragment: str, expected: str) -> None:
    assert clean_html(fragment) == expected
