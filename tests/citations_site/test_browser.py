"""A student's path in a real Chromium: concept -> citation -> reference -> author -> back to a concept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_support import chromium, served_build

FIXTURE = Path(__file__).parent / "fixtures" / "library"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The citations fixture built and served on 127.0.0.1 at a free port."""
    with served_build(FIXTURE, tmp_path_factory.mktemp("citations-browser") / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def test_citation_to_reference_to_author_and_back_to_a_concept(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(base_url + "en/concepts/professional-genre/")  # the English tree
    citation = page.locator("article a.kb-cite:visible").first
    assert citation.inner_text() == "Faïta (2018b, p. 9)"
    # Hovering shows the full reference (the title attribute).
    assert (
        citation.get_attribute("title")
        == "Faïta, D. (2018b). Genres et styles en analyse du travail. Travailler, 4, 7–42."
    )

    citation.click()
    page.wait_for_url(base_url + "en/references/faita2018genres/")
    page.wait_for_function("document.querySelector('#reference-title') !== null")
    assert page.locator("article h1:visible").first.inner_text() == "Genres et styles en analyse du travail"
    assert page.locator("article .kb-reference:visible").inner_text().startswith("Faïta, D. (2018b).")

    page.click("article a:visible:text-is('Daniel Faïta')")
    page.wait_for_url(base_url + "en/authors/faita-daniel/")
    page.wait_for_function("document.querySelector('#author-title') !== null")
    assert page.locator("#author-title").inner_text() == "Daniel Faïta"
    assert page.locator("article a:visible:text-is('van der Berg, Anna')").count() == 1

    page.click("article a:visible:text-is('Community of practice')")  # a card citing one of their works
    page.wait_for_url(base_url + "en/concepts/community-of-practice/")
    page.wait_for_function("document.querySelector('article h1#en-title') !== null")
    assert page.locator("article h1:visible").inner_text() == "Community of practice"

    # And back through "cited by": the reference of a citation, then the card citing it.
    page.locator("article a.kb-cite:visible").first.click()
    page.wait_for_url(base_url + "en/references/wenger1998communities/")
    page.click("#en-cited-by ~ ul a:visible:text-is('Community of practice')")
    page.wait_for_url(base_url + "en/concepts/community-of-practice/")

    assert errors == []
    assert requests and all(url.startswith(base_url) for url in requests)
    context.close()
