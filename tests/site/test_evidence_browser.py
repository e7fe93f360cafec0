"""The evidence badges in a real Chromium: a badge leads to its place on the rubric, a referred claim to its home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser_support import chromium, served_build
from tests.site.helpers import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The evidence fixture built and served on 127.0.0.1 at a free port."""
    with served_build(FIXTURES / "evidence", tmp_path_factory.mktemp("evidence-browser") / "site") as base:
        yield base


def test_a_badge_leads_to_its_basis_on_the_rubric_and_a_ref_to_its_home_card(base_url: str) -> None:
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base_url + "en/concepts/twictee/")  # the English tree
        claim = page.locator("article ul.kb-claims:visible li").first
        assert "Doing is not enough" in claim.inner_text()  # written on another card, shown here
        assert "as cited in Crinon, 2021" in claim.inner_text()
        badge = claim.locator("a.kb-rubric:has(.kb-basis)")
        assert badge.inner_text() == "Survey or correlational"
        badge.click()
        page.wait_for_url("**/evidence/#en-basis-survey")
        heading = page.locator("#en-basis-survey")
        assert heading.is_visible() and heading.inner_text().startswith("Survey")
        page.go_back()
        page.wait_for_url("**/concepts/twictee/")
        page.locator("article a:visible:text-is('Connected network')").first.click()  # "From the card"
        page.wait_for_url("**/concepts/connected-network/#en-research")
        assert page.locator("#en-research").is_visible()
        marker = page.locator("article a.kb-rubric:visible:has(.kb-inferred)")
        assert marker.inner_text() == "our reading"
        assert "our reading of the sources" in (marker.get_attribute("title") or "")
        assert requests and all(url.startswith(base_url) for url in requests)
        context.close()
