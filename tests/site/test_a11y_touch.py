"""The graph on a touch screen, in Chromium on the shipped base (issue 19): two fingers pinch
to zoom, a first tap shows a card's summary, a second tap opens the card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser_support import chromium
from tests.site.helpers import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture()
def phone(base_url: str) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto(base_url + "graph/")
        page.wait_for_selector("svg.kb-graph-svg.kb-placed", state="attached")
        yield page
        context.close()


def _zoom(page: Any) -> float:
    transform = page.locator("svg.kb-graph-svg .kb-view").get_attribute("transform") or ""
    found = re.search(r"scale\(([\d.]+)\)", transform)
    return float(found.group(1)) if found else 1.0


def test_two_fingers_pinch_to_zoom(phone: Any) -> None:
    box = phone.locator("svg.kb-graph-svg").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = phone.context.new_cdp_session(phone)
    before = _zoom(phone)

    def touch(kind: str, spread: float) -> None:
        points = [{"x": cx - spread, "y": cy, "id": 0}, {"x": cx + spread, "y": cy, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points if kind != "touchEnd" else []})

    touch("touchStart", 20)
    for spread in (40, 60, 80):
        touch("touchMove", spread)
    touch("touchEnd", 80)
    assert _zoom(phone) > before * 2  # the fingers moved four times apart


def test_a_tap_shows_the_summary_and_a_second_opens_the_card(phone: Any, base_url: str) -> None:
    node = phone.locator(".kb-theme-node").first
    card = node.get_attribute("data-id")
    data = yaml.safe_load((REPO / "concepts" / f"{card}.yaml").read_text(encoding="utf-8"))
    summary = " ".join(data["summary"]["fr"].split())
    circle = node.locator("circle").last
    circle.scroll_into_view_if_needed()
    circle.tap()
    tip = phone.locator(".kb-graph-tip")
    tip.wait_for(state="visible")
    # The label shows at once; /graph/ fetches the summaries on the first touch, so wait.
    expect(tip).to_contain_text(summary[:40])
    assert phone.url == base_url + "graph/"
    circle.tap()
    phone.wait_for_url(re.compile(f"/{card}/$"))  # the card (a theme, under themes/)
