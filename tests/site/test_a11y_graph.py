"""Readable graph labels, measured in Chromium on the shipped base (issue 19).

On /graph/ at the default zoom, desktop and phone: every visible label is at least 12 CSS
px high and whole inside the picture, the theme nodes are labelled, no two visible labels
overlap (their bounding boxes). On every card page, desktop and phone: each direct neighbour in the local graph
is labelled, 12 px or more, inside the picture, and no two visible labels overlap; with
the neighbours of neighbours switched on, every one of them is labelled too (the second
ring stays legible: the picture grows taller, see docs/about.md).
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

# Every label drawn (its node shown, itself not display none), with its node and its box on screen.
LABELS = """() => Array.from(document.querySelectorAll('figure.kb-graph .kb-node > text'))
  .filter((t) => t.parentNode.getClientRects().length > 0 && getComputedStyle(t).display !== 'none')
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


# The picture's box on screen: what it shows (the frame cuts what lies outside).
FRAME = """() => {
  const r = document.querySelector('figure.kb-graph svg.kb-graph-svg').getBoundingClientRect();
  return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
}"""


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
    frame = page.evaluate(FRAME)
    page.close()
    assert len(labels) >= 10, labels
    assert sorted(themes) == _theme_ids()
    small = [(label["id"], label["h"]) for label in labels if label["h"] < MIN_PX]
    assert small == [], f"labels under {MIN_PX} px: {small}"
    assert set(themes) <= {label["id"] for label in labels}, "a theme node has no label"
    assert _overlaps(labels) == []
    assert _outside(labels, frame) == [], "labels cut by the frame"


def _linked_cards() -> list[str]:
    """The shipped base's cards with a card page (themes have theme pages) and at least one relation.

    Read from the YAML: a card that names another, or that another names.
    """
    cards = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "concepts").glob("*.yaml"))]
    ids = {str(card["id"]) for card in cards}
    linked: set[str] = set()
    for card in cards:
        for targets in (card.get("relations") or {}).values():
            for target in targets or []:
                if target in ids and target != card["id"]:
                    linked.update((str(card["id"]), str(target)))
    return sorted(str(card["id"]) for card in cards if card["id"] in linked and card.get("kind") != "theme")


def _outside(labels: list[dict[str, Any]], frame: dict[str, float]) -> list[str]:
    """The labels not wholly inside the picture (the frame cuts them)."""
    return [
        label["id"]
        for label in labels
        if label["x0"] < frame["x0"] - 0.5
        or label["x1"] > frame["x1"] + 0.5
        or label["y0"] < frame["y0"] - 0.5
        or label["y1"] > frame["y1"] + 0.5
    ]


def _local_problems(page: Any, scope: str) -> dict[str, object]:
    """What is wrong with the labels of the local graph as shown: ``scope`` names the nodes that must be labelled."""
    labels = page.evaluate(LABELS)
    heights = {label["id"]: label["h"] for label in labels}
    wanted = page.evaluate(f"() => Array.from(document.querySelectorAll('{scope}'), (n) => n.dataset.id)")
    problems: dict[str, object] = {}
    if not wanted:
        problems["drawn"] = "none"
    if unlabelled := [n for n in wanted if heights.get(n, 0) < MIN_PX]:
        problems["unlabelled or small"] = unlabelled
    if overlapping := _overlaps(labels):
        problems["overlapping"] = overlapping
    if cut := _outside(labels, page.evaluate(FRAME)):
        problems["cut by the frame"] = cut
    return problems


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("tree", ["", "en/"])
def test_every_card_labels_its_direct_neighbours(browser: Any, base_url: str, tree: str, viewport: str) -> None:
    """Every card page with a relation: its neighbours labelled, apart and whole; then its neighbours' too."""
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    cards = _linked_cards()
    assert "connected-teacher-network" in cards  # the hub of the issue (20 neighbours)
    found: dict[str, dict[str, object]] = {}
    for card in cards:
        page.goto(f"{base_url}{tree}concepts/{card}/")
        page.wait_for_selector("figure.kb-graph--local svg.kb-graph-svg.kb-placed", state="attached")
        if problems := _local_problems(page, ".kb-node.kb-center, .kb-node.kb-d1"):
            found[card] = problems
        if page.locator(".kb-depth-switch").count():
            page.check(".kb-depth-switch")
            page.wait_for_selector("figure.kb-graph--local.kb-show-d2 svg.kb-placed", state="attached")
            if problems := _local_problems(page, ".kb-node.kb-d2"):
                found[card + " (depth 2)"] = problems
    page.close()
    assert found == {}
