"""Search reads a light view of each generated page: the same sections and words, fewer tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from build_kb.pipeline import load_project
from build_kb.render import render_site
from build_kb.render.library import Library
from build_kb.render.page import LATE_CLOSE, LATE_OPEN, LATE_SLOT, fill_late, search_view, split_late, unmark

REPO = Path(__file__).parents[2]


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search makes of a page: each section's id, title and text (spaces folded)."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (section.id, " ".join("".join(section.title).split()), " ".join("".join(section.text).split()))
        for section in parser.data
        if not section.is_excluded()
    ]


@pytest.fixture(scope="module")
def marked_pages() -> dict[str, str]:
    """Every generated page of the shipped knowledge base, late parts marked."""
    loaded = load_project(REPO)
    pages = render_site(loaded.kb, library=Library.for_project(loaded.kb, loaded.config)).pages
    return {uri: page.render() for uri, page in pages.items()}


@pytest.fixture(scope="module")
def indexed_pages(marked_pages: dict[str, str]) -> dict[str, str]:
    """Every generated page, as search is given it (late parts out)."""
    return {uri: split_late(html)[0] for uri, html in marked_pages.items()}


def test_late_parts_come_back_in_their_places(marked_pages: dict[str, str]) -> None:
    late_pages = 0
    for uri, html in marked_pages.items():
        content, parts = split_late(html)
        assert LATE_OPEN not in content and LATE_CLOSE not in content, uri
        assert content.count(LATE_SLOT) == len(parts) == html.count(LATE_OPEN), uri
        assert fill_late(content, parts) == unmark(html), uri
        late_pages += bool(parts)
    assert late_pages > 100


def test_an_unclosed_late_mark_is_left_as_it_is() -> None:
    html = f"<p>a</p>{LATE_OPEN}<p>b</p>{LATE_CLOSE}<p>c</p>{LATE_OPEN}<p>d</p>"
    assert split_late(html) == (f"<p>a</p>{LATE_SLOT}<p>c</p>{LATE_OPEN}<p>d</p>", ["<p>b</p>"])


def test_search_finds_the_same_sections_and_words_in_the_light_view(indexed_pages: dict[str, str]) -> None:
    assert len(indexed_pages) > 100
    for uri, content in indexed_pages.items():
        assert sections(search_view(content)) == sections(content), uri


def test_the_light_view_drops_inline_tags_and_permalinks(indexed_pages: dict[str, str]) -> None:
    content = indexed_pages["concepts/community-of-practice.md"]
    light = search_view(content)
    assert 'class="kb-cite"' in content and "kb-cite" not in light  # a citation keeps its words, not its link
    assert "headerlink" in content and "headerlink" not in light
    assert light.count("<h2 ") == content.count("<h2 ") > 0  # sections and their ids stay
    assert light.count("<div") == content.count("<div") - content.count(LATE_SLOT)  # blocks stay, empty slots go
    assert LATE_SLOT in content and LATE_SLOT not in light
    assert len(light) < len(content) * 0.8


def test_a_page_with_something_search_skips_whole_is_given_as_it_is() -> None:
    for html in (
        '<p>a <a href="x">b</a></p><script>var a = "<em>";</script>',
        "<div data-search-exclude><p><em>hidden</em></p></div>",
        '<p><svg viewBox="0 0 1 1"><text>label</text></svg></p>',
    ):
        assert search_view(html) == html
