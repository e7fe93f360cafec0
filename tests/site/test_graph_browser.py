"""The graph pictures in a real Chromium: nodes, click, filters, search, local graph, instant navigation.

The behaviour every knowledge base must have (one node per card, a click opens the card,
theme filters, a local graph of exactly the card's neighbours) is checked on two projects:
the ``small`` fixture and the shipped knowledge base (the repository's ``mkdocs.yml``,
``concepts/``, ``references/`` and ``docs/``, copied and built once per session). What
to expect is computed from the cards as :func:`~build_kb.pipeline.load_project` loads
them, never from the built pages. Finer checks tied to known cards run on ``small`` only.

Same launch flags and skip rule as ``test_browser.py``: skipped without ``/usr/bin/chromium``,
failed on CI (``CI=true``). Every test records console errors, page errors and requests,
and ends by checking that there were no errors and that nothing left 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from build_kb.model import KnowledgeBase
from build_kb.pipeline import load_project
from build_kb.relations import RELATION_TYPES
from tests.browser_support import chromium, require_chromium, serve
from tests.site.helpers import FIXTURES, REPO, build_site

CARDS = [
    "community-of-practice",
    "learning",
    "networks",
    "peripheral-participation",
    "reflective-practice",
    "situated-learning",
    "teacher-network",
]
REPO_PARTS = ("concepts", "references", "docs")
"""What the shipped knowledge base is made of, besides its ``mkdocs.yml``."""

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Project:
    """A project built with ``site_url`` at its server's address and served on 127.0.0.1, with its cards."""

    name: str
    base: str
    kb: KnowledgeBase


@contextmanager
def _served(tmp_path_factory: pytest.TempPathFactory, name: str, copy: Callable[[Path], object]) -> Iterator[Project]:
    """Copy a project to a temp folder, point its ``site_url`` at the server, load it, build it, serve it.

    Material's instant navigation only follows links it finds in sitemap.xml, whose URLs it
    takes from ``site_url`` with the page's host (not its port): served anywhere else, every
    link reloads the page and the re-initialisation on instant navigation goes untested.
    The cards are loaded from the same copy that is built, so expectations match the site.
    """
    require_chromium()
    folder = tmp_path_factory.mktemp(f"graph-browser-{name}")
    site = folder / "site"
    site.mkdir()
    project = folder / name
    copy(project)
    with serve(site) as base:
        config = project / "mkdocs.yml"
        text, found = re.subn(r"(?m)^site_url: .*$", f"site_url: {base}", config.read_text(encoding="utf-8"))
        assert found == 1, "mkdocs.yml has no site_url line to point at the server"
        config.write_text(text, encoding="utf-8")
        loaded = load_project(project)
        assert not loaded.failed(), loaded.diagnostics
        built = build_site(project, site)
        assert not built.aborted, built.problems
        yield Project(name, base, loaded.kb)


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """The small fixture: every relation kind, two themes, a card in both."""
    with _served(tmp_path_factory, "small", lambda target: shutil.copytree(FIXTURES / "small", target)) as served:
        assert sorted(served.kb.cards) == CARDS
        yield served


def _copy_repo(target: Path) -> None:
    target.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for part in REPO_PARTS:
        shutil.copytree(REPO / part, target / part)


@pytest.fixture(scope="module")
def repo_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """The shipped knowledge base, copied (nothing is written into the repository) and built once."""
    with _served(tmp_path_factory, "repo", _copy_repo) as served:
        yield served


@pytest.fixture(params=["small", "repo"])
def project(request: pytest.FixtureRequest) -> Project:
    """Each project in turn; ``SMALL_ONLY`` narrows a test to the small fixture."""
    served: Project = request.getfixturevalue(f"{request.param}_project")
    return served


SMALL_ONLY = pytest.mark.parametrize("project", ["small"], indirect=True)
"""For tests that name the small fixture's cards."""


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
def session(browser: Any, project: Project) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")  # the French tree
    page = context.new_page()
    found = Session(page, project.base)
    page.on("console", lambda message: found.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.errors.append(str(error)))
    page.on("request", lambda request: found.requests.append(request.url))
    yield found
    context.close()


# What the pictures must show, from the loaded cards (not from the graph code that draws them).


