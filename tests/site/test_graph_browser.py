"""The graph pictures in a real Chromium: nodes, click, filters, search, local graph, instant navigation.

Same launch flags and skip rule as ``test_browser.py``: skipped without ``/usr/bin/chromium``,
failed on CI (``CI=true``). Every test records console errors, page errors and requests,
and ends by checking that there were no errors and that nothing left 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.browser_support import chromium, require_chromium, serve
from tests.site.helpers import FIXTURES, Built, build_site

CARDS = [
    "community-of-practice",
    "learning",
    "networks",
    "peripheral-participation",
    "reflective-practice",
    "situated-learning",
    "teacher-network",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture built with ``site_url`` at the server's own address, and served on 127.0.0.1.

    Material's instant navigation only follows links it finds in sitemap.xml, whose URLs it
    takes from ``site_url`` with the page's host (not its port): served anywhere else, every
    link reloads the page and the re-initialisation on instant navigation goes untested.
    """
    require_chromium()
    folder = tmp_path_factory.mktemp("graph-browser")
    site = folder / "site"
    site.mkdir()
    with serve(site) as base:
        project = folder / "small"
        shutil.copytree(FIXTURES / "small", project)
        config = project / "mkdocs.yml"
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: {base}", config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")
        built: Built = build_site(project, site)
        assert not built.aborted, built.problems
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@dataclass
class Session:
    """A page, with what it logged and requested."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert self.errors == []
        assert self.requests and all(url.startswith(self.base) for url in self.requests), [
            url for url in self.requests if not url.startswith(self.base)
        ]


@pytest.fixture()
def session(browser: Any, base_url: str) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    found = Session(page, base_url)
    page.on("console", lambda message: found.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.errors.append(str(error)))
    page.on("request", lambda request: found.requests.append(request.url))
    yield found
    context.close()


def _node(card: str, scope: str = "global") -> str:
    return f"figure.kb-graph--{scope} .kb-node[data-id='{card}']"


def _visible_ids(page: Any, scope: str) -> set[str]:
    ids = page.locator(f"figure.kb-graph--{scope} .kb-node:visible").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-id'))"
    )
    return set(ids)


def _drawn_edges(page: Any) -> int:
    """How many edges the visible edge paths of /graph/ draw (each is one ``M .. L ..``)."""
    paths = page.locator("figure.kb-graph--global .kb-edges .kb-lines:visible")
    return int(sum(d.count("M") for d in paths.evaluate_all("ps => ps.map(p => p.getAttribute('d'))")))


def _open_graph(session: Session) -> Any:
    page = session.page
    page.goto(session.base + "graph/")
    page.wait_for_selector("figure.kb-graph--global[data-kb-ready]")
    # Material's instant navigation starts once it has read sitemap.xml; before, links reload the page.
    page.wait_for_load_state("networkidle")
    return page


def test_graph_page_shows_one_node_per_card(session: Session) -> None:
    page = _open_graph(session)
    assert sorted(_visible_ids(page, "global")) == CARDS
    assert page.locator("figure.kb-graph--global text[lang=fr]:visible").count() > 0
    assert page.locator("figure.kb-graph--global text[lang=en]:visible").count() == 0
    page.click(".kb-lang-switch button[data-lang=en]")
    assert page.locator("figure.kb-graph--global text[lang=en]:visible").count() > 0
    assert page.locator("figure.kb-graph--global text[lang=fr]:visible").count() == 0
    session.check()


def test_clicking_a_node_opens_its_card(session: Session) -> None:
    page = _open_graph(session)
    page.evaluate("window.kbMarker = 'still here'")
    page.locator(_node("situated-learning") + " circle").click()
    page.wait_for_url("**/concepts/situated-learning/")
    page.wait_for_selector("h1#fr-title")
    assert page.evaluate("window.kbMarker") == "still here"  # Material's instant navigation, no reload
    session.check()


def test_enter_on_a_focused_node_opens_its_card(session: Session) -> None:
    page = _open_graph(session)
    page.locator(_node("teacher-network")).focus()
    assert page.locator("figure.kb-graph--global .kb-graph-tip").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/concepts/teacher-network/")
    session.check()


def test_hover_highlights_the_neighbours_and_shows_the_summary(session: Session) -> None:
    page = _open_graph(session)
    page.locator(_node("community-of-practice") + " circle").hover()
    near = page.locator("figure.kb-graph--global .kb-node.kb-near").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-id'))"
    )
    assert sorted(near) == ["peripheral-participation", "situated-learning", "teacher-network"]
    assert (
        page.locator("figure.kb-graph--global .kb-hl-edges .kb-lines").evaluate_all(
            "ps => ps.map(p => p.getAttribute('d').split('M').length - 1).reduce((a, b) => a + b, 0)"
        )
        == 4
    )  # broader, two related, example of
    tip = page.locator("figure.kb-graph--global .kb-graph-tip")
    tip.filter(has_text="Un groupe qui partage une pratique").wait_for()  # the summary, from graph.json
    assert "Communauté de pratique" in tip.inner_text()
    session.check()


def test_a_theme_filter_hides_the_other_themes_nodes(session: Session) -> None:
    page = _open_graph(session)
    page.uncheck("figure.kb-graph--global input[data-theme=networks]")
    shown = _visible_ids(page, "global")
    # Cards only in "networks" go; a card in both themes stays, as long as one of them is shown.
    assert shown == {"learning", "peripheral-participation", "reflective-practice", "situated-learning"}
    assert _drawn_edges(page) == 2  # "builds on" and "uses", between cards of "learning"
    page.uncheck("figure.kb-graph--global input[data-theme=learning]")
    assert _visible_ids(page, "global") == set()
    page.check("figure.kb-graph--global input[data-theme=networks]")
    page.check("figure.kb-graph--global input[data-theme=learning]")
    assert sorted(_visible_ids(page, "global")) == CARDS
    page.uncheck("figure.kb-graph--global input[data-rel=related]")
    assert page.locator("figure.kb-graph--global .kb-rel-related path:visible").count() == 0
    assert page.locator("figure.kb-graph--global .kb-rel-broader .kb-lines:visible").count() == 1
    session.check()


def test_search_finds_and_centres_a_card(session: Session) -> None:
    page = _open_graph(session)
    search = page.locator("figure.kb-graph--global .kb-graph-search")
    for query, card in (("apprentissage situe", "situated-learning"), ("Teacher net", "teacher-network")):
        search.fill(query)
        page.locator("figure.kb-graph--global .kb-graph-results li").first.wait_for()
        search.press("Enter")
        node = page.locator(_node(card))
        assert "kb-found" in (node.get_attribute("class") or "")
        page.wait_for_timeout(50)
        frame = page.locator("figure.kb-graph--global svg.kb-graph-svg").bounding_box()
        dot = page.locator(_node(card) + " circle:last-of-type").bounding_box()
        assert frame and dot
        assert abs(dot["x"] + dot["width"] / 2 - (frame["x"] + frame["width"] / 2)) < 3
        assert abs(dot["y"] + dot["height"] / 2 - (frame["y"] + frame["height"] / 2)) < 3
        assert page.evaluate("document.activeElement.getAttribute('data-id')") == card
    session.check()


def test_zoom_with_buttons_keys_and_wheel_moves_one_transform(session: Session) -> None:
    page = _open_graph(session)
    view = page.locator("figure.kb-graph--global .kb-view")
    scale = "el => el.transform.baseVal.consolidate() ? el.transform.baseVal.consolidate().matrix.a : 1"
    page.click("figure.kb-graph--global .kb-zoom-in")
    assert view.evaluate(scale) == pytest.approx(1.5)
    page.locator("figure.kb-graph--global svg.kb-graph-svg").focus()
    page.keyboard.press("+")
    assert view.evaluate(scale) == pytest.approx(2.25)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert view.evaluate(scale) == pytest.approx(1.0)
    box = page.locator("figure.kb-graph--global svg.kb-graph-svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function("document.querySelector('figure.kb-graph--global svg').dataset.z !== '0'")
    assert view.evaluate(scale) > 1.5
    page.click("figure.kb-graph--global .kb-fit")
    assert view.evaluate(scale) == pytest.approx(1.0)
    session.check()


def test_dragging_pans_without_opening_a_card(session: Session) -> None:
    page = _open_graph(session)
    dot = page.locator(_node("reflective-practice") + " circle").bounding_box()
    page.mouse.move(dot["x"] + 2, dot["y"] + 2)
    page.mouse.down()
    page.mouse.move(dot["x"] + 80, dot["y"] + 60, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.url.endswith("/graph/")
    after = page.locator(_node("reflective-practice") + " circle").bounding_box()
    assert after["x"] - dot["x"] == pytest.approx(78, abs=3)
    session.check()


def test_local_graph_shows_the_neighbours_then_depth_two(session: Session) -> None:
    page = session.page
    page.goto(session.base + "concepts/community-of-practice/")
    page.wait_for_selector("figure.kb-graph--local[data-kb-ready]")
    neighbours = {"peripheral-participation", "situated-learning", "teacher-network"}
    assert _visible_ids(page, "local") == {"community-of-practice", *neighbours}
    page.check("figure.kb-graph--local .kb-depth-switch")
    assert _visible_ids(page, "local") == {"community-of-practice", "reflective-practice", *neighbours}
    scale = "el => el.transform.baseVal.consolidate().matrix.a"
    assert page.locator("figure.kb-graph--local .kb-view").evaluate(scale) < 1  # zoomed out to show them
    for card in ("reflective-practice", "teacher-network"):
        box = page.locator(_node(card, "local") + " circle").bounding_box()
        frame = page.locator("figure.kb-graph--local svg.kb-graph-svg").bounding_box()
        assert frame["x"] <= box["x"] <= frame["x"] + frame["width"], card
        assert frame["y"] <= box["y"] <= frame["y"] + frame["height"], card
    page.uncheck("figure.kb-graph--local .kb-depth-switch")
    assert _visible_ids(page, "local") == {"community-of-practice", *neighbours}
    page.locator(_node("situated-learning", "local") + " circle").hover()
    tip = page.locator("figure.kb-graph--local .kb-graph-tip")
    assert "Apprendre, c'est participer à une pratique sociale." in tip.inner_text()
    page.click(".kb-lang-switch button[data-lang=en]")
    page.locator(_node("peripheral-participation", "local") + " circle").hover()
    label = page.locator(_node("peripheral-participation", "local") + " text[lang=en]").text_content()
    assert label == "Legitimate peripheral participati…"  # cut in the picture
    assert tip.inner_text().startswith("Legitimate peripheral participation\n")  # the tooltip has it whole
    session.check()


def test_scripts_work_after_instant_navigation(session: Session) -> None:
    page = session.page
    page.goto(session.base)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.kbMarker = 'no reload'")
    page.click("a.md-nav__link[href$='/concepts/']")
    page.wait_for_url("**/concepts/")
    page.click("article a:visible:text-is('Communauté de pratique')")
    page.wait_for_url("**/concepts/community-of-practice/")
    page.wait_for_selector("figure.kb-graph--local[data-kb-ready]")
    page.check("figure.kb-graph--local .kb-depth-switch")
    assert "reflective-practice" in _visible_ids(page, "local")
    page.click("a.md-nav__link[href$='/graph/']")
    page.wait_for_url("**/graph/")
    page.wait_for_selector("figure.kb-graph--global[data-kb-ready]")
    assert page.evaluate("window.kbMarker") == "no reload"
    page.click("figure.kb-graph--global .kb-zoom-in")
    scale = "el => el.transform.baseVal.consolidate().matrix.a"
    assert page.locator("figure.kb-graph--global .kb-view").evaluate(scale) == pytest.approx(1.5)
    page.uncheck("figure.kb-graph--global input[data-theme=learning]")
    assert "reflective-practice" not in _visible_ids(page, "global")
    page.click("figure.kb-graph--global .kb-fit")  # the zoom may have moved the node out of the frame
    page.locator(_node("teacher-network") + " circle").click()
    page.wait_for_url("**/concepts/teacher-network/")
    page.wait_for_selector("figure.kb-graph--local[data-kb-ready]")
    assert page.evaluate("window.kbMarker") == "no reload"
    assert page.locator("figure[data-kb-ready]").count() == 1
    session.check()


def test_without_javascript_the_picture_is_drawn_in_the_first_language(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "graph/")
    assert page.locator("figure.kb-graph--global .kb-node").count() == len(CARDS)
    assert page.locator("figure.kb-graph--global text[lang=fr]:visible").count() > 0
    assert page.locator("figure.kb-graph--global text[lang=en]:visible").count() == 0
    assert not page.locator(".kb-graph-tools").first.is_visible()
    page.locator(_node("situated-learning") + " circle").click()
    page.wait_for_url("**/concepts/situated-learning/")  # SVG links work without the script
    context.close()
