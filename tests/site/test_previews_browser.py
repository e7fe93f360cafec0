"""Link previews in Chromium on the shipped base (issue 19): hovering, focusing or long-pressing
a link to a card shows that card's kind, summary and strongest evidence, from this site only."""

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

CARD = "concepts/community-of-practice/"

# The first visible link in the article to another card page: its href as written and the card's id.
CARD_LINK = r"""() => {
  for (const link of document.querySelectorAll('article a[href]')) {
    const found = new URL(link.href).pathname.match(/\/concepts\/([a-z0-9-]+)\/$/);
    const elsewhere = new URL(link.href).pathname !== location.pathname;
    if (found && elsewhere && link.getClientRects().length && !link.closest('svg')) {
      return [link.getAttribute('href'), found[1]];
    }
  }
  return null;
}"""


def _summary(card: str, lang: str) -> str:
    data = yaml.safe_load((REPO / "concepts" / f"{card}.yaml").read_text(encoding="utf-8"))
    return " ".join(data["summary"][lang].split())


def _card_link(page: Any) -> tuple[Any, str]:
    found = page.evaluate(CARD_LINK)
    assert found, "no link to a card on " + page.url
    href, card = found
    return page.locator(f'article a[href="{href}"]:visible').first, card


@pytest.fixture()
def desktop(base_url: str) -> Iterator[tuple[Any, list[str]]]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        yield page, requests
        context.close()


@pytest.mark.parametrize(("tree", "lang"), [("", "fr"), ("en/", "en")])
def test_hovering_a_card_link_shows_that_cards_summary_in_the_trees_language(
    desktop: tuple[Any, list[str]], base_url: str, tree: str, lang: str
) -> None:
    page, requests = desktop
    page.goto(base_url + tree + CARD)
    link, card = _card_link(page)
    tip = page.locator("#kb-preview")
    link.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    expect(tip).to_contain_text(_summary(card, lang))
    expect(link).to_have_attribute("aria-describedby", "kb-preview")
    badge = tip.locator(".kb-evidence")
    if badge.count():  # a card with claims: its strongest level, a badge like the pages'
        assert badge.get_attribute("class", timeout=1000).startswith("kb-evidence kb-evidence--")
    page.mouse.move(5, 5)  # away: it closes
    expect(tip).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None
    assert requests and all(url.startswith(base_url) for url in requests), [
        u for u in requests if not u.startswith(base_url)
    ]
    assert any(url.endswith(f"/previews/{lang}/0.json") for url in requests)


def test_a_hand_written_page_previews_its_links_to_themes(desktop: tuple[Any, list[str]], base_url: str) -> None:
    page, _ = desktop
    page.goto(base_url + "en/")  # docs/index.md: its list of themes
    link = page.locator('article a[href$="/themes/development-models/"]:visible').first
    theme = "development-models"
    link.hover()
    tip = page.locator("#kb-preview")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(_summary(theme, "en"))
    expect(tip).to_contain_text("· Theme")  # its kind, in the tree's language


def test_a_link_focused_by_keyboard_shows_its_preview_and_esc_closes_it(
    desktop: tuple[Any, list[str]], base_url: str
) -> None:
    page, requests = desktop
    page.goto(base_url + CARD)
    tip = page.locator("#kb-preview")
    card = None
    for _ in range(300):  # Tab through the page to the first link to another card
        page.keyboard.press("Tab")
        card = page.evaluate(
            r"""() => { const a = document.activeElement;
                if (!a.closest('article') || a.closest('svg') || a.tagName !== 'A') return null;
                const m = new URL(a.href).pathname.match(/\/concepts\/([a-z0-9-]+)\/$/);
                return m && new URL(a.href).pathname !== location.pathname ? m[1] : null; }"""
        )
        if card:
            break
    assert card, "no card link reached by Tab"
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(_summary(card, "fr"))
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert focused == "kb-preview"  # the focus stays on the link: the popover takes none
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("() => document.activeElement.tagName") == "A"
    assert all(url.startswith(base_url) for url in requests)


def test_previews_work_after_an_instant_navigation(desktop: tuple[Any, list[str]], base_url: str) -> None:
    page, _ = desktop
    page.goto(base_url + "en/concepts/")  # the A-Z list: every card
    link, card = _card_link(page)
    link.click()
    page.wait_for_url(re.compile(f"/en/concepts/{card}/$"))
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no page load: instant
    link, other = _card_link(page)
    link.hover()
    tip = page.locator("#kb-preview")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(_summary(other, "en"))


def test_a_long_press_on_a_phone_shows_the_preview_and_does_not_open_the_card(base_url: str) -> None:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base_url + "en/" + CARD)
        link, card = _card_link(page)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        point = [{"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2, "id": 0}]
        cdp = context.new_cdp_session(page)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
        page.wait_for_timeout(900)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        tip = page.locator("#kb-preview")
        expect(tip).to_be_visible()
        expect(tip).to_contain_text(_summary(card, "en"))
        page.wait_for_timeout(300)
        assert page.url == base_url + "en/" + CARD  # the press showed the preview, it did not follow the link
        tip_box = tip.bounding_box()
        assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= 390  # within the phone's width
        assert all(url.startswith(base_url) for url in requests)
        context.close()


def test_an_open_preview_has_no_axe_violation(desktop: tuple[Any, list[str]], base_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, _ = desktop
    page.goto(base_url + "en/concepts/")
    link, _ = _card_link(page)
    link.hover()
    expect(page.locator("#kb-preview")).to_be_visible()
    page.evaluate(Axe().axe_script)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    result = page.evaluate("options => axe.run(document, options)", options)
    assert [(v["id"], [(n["target"], n["failureSummary"]) for n in v["nodes"]]) for v in result["violations"]] == []
    assert any("#kb-preview" in str(node["target"]) for rule in result["passes"] for node in rule["nodes"])