def _theme_ids(kb: KnowledgeBase) -> list[str]:
    return [card.id for card in kb.themes()]


def _drawn_themes(kb: KnowledgeBase, card_id: str) -> set[str]:
    """The themes a card's node belongs to for the filters: a theme card its own, another card its themes."""
    card = kb.cards[card_id]
    return {card.id} if card.kind == "theme" else set(card.themes) & set(_theme_ids(kb))


def _relations(kb: KnowledgeBase) -> set[tuple[str, str, str]]:
    """Every relation between two cards as ``(type, a, b)``: a symmetric one written from both ends counts once."""
    found: set[tuple[str, str, str]] = set()
    for card in kb.cards.values():
        for rel_type, targets in card.relations.items():
            for target in targets:
                if target == card.id or target not in kb.cards:
                    continue
                a, b = card.id, target
                if RELATION_TYPES[rel_type].symmetric:
                    a, b = sorted((a, b))
                found.add((rel_type, a, b))
    return found


def _between(relations: set[tuple[str, str, str]], cards: set[str]) -> set[tuple[str, str, str]]:
    return {r for r in relations if r[1] in cards and r[2] in cards}


def _neighbours(kb: KnowledgeBase, card_id: str) -> set[str]:
    """The cards a relation links to ``card_id``, written by it or by them."""
    return {b if a == card_id else a for _, a, b in _relations(kb) if card_id in (a, b)}


def _incoming_only(kb: KnowledgeBase, card_id: str) -> set[str]:
    """The neighbours that only the other card's relations name: found from the target's side alone."""
    written = {target for targets in kb.cards[card_id].relations.values() for target in targets}
    return _neighbours(kb, card_id) - written


def _card_pages(kb: KnowledgeBase) -> list[str]:
    """The cards with a concept page (themes have theme pages), sorted."""
    return [card_id for card_id, card in sorted(kb.cards.items()) if card.kind != "theme"]


def _page_of(kb: KnowledgeBase, card_id: str) -> str:
    return f"{'themes' if kb.cards[card_id].kind == 'theme' else 'concepts'}/{card_id}/"


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


def test_graph_page_shows_one_node_per_card(session: Session, project: Project) -> None:
    page = _open_graph(session)
    drawn = page.locator("figure.kb-graph--global .kb-node").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-id'))"
    )
    assert sorted(drawn) == sorted(project.kb.cards)  # each card once, no other node
    assert _visible_ids(page, "global") == set(project.kb.cards)
    assert _drawn_edges(page) == len(_relations(project.kb))
    labels = set(page.locator("figure.kb-graph--global text:visible").all_text_contents())
    french = {card.label["fr"] for card in project.kb.cards.values()}
    english = {card.label["en"] for card in project.kb.cards.values()} - french
    assert labels and labels <= french and not labels & english  # the French tree's labels
    page.goto(session.base + "en/graph/")
    page.wait_for_selector("figure.kb-graph--global[data-kb-ready]")
    labels = set(page.locator("figure.kb-graph--global text:visible").all_text_contents())
    assert labels and not labels & (french - {card.label["en"] for card in project.kb.cards.values()})
    session.check()


_OWN_POINT = """node => {
    // A point of the node's dot where a click reaches the node itself, while it is highlighted as
    // under the pointer (its neighbours' labels show then, and may lie over its dot).
    node.scrollIntoView({block: "center", behavior: "instant"});
    node.focus({preventScroll: true});
    const dot = node.querySelector("circle:last-of-type").getBoundingClientRect();
    const x = dot.left + dot.width / 2, y = dot.top + dot.height / 2, r = dot.width / 2;
    for (const f of [0, 0.5, 0.8]) {
        for (let a = 0; a < 8; a++) {
            const p = {x: x + f * r * Math.cos(a * Math.PI / 4), y: y + f * r * Math.sin(a * Math.PI / 4)};
            const hit = document.elementFromPoint(p.x, p.y);
            if (hit && hit.closest(".kb-node") === node) return p;
            if (f === 0) break;
        }
    }
    return null;
}"""


def _clickable_point(page: Any, card_id: str) -> Any:
    """Where on the card's dot a click reaches the card (``None`` when nowhere)."""
    return page.locator(_node(card_id)).evaluate(_OWN_POINT)


