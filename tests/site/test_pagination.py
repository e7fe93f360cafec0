"""Long lists are paginated, so no generated page grows with the knowledge base."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_kb.model import KnowledgeBase
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, render_site
from build_kb.render.context import SiteContext
from build_kb.render.layout import PageSlot, page_count, page_items, pager
from build_kb.render.urls import GRAPH_INDEX, paged_uri
from tests.site.helpers import article, build_site
from tests.site.synthetic import write_kb


def _largest_page(folder: Path, cards: int) -> int:
    loaded = load_project(write_kb(folder, cards))
    assert loaded.diagnostics == []
    rendered = render_site(loaded.kb, SiteOptions(per_page=20, paginate_above=20, list_cap=20))
    # The whole graph's picture is the one page that grows with the base (docs/about.en.md); its
    # table of links is paginated like the other lists, and local graphs are capped.
    return max(len(page.full().encode("utf-8")) for uri, page in rendered.pages.items() if uri != GRAPH_INDEX)


def test_largest_page_does_not_grow_with_the_knowledge_base(tmp_path: Path) -> None:
    # From about 300 cards a card's local graph holds as many neighbours of neighbours as it may.
    small = _largest_page(tmp_path / "small", 300)
    large = _largest_page(tmp_path / "large", 1500)  # 5 times more cards, pages of 20 items
    assert large <= small * 1.05, (small, large)


@pytest.mark.parametrize(
    ("first", "number", "expected"),
    [
        ("concepts/index.md", 1, "concepts/index.md"),
        ("concepts/index.md", 2, "concepts/page/2.md"),
        ("themes/theme-0.md", 3, "themes/theme-0/page/3.md"),
        ("references/index.md", 12, "references/page/12.md"),
    ],
)
def test_paged_uris(first: str, number: int, expected: str) -> None:
    assert paged_uri(first, number) == expected


def test_pager_has_a_constant_size() -> None:
    href = SiteContext(KnowledgeBase({}, {}, ("en",))).href
    assert pager(PageSlot("concepts/index.md", 1, 1), "en", href) == ""
    line = pager(PageSlot("concepts/index.md", 25, 50), "en", href)
    assert line.count("<a href=") == 8  # previous, first, 23, 24, 26, 27, last, next
    assert "<strong>25</strong>" in line and '<a href="../../">1</a>' in line and '<a href="../50/">50</a>' in line
    assert len(pager(PageSlot("concepts/index.md", 500, 1000), "en", href)) <= len(line) + 40


def test_real_build_paginates_lists_above_the_threshold_only(tmp_path: Path) -> None:
    project = write_kb(tmp_path / "project", 230)  # 232 cards (above 200), 115 in a theme, 46 references
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    first = article(built.both("concepts"))
    cards = [text for text in first.link_texts("en") if text.startswith("Card ")]
    assert cards == [f"Card {n:05d}" for n in range(1, 51)]  # 50 a page
    last = article(built.both("concepts/page/5"))
    assert [t for t in last.link_texts("en") if t.startswith(("Card", "Theme"))][-2:] == ["Theme 0", "Theme 1"]
    assert "232 cards, page 5 of 5" in last.by_lang["en"]
    assert not (built.site / "concepts" / "page" / "6").exists()
    assert "Next page →" in article(built.both("concepts/page/2")).link_texts("en")
    theme = article(built.both("themes/theme-0"))  # 115 cards, under the threshold: one page, no pager
    assert "Cards in this theme" in theme.by_lang["en"] and "115 cards" in theme.by_lang["en"]
    assert len([t for t in theme.link_texts("en") if t.startswith("Card ")]) == 115
    assert "page 1 of" not in theme.by_lang["en"] and "Next page →" not in theme.link_texts("en")
    assert not (built.site / "themes" / "theme-0" / "page").exists()
    bibliography = article(built.both("references"))
    assert "46 references" in bibliography.by_lang["en"] and "page 1 of" not in bibliography.by_lang["en"]
    assert not (built.site / "references" / "page").exists()


def test_list_sizes_are_plugin_options_and_a_bad_one_fails_the_strict_build(tmp_path: Path) -> None:
    project = write_kb(tmp_path / "project", 30)
    config = project / "mkdocs.yml"
    lines = ["per_page: 10", "paginate_above: 20", "relation_cap: 2", "local_graph_neighbours: 3"]
    options = "  - build_kb:\n" + "".join(f"      {line}\n" for line in lines)
    config.write_text(config.read_text(encoding="utf-8").replace("  - build_kb\n", options), encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    assert "32 cards, page 4 of 4" in article(built.both("concepts/page/4")).by_lang["en"]  # 30 cards and 2 themes
    assert not (built.site / "concepts" / "page" / "5").exists()
    assert not (built.site / "authors" / "page").exists()  # 6 authors, under 20: one page
    hub = article(built.both("concepts/card-00001"))
    assert "Narrower: Card 00010, Card 00011, … and 8 more" in hub.by_lang["en"]  # 2 relations listed
    picture = built.page("concepts/card-00001")
    assert picture.count('class="kb-node kb-l') > 3 and len(re.findall(r'class="kb-node[^"]* kb-d1"', picture)) == 3

    text = config.read_text(encoding="utf-8").replace("per_page: 10", "per_page: 0")
    text = text.replace("paginate_above: 20", "paginate_above: -1")
    config.write_text(text.replace("local_graph_neighbours: 3", "local_graph_neighbours: 61"), encoding="utf-8")
    broken = build_site(project, tmp_path / "broken")
    assert broken.aborted
    assert any("'per_page' must be a whole number from 5 to 1000" in problem for problem in broken.problems)
    assert any("'local_graph_neighbours' must be a whole number from 1 to 60" in p for p in broken.problems)
    assert any("'paginate_above' must be a whole number from 0 to 1000" in p for p in broken.problems)


@pytest.mark.parametrize(
    ("total", "above", "pages"),
    [(0, 200, 1), (50, 200, 1), (200, 200, 1), (201, 200, 5), (52, 0, 2), (52, 51, 2), (52, 52, 1)],
)
def test_a_list_is_paginated_only_above_the_threshold(total: int, above: int, pages: int) -> None:
    options = SiteOptions(per_page=50, paginate_above=above)
    size = options.page_size(total)
    assert page_count(total, size) == pages
    assert sum(len(page_items(range(total), n, size)) for n in range(1, pages + 1)) == total
