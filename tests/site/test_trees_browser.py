"""The shipped site's two trees in a real Chromium: Material's language selector, each tree's interface and search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from tests.browser_support import chromium, serve
from tests.site.helpers import REPO, build_site, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FRENCH_NAV = ("Accueil", "Thèmes", "Fiches A–Z", "Bibliographie", "Graphe", "Contribuer", "À propos")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _pick_language(page: Any, lang: str) -> None:
    """Open Material's language selector (it shows on hover) and pick ``lang``."""
    page.hover(".md-header__option .md-select")
    page.locator(f"a.md-select__link[hreflang={lang}]").click()


def test_the_selector_leads_to_the_same_card_in_the_other_language_and_back(browser: Any, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    card = yaml.safe_load((REPO / "concepts" / "community-of-practice.yaml").read_text(encoding="utf-8"))

    page.goto(base_url + "concepts/community-of-practice/")
    assert page.locator("article h1").inner_text() == "Communauté de pratique"
    _pick_language(page, "en")
    page.wait_for_url(base_url + "en/concepts/community-of-practice/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text() == "Community of practice"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Search"
    assert page.locator(".md-nav--secondary > label.md-nav__title").first.inner_text().strip() == "Table of contents"
    labels = page.locator(".md-nav--primary .md-ellipsis").all_inner_texts()
    assert "Home" in [label.strip() for label in labels]
    assert not {label.strip() for label in labels} & set(FRENCH_NAV), labels
    description = page.locator("meta[name=description]").get_attribute("content")
    assert description == " ".join(card["summary"]["en"].split())
    assert page.evaluate("localStorage.getItem('build_kb.lang')") == "en"  # the choice is kept

    _pick_language(page, "fr")
    page.wait_for_url(base_url + "concepts/community-of-practice/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Rechercher"
    assert errors == []
    assert requests and all(url.startswith(base_url) for url in requests)
    context.close()


_ALTERNATES = """() => Object.fromEntries([...document.head.querySelectorAll("link[hreflang]")]
    .filter(link => link.relList.contains("alternate")).map(link => [link.hreflang, link.href]))"""


def _wait_for_alternates(page: Any, expected: dict[str, str]) -> None:
    """Wait until the head's alternates are ``expected`` (instant navigation swaps the head after the address)."""
    try:
        page.wait_for_function(
            f"expected => JSON.stringify(({_ALTERNATES})()) === JSON.stringify(expected)", arg=expected, timeout=10_000
        )
    finally:
        assert page.evaluate(_ALTERNATES) == expected


@pytest.fixture(scope="module")
def instant_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture built with ``site_url`` at its server's address, served.

    Material's instant navigation follows only the links its sitemap lists, by address:
    served elsewhere than its ``site_url``, a site reloads on every click.
    """
    folder = tmp_path_factory.mktemp("trees-instant")
    project, site = copy_project("small", folder / "project"), folder / "site"
    site.mkdir()
    with serve(site) as base:
        config = project / "mkdocs.yml"
        text, found = re.subn(r"(?m)^site_url: .*$", f"site_url: {base}", config.read_text(encoding="utf-8"))
        assert found == 1
        config.write_text(text, encoding="utf-8")
        built = build_site(project, site)
        assert not built.aborted, built.problems
        yield base


def test_each_page_s_alternates_lead_to_itself_in_each_tree_and_keep_instant_navigation(
    browser: Any, instant_base: str
) -> None:
    base_url = instant_base
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    card = "concepts/community-of-practice/"
    expected = {"fr": base_url + card, "en": base_url + "en/" + card, "x-default": base_url + card}
    page.goto(base_url + card)
    page.wait_for_load_state("networkidle")  # instant navigation starts once Material has read sitemap.xml
    assert page.evaluate(_ALTERNATES) == expected
    for href in expected.values():
        assert context.request.get(href).status == 200, href
    for tree, title in (("", "Communauté de pratique"), ("en/", "Community of practice")):
        if tree:  # the selector, then instant navigation in the other tree
            _pick_language(page, "en")
            page.wait_for_url(base_url + tree + card)
            page.wait_for_load_state("networkidle")
        page.evaluate("window.kbMarker = 'no reload'")
        page.click(f"a.md-nav__link[href$='/{tree}concepts/']")
        page.wait_for_url(base_url + tree + "concepts/")
        listing = {"fr": base_url + "concepts/", "en": base_url + "en/concepts/", "x-default": base_url + "concepts/"}
        _wait_for_alternates(page, listing)  # Material's instant navigation swaps the head's links
        page.click(f"article a:visible:text-is('{title}')")  # back to a page seen before
        page.wait_for_url(base_url + tree + card)
        page.locator("article h1").filter(has_text=title).wait_for()
        _wait_for_alternates(page, expected)
        assert page.evaluate("window.kbMarker") == "no reload"  # still instant: no page load
    assert all(url.startswith(base_url) for url in requests)
    sitemaps = {url.removeprefix(base_url) for url in requests if url.endswith("sitemap.xml")}
    assert sitemaps <= {"sitemap.xml", "en/sitemap.xml"}, sitemaps  # Material reads no page as another site
    context.close()


def test_the_home_page_sends_a_reader_to_their_language(browser: Any, base_url: str) -> None:
    context = browser.new_context(locale="en-GB")  # a first visit, browser in English
    page = context.new_page()
    page.goto(base_url)
    page.wait_for_url(base_url + "en/")
    assert page.locator("html").get_attribute("lang") == "en"
    _pick_language(page, "fr")  # a reader who picks French stays there next time
    page.wait_for_url(base_url)
    page.goto(base_url)
    page.wait_for_timeout(300)
    assert page.url == base_url and page.locator("html").get_attribute("lang") == "fr"
    context.close()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(base_url)
    assert page.url == base_url and page.locator("html").get_attribute("lang") == "fr"
    context.close()


def _results(page: Any, url: str, query: str) -> list[str]:
    """The result links of a search typed on ``url``, in order (each page once)."""
    page.goto(url)
    page.click(".md-search__input")
    page.type(".md-search__input", query, delay=20)  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href.split('?')[0])")
    return list(dict.fromkeys(hrefs))


@pytest.mark.parametrize("query", ["communaute", "communauté", "Communauté"])
def test_french_search_ignores_accents_and_case(browser: Any, base_url: str, query: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    found = _results(page, base_url, query)
    assert base_url + "concepts/community-of-practice/" in found[:3], found[:5]
    context.close()


def test_french_search_finds_a_word_after_an_elision(browser: Any, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    found = _results(page, base_url, "autoconfrontation")
    for path in ("concepts/self-confrontation/", "concepts/activity-clinic/", "themes/reflective-analysis/"):
        assert base_url + path in found, found
    found = _results(page, base_url, "twictee")
    assert base_url + "concepts/twictee/" in found
    context.close()


def test_english_search_finds_english_pages_only(browser: Any, base_url: str) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    found = _results(page, base_url + "en/", "community")
    assert base_url + "en/concepts/community-of-practice/" in found[:3], found[:5]
    assert all(url.startswith(base_url + "en/") for url in found), found
    snippets = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    for french in ("Communauté", "Type :", "Thèmes", "Définition"):
        assert french not in snippets
    context.close()