def test_clicking_a_node_opens_its_card(session: Session, project: Project) -> None:
    kb = project.kb
    by_links = sorted(_card_pages(kb), key=lambda card_id: (-len(_neighbours(kb, card_id)), card_id))
    page = _open_graph(session)
    concept = by_links[0]  # the most linked card, in the thick of the graph: no label may cover its dot
    page.evaluate("window.kbMarker = 'still here'")
    for number, card_id in enumerate((concept, _theme_ids(kb)[0])):
        if number:  # back to the graph by the menu: the picture is set up again after instant navigation
            page.click("a.md-nav__link[href$='/graph/']")
            page.wait_for_url(session.base + "graph/")
            page.wait_for_selector("figure.kb-graph--global[data-kb-ready]")
        point = _clickable_point(page, card_id)
        assert point, f"no point of {card_id}'s dot can be clicked"
        page.mouse.click(point["x"], point["y"])
        page.wait_for_url(session.base + _page_of(kb, card_id))
        label = kb.cards[card_id].label["fr"]
        page.locator("article h1#fr-title").filter(has_text=label).wait_for()  # the card's page, swapped in
        assert page.locator("article h1#fr-title").text_content() == label
        assert page.evaluate("window.kbMarker") == "still here"  # Material's instant navigation, no reload
    session.check()


def test_the_centre_of_every_dot_reaches_its_own_card(session: Session, project: Project) -> None:
    """What a pointer at the centre of each dot reaches, before and while the card is highlighted."""
    page = _open_graph(session)
    missed = page.locator("figure.kb-graph--global .kb-node").evaluate_all(
        """nodes => {
            const owner = (node) => {
                const dot = node.querySelector("circle:last-of-type").getBoundingClientRect();
                const hit = document.elementFromPoint(dot.left + dot.width / 2, dot.top + dot.height / 2);
                const found = hit && hit.closest(".kb-node");
                return found ? found.getAttribute("data-id") : String(hit && hit.tagName);
            };
            const missed = {};
            for (const node of nodes) {
                const id = node.getAttribute("data-id");
                node.scrollIntoView({block: "center", behavior: "instant"});
                const before = owner(node);
                node.focus({preventScroll: true});  // highlighted as under the pointer: its neighbours' labels show
                const during = owner(node);
                node.blur();
                if (before !== id || during !== id) missed[id] = [before, during];
            }
            return missed;
        }"""
    )
    assert page.locator("figure.kb-graph--global .kb-node").count() == len(project.kb.cards)
    assert missed == {}
    session.check()


@SMALL_ONLY
def test_enter_on_a_focused_node_opens_its_card(session: Session) -> None:
    page = _open_graph(session)
    page.locator(_node("teacher-network")).focus()
    assert page.locator("figure.kb-graph--global .kb-graph-tip").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/concepts/teacher-network/")
    session.check()


@SMALL_ONLY
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
        == 3
    )  # broader, related, example of (teacher-network's example_of is no longer repeated as related)
    tip = page.locator("figure.kb-graph--global .kb-graph-tip")
    tip.filter(has_text="Un groupe qui partage une pratique").wait_for()  # the summary, from graph.json
    assert "Communauté de pratique" in tip.inner_text()
    session.check()


def test_a_theme_filter_hides_the_other_themes_nodes(session: Session, project: Project) -> None:
    kb = project.kb
    themes = _theme_ids(kb)
    relations = _relations(kb)
    page = _open_graph(session)
    offered = page.locator("figure.kb-graph--global input[data-theme]").evaluate_all(
        "inputs => inputs.map(i => i.getAttribute('data-theme'))"
    )
    assert sorted(offered) == themes
    unthemed = {card_id for card_id in kb.cards if not _drawn_themes(kb, card_id)}
    for kept in themes:
        for theme in themes:
            page.set_checked(f"figure.kb-graph--global input[data-theme={theme}]", theme == kept)
        # A card stays while one of its themes is shown (a card in two themes too); a card in no theme always.
        shown = {card_id for card_id in kb.cards if kept in _drawn_themes(kb, card_id)} | unthemed
        assert shown != set(kb.cards), f"theme {kept} holds every card: nothing to hide"
        assert _visible_ids(page, "global") == shown, kept
        assert _drawn_edges(page) == len(_between(relations, shown)), kept
    page.uncheck(f"figure.kb-graph--global input[data-theme={themes[-1]}]")  # the last one shown
    assert _visible_ids(page, "global") == unthemed
    for theme in themes:
        page.check(f"figure.kb-graph--global input[data-theme={theme}]")
    assert _visible_ids(page, "global") == set(kb.cards)
    assert _drawn_edges(page) == len(relations)
    page.uncheck("figure.kb-graph--global input[data-rel=related]")
    assert page.locator("figure.kb-graph--global .kb-rel-related path:visible").count() == 0
    others = {rel_type for rel_type, _, _ in relations} - {"related"}
    assert others
    for rel_type in others:
        assert page.locator(f"figure.kb-graph--global .kb-rel-{rel_type} .kb-lines:visible").count() == 1, rel_type
    assert _drawn_edges(page) == len([r for r in relations if r[0] != "related"])
    session.check()


