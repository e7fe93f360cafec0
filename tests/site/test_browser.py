"""The built site in a real Chromium: the language selector, each tree's search, links, and no remote request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser_support import chromium, served_build
from tests.site.helpers import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture built and served on 127.0.0.1 at a free port."""
    with served_build(FIXTURES / "small", tmp_path_factory.mktemp("browser") / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _visible_h1(page: object) -> list[str]:
    return page.locator("article h1:visible").all_inner_texts()  # type: ignore[attr-defined,no-any-return]


def _pick_language(page: object, lang: str) -> None:
    """Open Material's language selector (it shows on hover) and pick ``lang``."""
    page.hover(".md-header__option .md-select")  # type: ignore[attr-defined]
    page.locator(f"a.md-select__link[hreflang={lang}]").click()  # type: ignore[attr-defined]


def test_the_language_selector_keeps_the_page_and_the_choice_and_stays_local(browser: object, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(base_url + "concepts/community-of-practice/")
    assert _visible_h1(page) == ["Communauté de pratique"]  # the site's default language
    assert page.locator("text=Preuves solides").first.is_visible()
    assert page.locator("text=Strong evidence").count() == 0

    _pick_language(page, "en")
    page.wait_for_url(base_url + "en/concepts/community-of-practice/")
    assert _visible_h1(page) == ["Community of practice"]
    assert page.locator("text=Strong evidence").first.is_visible()
    toc = page.locator(".md-nav--secondary .md-nav__link:visible").all_inner_texts()
    assert "What research says" in toc and "Ce que dit la recherche" not in toc

    # Follow a relation link: it stays in the English tree.
    page.click("article a:visible:text-is('Legitimate peripheral participation')")
    page.wait_for_url(base_url + "en/concepts/peripheral-participation/")
    page.wait_for_function("document.querySelector('article h1#en-title') !== null")
    assert _visible_h1(page) == ["Legitimate peripheral participation"]
    _pick_language(page, "fr")  # the selector leads to the page the reader is on, not where they landed
    page.wait_for_url(base_url + "concepts/peripheral-participation/")
    assert _visible_h1(page) == ["Participation périphérique légitime"]
    assert page.evaluate("localStorage.getItem('build_kb.lang')") == "fr"

    assert errors == []
    assert requests and all(url.startswith(base_url) for url in requests), [
        u for u in requests if not u.startswith(base_url)
    ]
    context.close()


def test_each_tree_s_search_finds_a_card_by_its_label_or_alias(browser: object, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    cases = {
        ("", "communauté de métier"): "concepts/community-of-practice/",  # a French alias
        ("", "Apprentissage situé"): "concepts/situated-learning/",  # a French label
        ("en/", "CoP"): "en/concepts/community-of-practice/",  # an English alias
        ("en/", "Situated learning"): "en/concepts/situated-learning/",  # an English label
    }
    for (tree, query), card in cases.items():
        page.goto(base_url + tree)
        page.click(".md-search__input")
        page.type(".md-search__input", query, delay=20)  # Material searches on key events
        page.locator(f".md-search-result__item a[href^='{base_url}{card}']").first.wait_for(timeout=10_000)
    assert all(url.startswith(base_url) for url in requests)
    context.close()


def test_without_javascript_a_page_shows_its_own_language_only(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "concepts/community-of-practice/")
    assert _visible_h1(page) == ["Communauté de pratique"]
    page.goto(base_url + "en/concepts/community-of-practice/")
    assert _visible_h1(page) == ["Community of practice"]
    assert page.locator(".kb-lang-label").count() == 0
    context.close()


def test_the_research_overview_leads_from_a_level_to_a_finding_to_its_card(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "en/research/")
    assert _visible_h1(page) == ["What research says"]
    counts = page.locator("p.kb-level-counts:visible a")
    assert counts.count() == 5  # one count per level the fixture's findings use
    page.locator("p.kb-level-counts:visible a[href$='#en-evidence-limited']").click()
    page.wait_for_url(base_url + "en/research/#en-evidence-limited")
    heading = page.locator("#en-evidence-limited")
    assert heading.is_visible() and heading.inner_text().startswith("Limited evidence")
    page.click("article a:visible:text-is('Situated learning')")  # the card of the limited finding
    page.wait_for_url(base_url + "en/concepts/situated-learning/#en-research")  # at the card's findings
    page.wait_for_function("document.querySelector('article h1#en-title') !== null")
    assert _visible_h1(page) == ["Situated learning"]
    assert page.locator("#en-research").is_visible()
    assert requests and all(url.startswith(base_url) for url in requests)
    context.close()
