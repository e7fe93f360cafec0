"""The graphs with a keyboard and a screen reader, in Chromium on the shipped base (issue 19).

A skip link before each graph gets past it in at most 3 Tab presses (desktop and phone); the picture is one
Tab stop (roving tabindex) with the arrow keys between nodes; the search box is a
combobox that names its selected option (``aria-activedescendant``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser_support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GRAPH_PAGES = ("graph/", "en/graph/", "concepts/connected-teacher-network/", "en/concepts/activity-clinic/")

# Where the focus is: inside the figure, the skip link, or after the figure in document order.
WHERE = """() => {
  const el = document.activeElement;
  const figure = document.querySelector('figure.kb-graph');
  if (figure.contains(el)) return 'inside';
  if (el.classList.contains('kb-skip')) return 'skip';
  return figure.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
}"""


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 800})


def _open(page: Any, url: str, viewport: tuple[int, int] = (1280, 800)) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(url)
    page.wait_for_selector("figure.kb-graph[data-kb-ready]", state="attached")


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_getting_past_the_graph_takes_at_most_three_tabs(
    page: Any, base_url: str, path: str, viewport: tuple[int, int]
) -> None:
    _open(page, base_url + path, viewport)
    page.focus(".kb-skip")
    page.keyboard.press("Shift+Tab")  # the last stop before the graph
    assert page.evaluate(WHERE) == "before"
    presses = 0
    while page.evaluate(WHERE) != "after" and presses < 3:
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate(WHERE) == "skip":
            page.keyboard.press("Enter")
    assert page.evaluate(WHERE) == "after"
    assert presses <= 3


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_the_picture_is_one_tab_stop_and_arrows_move_between_nodes(page: Any, base_url: str, path: str) -> None:
    _open(page, base_url + path)
    stops = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.kb-graph-svg, svg.kb-graph-svg *'))
            .filter((el) => el.tabIndex >= 0).length"""
    )
    assert stops == 1
    page.focus('.kb-node[tabindex="0"]')
    first = page.evaluate("document.activeElement.dataset.id")
    moved = set()
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"):
        page.keyboard.press(key)
        moved.add(page.evaluate("document.activeElement.dataset.id"))
        assert page.evaluate("document.querySelectorAll('.kb-node[tabindex=\"0\"]').length") == 1
        assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
    assert moved - {first, None}, "the arrow keys reached no other node"
    page.keyboard.press("Tab")  # one press leaves the picture
    assert page.evaluate("document.activeElement.closest('svg') === null")


def test_the_search_box_is_a_combobox(page: Any, base_url: str) -> None:
    _open(page, base_url + "graph/")
    search = page.locator(".kb-graph-search")
    assert search.get_attribute("role") == "combobox"
    assert search.get_attribute("aria-expanded") == "false"
    search.fill("réseau")
    assert search.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = search.get_attribute("aria-activedescendant")
    assert active
    option = page.locator(f"#{active}")
    assert option.get_attribute("role") == "option"
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert search.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('kb-node')")
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
