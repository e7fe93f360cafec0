"""Readable graph labels, measured in Chromium on the shipped base (issue 19).

On /graph/ at the default zoom, desktop and phone: every visible label is at least 12 CSS
px high, the theme nodes are labelled, no two visible labels overlap (their bounding
boxes). On every card page: each direct neighbour in the local graph is labelled, 12 px
or more.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from tests.browser_support import chromium
from tests.site.helpers import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
MIN_PX = 12

# Every label drawn (display not none), with its node and its box on screen.
LABELS = """() => Array.from(document.querySelectorAll('figure.kb-graph .kb-node > text'))
  .filter((t) => getComputedStyle(t).display !== 'none')
  .map((t) => {
    const r = t.getBoundingClientRect();
    const n = t.parentNode;
    return {id: n.dataset.id, h: r.height, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
  })"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _open(browser: Any, url: str, viewport: str) -> Any:
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("svg.kb-graph-svg.kb-placed", state="attached")
    return page


def _theme_ids() -> list[str]:
    """The shipped base's theme cards, read from their YAML."""
    found = []
    for path in sorted((REPO / "concepts").glob("*.yaml")):
        card = yaml.safe_load(path.read_text(encoding="utf-8"))
        if card.get("kind") == "theme":
            found.append(str(card["id"]))
    return found


def _overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]
    ]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("tree", ["", "en/"])
def test_graph_page_labels_are_readable_and_apart(browser: Any, base_url: str, tree: str, viewport: str) -> None:
    page = _open(browser, base_url + tree + "graph/", viewport)
    labels = page.evaluate(LABELS)
    themes = page.evaluate("() => Array.from(document.querySelectorAll('.kb-theme-node'), (n) => n.dataset.id)")
    page.close()
    assert len(labels) >= 10, labels
    assert sorted(themes) == _theme_ids()
    small = [(label["id"], label["h"]) for label in labels if label["h"] < MIN_PX]
    assert small == [], f"labels under {MIN_PX} px: {small}"
    assert set(themes) <= {label["id"] for label in labels}, "a theme node has no label"
    assert _overlaps(labels) == []


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_card_labels_its_direct_neighbours(browser: Any, base_url: str, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    missing: dict[str, object] = {}
    cards = sorted(path.stem for path in (REPO / "concepts").glob("*.yaml"))
    for card in cards:
        page.goto(f"{base_url}concepts/{card}/")
        if page.locator("figure.kb-graph--local").count() == 0:
            continue
        page.wait_for_selector("svg.kb-graph-svg.kb-placed", state="attached")
        labels = {label["id"]: label["h"] for label in page.evaluate(LABELS)}
        neighbours = page.evaluate("() => Array.from(document.querySelectorAll('.kb-node.kb-d1'), (n) => n.dataset.id)")
        bad = [n for n in neighbours if labels.get(n, 0) < MIN_PX]
        if bad or not neighbours:
            missing[card] = bad or "no neighbour drawn"
    page.close()
    assert missing == {}
