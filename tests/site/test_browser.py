"""The built site in a real Chromium: language switch, its persistence, links, and no remote request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser_support import chromium, require_chromium, serve
from tests.site.helpers import FIXTURES, Built, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture built and served on 127.0.0.1 at a free port."""
    require_chromium()
    built: Built = build_site(FIXTURES / "small", tmp_path_factory.mktemp("browser") / "site")
    assert not built.aborted, built.problems
    with serve(built.site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _visible_h1(page: object) -> list[str]:
    return page.locator("article h1:visible").all_inner_texts()  # type: ignore[attr-defined,no-any-return]


def test_language_switch_persists_across_pages_and_stays_local(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(base_url + "concepts/community-of-practice/")
    assert _visible_h1(page) == ["Communauté de pratique"]  # the site's default language
    assert page.locator("text=Preuves solides").first.is_visible()
    assert not page.locator("text=Strong evidence").first.is_visible()

    page.click(".kb-lang-switch button[data-lang=en]")
    assert _visible_h1(page) == ["Community of practice"]
    assert page.locator("text=Strong evidence").first.is_visible()
    assert page.get_attribute(".kb-lang-switch button[data-lang=en]", "aria-pressed") == "true"
    toc = page.locator(".md-nav--secondary .md-nav__link:visible").all_inner_texts()
    assert "What research says" in toc and "Ce que dit la recherche" not in toc

    # Follow a relation link: Material's instant navigation swaps the page without reloading scripts.
    page.click("article a:visible:text-is('Legitimate peripheral participation')")
    page.wait_for_url("**/concepts/peripheral-participation/")
    page.wait_for_function("document.querySelector('article h1[lang=en]') !== null")
    assert _visible_h1(page) == ["Legitimate peripheral participation"]
    assert page.locator(".kb-lang-switch").count() == 1

    page.reload()
    assert _visible_h1(page) == ["Legitimate peripheral participation"]  # kept in localStorage
    page.click(".kb-lang-switch button[data-lang=fr]")
    assert _visible_h1(page) == ["Participation périphérique légitime"]

    assert errors == []
    assert requests and all(url.startswith(base_url) for url in requests), [
        u for u in requests if not u.startswith(base_url)
    ]
    context.close()


def test_search_finds_a_card_by_its_alias_in_either_language(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    cases = {
        "CoP": "community-of-practice",  # an English alias
        "communauté de métier": "community-of-practice",  # a French alias
        "Apprentissage situé": "situated-learning",  # a French label
        "Situated learning": "situated-learning",  # an English label
    }
    for query, card in cases.items():
        page.goto(base_url)
        page.click(".md-search__input")
        page.type(".md-search__input", query, delay=20)  # Material searches on key events
        page.locator(f".md-search-result__item a[href*='concepts/{card}/']").first.wait_for(timeout=10_000)
    assert all(url.startswith(base_url) for url in requests)
    context.close()


def test_without_javascript_both_languages_show_each_labelled(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "concepts/community-of-practice/")
    assert _visible_h1(page) == ["Communauté de pratique", "Community of practice"]
    labels = page.locator(".kb-lang-label:visible").all_inner_texts()
    assert [label.casefold() for label in labels] == ["français", "english"]
    context.close()


def test_the_research_overview_leads_from_a_level_to_a_finding_to_its_card(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "research/")
    page.click(".kb-lang-switch button[data-lang=en]")
    assert _visible_h1(page) == ["What research says"]
    counts = page.locator("p.kb-level-counts:visible a")
    assert counts.count() == 5  # one count per level the fixture's findings use
    page.locator("p.kb-level-counts:visible a[href$='#en-evidence-limited']").click()
    page.wait_for_url("**/research/#en-evidence-limited")
    heading = page.locator("#en-evidence-limited")
    assert heading.is_visible() and heading.inner_text().startswith("Limited evidence")
    page.click("article a:visible:text-is('Situated learning')")  # the card of the limited finding
    page.wait_for_url("**/concepts/situated-learning/#en-research")  # at the card's findings
    page.wait_for_function("document.querySelector('article h1[lang=en]') !== null")
    assert _visible_h1(page) == ["Situated learning"]
    assert page.locator("#en-research").is_visible()
    assert requests and all(url.startswith(base_url) for url in requests)
    context.close()