@SMALL_ONLY
def test_search_finds_and_centres_a_card(session: Session) -> None:
    page = _open_graph(session)
    search = page.locator("figure.kb-graph--global .kb-graph-search")
    for query, card in (("apprentissage situe", "situated-learning"), ("reseau d'ens", "teacher-network")):
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


@SMALL_ONLY
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


@SMALL_ONLY
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


def _local_cards(kb: KnowledgeBase) -> list[str]:
    """The cards whose local graph is checked: the one with the most neighbours that only they name
    (found from the other side alone), and the one with the fewest neighbours."""
    linked = [card_id for card_id in _card_pages(kb) if _neighbours(kb, card_id)]
    incoming = min(linked, key=lambda card_id: (-len(_incoming_only(kb, card_id)), card_id))
    fewest = min(linked, key=lambda card_id: (len(_neighbours(kb, card_id)), card_id))
    return list(dict.fromkeys((incoming, fewest)))


def test_local_graph_shows_exactly_the_neighbours(session: Session, project: Project) -> None:
    kb = project.kb
    relations = _relations(kb)
    page = session.page
    chosen = _local_cards(kb)
    assert _incoming_only(kb, chosen[0]), "no card has a neighbour it does not name itself"
    for card_id in chosen:
        page.goto(session.base + f"concepts/{card_id}/")
        page.wait_for_selector("figure.kb-graph--local[data-kb-ready]")
        near = {card_id} | _neighbours(kb, card_id)
        assert _visible_ids(page, "local") == near, card_id
        lines = page.locator("figure.kb-graph--local .kb-edges .kb-lines:visible").evaluate_all(
            "ps => ps.map(p => p.getAttribute('d'))"
        )
        assert sum(d.count("M") for d in lines) == len(_between(relations, near)), card_id
    session.check()


@SMALL_ONLY
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
    page.goto(session.base + "en/concepts/community-of-practice/")  # the English tree
    page.wait_for_selector("figure.kb-graph--local[data-kb-ready]")
    tip = page.locator("figure.kb-graph--local .kb-graph-tip")
    page.locator(_node("peripheral-participation", "local") + " circle").hover()
    label = page.locator(_node("peripheral-participation", "local") + " text").text_content()
    assert label == "Legitimate peripheral participati…"  # cut in the picture
    assert tip.inner_text().startswith("Legitimate peripheral participation\n")  # the tooltip has it whole
    session.check()


@SMALL_ONLY
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
    # Material's language selector, after instant navigation: the page the reader is on, in English.
    page.hover(".md-header__option .md-select")
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(session.base + "en/concepts/teacher-network/")
    assert page.locator("html").get_attribute("lang") == "en"
    session.check()


def test_without_javascript_the_picture_is_drawn_in_the_first_language(browser: Any, small_project: Project) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_project.base + "graph/")
    assert page.locator("figure.kb-graph--global .kb-node").count() == len(CARDS)
    assert page.locator("figure.kb-graph--global text:visible").count() > 0
    assert page.locator("figure.kb-graph--global text:text-is('Community of practice')").count() == 0
    assert not page.locator(".kb-graph-tools").first.is_visible()
    page.locator(_node("situated-learning") + " circle").click()
    page.wait_for_url("**/concepts/situated-learning/")  # SVG links work without the script
    context.close()
