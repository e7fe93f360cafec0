"""A theme page leads with its cards (issue 19): measured in Chromium on the shipped base, desktop and phone."""

from __future__ import annotations

import pytest

from tests.browser_support import chromium
from tests.site.helpers import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

THEMES = sorted(
    path.stem for path in (REPO / "concepts").glob("*.yaml") if "\nkind: theme\n" in path.read_text(encoding="utf-8")
)
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}

# Where (from the page's top) the summary, the first card of the list and the definition start.
MEASURE = """lang => {
  const top = el => el.getBoundingClientRect().top + window.scrollY;
  const article = document.querySelector('article');
  return {
    summary: top(article.querySelector('.kb-summary')),
    cards: top(document.getElementById(lang + '-theme-cards')),
    first: top(article.querySelector('h3[id^="' + lang + '-kind-"] + ul li a')),
    definition: top(document.getElementById(lang + '-definition')),
  };
}"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_theme_page_shows_its_summary_then_its_cards_on_the_first_screen(base_url: str, viewport: str) -> None:
    assert len(THEMES) == 3
    width, height = VIEWPORTS[viewport]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        for tree, lang in (("", "fr"), ("en/", "en")):
            for theme in THEMES:
                page.goto(f"{base_url}{tree}themes/{theme}/")
                at = page.evaluate(MEASURE, lang)
                where = f"{tree}themes/{theme}/ at {viewport}: {at}"
                assert at["summary"] < at["cards"] < at["first"] < at["definition"], where
                assert at["first"] + 20 <= height, where  # the first card is on the first screen, unscrolled
