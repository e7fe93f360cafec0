"""The overviews for training designers: every finding by strength of evidence, every card's implications."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path

from build_kb.model import EVIDENCE_LEVELS
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, render_site
from build_kb.render.urls import DESIGN_INDEX, FINDINGS_INDEX, page_url
from tests.site.helpers import FIXTURES, REPO, Built, article, mkdocs_build


def _block(html: str, lang: str) -> str:
    """One language's page in pages of every tree joined (:meth:`Built.both`)."""
    return html.split(f'<html lang="{lang}"')[1].split("<html lang=")[0]


def _trees(kb: object) -> dict[str, object]:
    """The generated pages of every language's tree, by language."""
    languages = kb.languages  # type: ignore[attr-defined]
    return {lang: render_site(kb, SiteOptions(languages=languages, language=lang)) for lang in languages}  # type: ignore[arg-type]


def _h3(html: str, lang: str) -> list[str]:
    found = re.findall(r"<h3 id=[^>]*>(.*?)<a class=\"headerlink\"", _block(html, lang))
    return [re.sub(r"<[^>]+>", "", text) for text in found]


def test_findings_go_from_strong_to_none_found_each_with_its_card_and_sources(small_site: Built) -> None:
    html = small_site.both("research")
    page = article(html)
    en, fr = page.by_lang["en"], page.by_lang["fr"]
    assert "5 findings" in en and "5 résultats" in fr
    levels = ["Strong evidence", "Moderate evidence", "Limited evidence", "Mixed evidence", "No evidence found"]
    assert _h3(html, "en") == levels
    assert "Participation changes identity (Wenger, 1998)." in en
    assert "Card: Community of practice · Sources: (Lave & Wenger, 1991, p. 29; Wenger, 1998, p. 149)" in en
    assert "Fiche : Communauté de pratique · Sources : (Lave & Wenger, 1991, p. 29; Wenger, 1998, p. 149)" in fr
    assert "../concepts/community-of-practice/#en-research" in page.hrefs("en")  # the card's findings
    assert 'id="en-research"' in small_site.page("en/concepts/community-of-practice")
    assert "../concepts/community-of-practice/#en-implications" in article(small_site.both("design")).hrefs("en")
    assert 'id="en-implications"' in small_site.page("en/concepts/community-of-practice")


def test_design_lists_each_card_with_implications_a_to_z_in_each_language(small_site: Built) -> None:
    html = small_site.both("design")
    loaded = load_project(FIXTURES / "small")
    cards = [card for card in loaded.kb.cards.values() if card.implications]
    assert len(cards) > 1
    for lang in ("fr", "en"):
        assert _h3(html, lang) == sorted((card.label[lang] for card in cards), key=str.casefold)
    assert "Themes: Networks" in article(html).by_lang["en"]
    assert "Plan time to look back on action (Schön, 1983)." in article(html).by_lang["en"]


def test_overviews_are_out_of_the_search_index(small_site: Built) -> None:
    index = json.loads((small_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "research/" not in locations and "design/" not in locations
    assert "concepts/community-of-practice/" in locations  # where a search for a finding leads


def test_the_shipped_base_lists_every_claim_once_strongest_first_twenty_a_page() -> None:
    loaded = load_project(REPO)
    rendered = render_site(loaded.kb, SiteOptions(languages=loaded.kb.languages, language="en"))
    claims = [(card.id, claim.level) for card in loaded.kb.cards.values() for _, claim in card.home_claims()]
    uris = [FINDINGS_INDEX] + [f"research/page/{n}.md" for n in range(2, -(-len(claims) // 20) + 1)]
    assert [uri for uri in rendered.pages if uri.startswith("research/")] == sorted(uris)
    found: list[tuple[str, str]] = []
    for uri in uris:
        english = rendered.pages[uri].full()
        levels = re.findall(r'<li><p>(?:<a [^>]*>)?<span class="kb-evidence kb-evidence--([a-z-]+)"[^>]*>', english)
        cards = re.findall(r'<p>Cards?: <a href="[^"]*(?:concepts|themes)/([a-z0-9-]+)/#en-research">', english)
        assert len(levels) == len(cards) <= 20
        found += zip(cards, levels, strict=True)
    assert sorted(found) == sorted(claims)  # each claim once (a ref is not another finding), with its home card
    order = (*EVIDENCE_LEVELS, "theory")
    assert [level for _, level in found] == sorted((level for _, level in found), key=order.index)
    with_implications = sum(1 for card in loaded.kb.cards.values() if card.implications)
    assert rendered.pages[DESIGN_INDEX].full().count("<h3 ") == min(20, with_implications)


def test_each_level_count_links_to_where_that_level_starts() -> None:
    loaded = load_project(REPO)
    trees = _trees(loaded.kb)
    pages = {page_url(uri, True): uri for uri in trees["fr"].pages if uri.startswith("research/")}  # type: ignore[attr-defined]
    levels = {claim.level for card in loaded.kb.cards.values() for _, claim in card.home_claims()}
    for uri in pages.values():
        for lang in ("fr", "en"):
            rendered = trees[lang]
            line = re.search(r'<p class="kb-level-counts">(.*?)</p>', rendered.pages[uri].full())  # type: ignore[attr-defined]
            assert line is not None
            links = re.findall(r'<a href="([^"#]*)#([a-z-]+)">\d+</a>', line.group(1))
            assert {anchor.removeprefix(f"{lang}-evidence-") for _, anchor in links} == levels
            for href, anchor in links:
                target = pages[posixpath.normpath(posixpath.join(posixpath.dirname(page_url(uri, True)), href)) + "/"]
                assert f'<h3 id="{anchor}">' in rendered.pages[target].full()  # type: ignore[attr-defined]
                number = int(target.removeprefix("research/page/").removesuffix(".md")) if "/page/" in target else 1
                if number > 1:  # and not on the page before: it starts there
                    before = FINDINGS_INDEX if number == 2 else f"research/page/{number - 1}.md"
                    assert f'<h3 id="{anchor}">' not in rendered.pages[before].full()  # type: ignore[attr-defined]


def test_the_home_page_counts_findings_per_level_and_links_to_them(tmp_path: Path) -> None:
    """``{{ kb.evidence }}`` on the shipped home page: each level with findings links to where it starts."""
    site = tmp_path / "site"
    result = mkdocs_build(REPO, site, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    french = (site / "index.html").read_text(encoding="utf-8")
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    loaded = load_project(REPO)
    counts = Counter(claim.level for card in loaded.kb.cards.values() for _, claim in card.home_claims())
    for level, count in counts.items():
        text = "1 finding" if count == 1 else f"{count} findings"  # the shipped base has levels of one
        found = re.search(rf'<a href="(research/[^"#]*)#en-evidence-{level}">{text}</a>', home)
        assert found is not None, level
        target = site / "en" / found.group(1) / "index.html"
        assert f'id="en-evidence-{level}"' in target.read_text(encoding="utf-8")
    assert 1 in counts.values() and ">1 résultat</a>" in french
