"""The graph pictures as generated: SVG golden files, label placement, caps, links and safety.

After an intended change, rewrite the golden SVGs with ``BUILD_KB_UPDATE_GOLDEN=1 pytest tests/site``
and look at them (they open in a browser) before committing.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from build_kb.graph.layout import compute_layout
from build_kb.model import KnowledgeBase
from build_kb.pipeline import Loaded, load_project
from build_kb.relations import RELATION_TYPES
from build_kb.render import SiteOptions, render_site
from build_kb.render.context import SiteContext
from build_kb.render.graph_labels import HIDDEN_LEVEL, NODE_GROWTH, Label, label_box, label_levels, place_labels
from build_kb.render.graph_svg import GLOBAL_FONT, global_svg, root_prefix
from build_kb.render.graph_view import RELATION_STYLES, GraphView
from build_kb.render.local_graph import DEPTH1_CAP, DEPTH2_CAP, local_graph
from build_kb.render.urls import html_link, page_url
from tests.site.helpers import check_golden
from tests.site.synthetic import write_kb

NODE_RE = re.compile(
    r'<(a|g) class="kb-node[^"]*"(?: role="[a-z]+")?(?: xlink:href="(?P<href>[^"]*)")?[^>]*data-id="(?P<id>[^"]*)"'
)
GROUP_RE = re.compile(r'<g class="kb-rel kb-rel-[a-z_]+" data-rel="(?P<rel>[a-z_]+)" data-edges="(?P<edges>[\d ]*)"')


def _view(kb: KnowledgeBase, directory_urls: bool = True, lang: str = "") -> GraphView:
    site = SiteContext(kb, SiteOptions(languages=kb.languages, directory_urls=directory_urls, language=lang))
    return GraphView(site, compute_layout(kb))


def _ids(svg: str) -> list[str]:
    return [match.group("id") for match in NODE_RE.finditer(svg)]


def test_every_relation_type_has_a_line_style() -> None:
    assert list(RELATION_STYLES) == list(RELATION_TYPES)
    dashes = [(style.dash, style.arrow, style.width) for style in RELATION_STYLES.values()]
    assert len(set(dashes)) == len(dashes), "two relation types are drawn alike"
    for name, style in RELATION_STYLES.items():
        assert style.arrow is not RELATION_TYPES[name].symmetric, name


def test_svg_golden_files(small_loaded: Loaded) -> None:
    view = _view(small_loaded.kb)
    check_golden("svg/graph.svg", global_svg(view, "graph/index.md") + "\n")
    for card_id, uri in view.site.card_uris.items():
        local = local_graph(view, card_id, uri)
        if local.svg:
            check_golden(f"svg/local-{card_id}.svg", local.svg + "\n")


def test_global_picture_draws_every_card_and_relation_once(small_loaded: Loaded) -> None:
    kb = small_loaded.kb
    view = _view(kb)
    svg = global_svg(view, "graph/index.md")
    ids = _ids(svg)
    assert sorted(ids) == sorted(kb.cards)
    edges = set()
    for group in GROUP_RE.finditer(svg):
        numbers = [int(n) for n in group.group("edges").split()]
        edges |= {(ids[s], ids[t], group.group("rel")) for s, t in zip(numbers[::2], numbers[1::2], strict=True)}
    assert edges == {(e.source, e.target, e.type) for e in view.edges}
    assert svg.count('<path class="kb-lines"') == len({e.type for e in view.edges})  # one path per type
    for match in NODE_RE.finditer(svg):
        card = kb.cards[match.group("id")]
        folder = "themes" if card.kind == "theme" else "concepts"
        assert match.group("href") == f"../{folder}/{card.id}/"
    # SVG links are xlink:href: Material's instant navigation breaks on a plain href on an SVG <a>.
    assert not re.search(r"<a [^>]*\shref=", svg)
    assert "<script" not in svg and not re.search(r"\son\w+=", svg)
    assert ">Communauté de pratique</text>" in svg and "Community of practice" not in svg  # the tree's language
    english = global_svg(_view(kb, lang="en"), "graph/index.md")
    assert ">Community of practice</text>" in english and "Communauté de pratique" not in english


def test_local_picture_holds_the_neighbours_and_hides_depth_two(small_loaded: Loaded) -> None:
    view = _view(small_loaded.kb, lang="en")
    local = local_graph(view, "community-of-practice", "concepts/community-of-practice.md")
    nodes = {m.group("id"): m.group(0) for m in NODE_RE.finditer(local.svg)}
    neighbours = set(view.neighbours["community-of-practice"])
    assert neighbours == {"peripheral-participation", "situated-learning", "teacher-network"}
    assert {i for i, tag in nodes.items() if "kb-d1" in tag} == neighbours
    assert {i for i, tag in nodes.items() if "kb-center" in tag} == {"community-of-practice"}
    depth2 = {i for i, tag in nodes.items() if "kb-d2" in tag}
    assert depth2 == {"reflective-practice"} and local.depth2 == 1
    assert 'xlink:href="../../concepts/situated-learning/"' in local.svg
    assert 'data-summary-en="Newcomers learn by taking part at the margins."' in local.svg
    assert "<script" not in local.svg and not re.search(r"\son\w+=", local.svg)


def _hub_kb(folder: Path, spokes: int) -> KnowledgeBase:
    """One hub related to ``spokes`` cards, each also related to two cards of their own."""
    concepts = folder / "concepts"
    concepts.mkdir(parents=True)
    (folder / "references").mkdir()

    def card(card_id: str, related: list[str]) -> str:
        relations = f"relations: {{related: [{', '.join(related)}]}}\n" if related else ""
        return (
            f"id: {card_id}\nkind: concept\nthemes: [t]\nlabel: {{fr: {card_id}, en: {card_id}}}\n"
            f"summary: {{fr: Résumé., en: Summary.}}\ndefinition: {{fr: Définition., en: Definition.}}\n{relations}"
        )

    (concepts / "t.yaml").write_text(
        "id: t\nkind: theme\nlabel: {fr: T, en: T}\nsummary: {fr: T., en: T.}\ndefinition: {fr: T., en: T.}\n",
        encoding="utf-8",
    )
    (concepts / "hub.yaml").write_text(card("hub", [f"s{n:03d}" for n in range(spokes)]), encoding="utf-8")
    for n in range(spokes):
        (concepts / f"s{n:03d}.yaml").write_text(card(f"s{n:03d}", [f"f{n:03d}a", f"f{n:03d}b"]), encoding="utf-8")
        for leaf in "ab":
            (concepts / f"f{n:03d}{leaf}.yaml").write_text(card(f"f{n:03d}{leaf}", []), encoding="utf-8")
    return load_project(folder).kb


def test_a_card_without_relations_has_no_local_graph(tmp_path: Path) -> None:
    kb = _hub_kb(tmp_path / "kb", 1)
    assert local_graph(_view(kb), "t", "themes/t.md").svg == ""  # the theme has no written relation
    pages = render_site(kb).pages
    assert "kb-graph--local" in pages["concepts/f000a.md"].full()  # linked from s000
    assert "kb-graph--local" not in pages["themes/t.md"].full()


def test_local_picture_is_capped_so_card_pages_stay_small(tmp_path: Path) -> None:
    kb = _hub_kb(tmp_path / "hub", 70)
    view = _view(kb)
    local = local_graph(view, "hub", "concepts/hub.md")
    assert (local.depth1, local.more1) == (DEPTH1_CAP, 70 - DEPTH1_CAP)
    assert (local.depth2, local.more2) == (DEPTH2_CAP, 2 * DEPTH1_CAP - DEPTH2_CAP)
    assert len(_ids(local.svg)) == 1 + DEPTH1_CAP + DEPTH2_CAP
    small = len(local_graph(_view(_hub_kb(tmp_path / "small", 45)), "hub", "concepts/hub.md").svg)
    assert len(local.svg) <= small * 1.1, (small, len(local.svg))
    page = render_site(kb).pages["concepts/hub.md"].full()
    english = render_site(kb, SiteOptions(languages=kb.languages, language="en")).pages["concepts/hub.md"].full()
    more = local.more1 + local.more2
    assert f"{more} de plus ne sont pas dessinés" in page and f"{more} more are not drawn" in english
    assert 'href="../../graph/"' in page


def _overlaps(boxes: list[tuple[float, float, float, float]]) -> int:
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    )


def _covered_dots(boxes: list[tuple[int, tuple[float, float, float, float]]], labels: list[Label], zoom: float) -> int:
    """How many (label, other node's circle) pairs touch at ``zoom``: circles are drawn at ``zoom ** (growth - 1)``."""
    scale = zoom ** (NODE_GROWTH - 1)
    found = 0
    for owner, (x0, y0, x1, y1) in boxes:
        for index, node in enumerate(labels):
            dx = node.x - min(max(node.x, x0), x1)
            dy = node.y - min(max(node.y, y0), y1)
            found += index != owner and dx * dx + dy * dy < (node.radius * scale) ** 2
    return found


@pytest.mark.parametrize("count", [30, 400])  # below and above the size where a grid is used
def test_labels_shown_at_a_zoom_never_overlap_nor_cover_a_dot(count: int) -> None:
    """At every zoom a label shows, it covers no other node's circle (it would take that node's pointing and click)."""
    rng = random.Random(count)
    labels = [
        Label(rng.uniform(0, 1000), rng.uniform(0, 1000), rng.uniform(3, 9), rng.randint(5, 30), rng.random() < 0.2)
        for _ in range(count)
    ]
    labels = [replace(label, either=number % 2 == 0, layer=0) for number, label in enumerate(labels)]
    placed = place_labels(labels, GLOBAL_FONT)
    assert [level for level, _ in placed] == label_levels(labels, GLOBAL_FONT)
    assert all(left == label.left for label, (_, left) in zip(labels, placed, strict=True) if not label.either)
    assert any(left != label.left for label, (_, left) in zip(labels, placed, strict=True))  # some moved over
    assert {level for level, _ in placed} >= {0, 1}
    sided = [replace(label, left=left) for label, (_, left) in zip(labels, placed, strict=True)]
    for level in range(HIDDEN_LEVEL):
        for zoom in (2**level, 2 ** (level + 0.5), 2 ** (level + 1) - 0.01):  # at the step, and before the next
            shown = [
                (index, label_box(label, GLOBAL_FONT, zoom))
                for index, (label, (lv, _)) in enumerate(zip(sided, placed, strict=True))
                if lv <= level
            ]
            if zoom == 2**level:
                assert _overlaps([box for _, box in shown]) == 0, level
            assert _covered_dots(shown, labels, zoom) == 0, zoom
    assert placed == place_labels(labels, GLOBAL_FONT)


def test_a_label_keeps_clear_of_the_circles_of_its_layer_and_below() -> None:
    """A circle shown on demand (a higher layer) does not push back a label shown without it; no layer, no circle."""
    label = Label(0, 0, 4, 10)  # at zoom 1 its box runs from x = 7 to 85
    dot = Label(40, 0, 4, 3, left=True)

    def level(own: int | None, other: int | None) -> int:
        return label_levels([replace(label, layer=own), replace(dot, layer=other)], GLOBAL_FONT)[0]

    assert level(0, 0) == 2  # until zoom 4 the label reaches the dot
    assert level(1, 0) == 2
    assert level(0, 1) == 0
    assert level(None, None) == 0
    assert place_labels([replace(label, layer=0, either=True), replace(dot, layer=0)], GLOBAL_FONT)[0] == (0, True)


@pytest.mark.parametrize(
    ("uri", "directory", "url"),
    [
        ("concepts/x.md", True, "concepts/x/"),
        ("concepts/x.md", False, "concepts/x.html"),
        ("graph/index.md", True, "graph/"),
        ("graph/index.md", False, "graph/index.html"),
        ("index.md", True, ""),
        ("graph/page/2.md", True, "graph/page/2/"),
        ("graph.json", True, "graph.json"),
    ],
)
def test_page_urls(uri: str, directory: bool, url: str) -> None:
    assert page_url(uri, directory) == url


@pytest.mark.parametrize(
    ("page", "target", "directory", "link"),
    [
        ("graph/index.md", "concepts/x.md", True, "../concepts/x/"),
        ("graph/index.md", "concepts/x.md", False, "../concepts/x.html"),
        ("graph/index.md", "graph.json", True, "../graph.json"),
        ("concepts/y.md", "graph/index.md", True, "../../graph/"),
        ("concepts/y.md", "graph/index.md", False, "../graph/index.html"),
        ("concepts/y.md", "concepts/x.md", True, "../x/"),
        ("index.md", "graph/index.md", True, "graph/"),
    ],
)
def test_html_links(page: str, target: str, directory: bool, link: str) -> None:
    assert html_link(page, target, directory) == link


@pytest.mark.parametrize(
    ("page", "directory", "prefix"),
    [
        ("concepts/x.md", True, "../../"),
        ("concepts/x.md", False, "../"),
        ("graph/index.md", True, "../"),
        ("index.md", True, ""),
    ],
)
def test_root_prefix(page: str, directory: bool, prefix: str) -> None:
    assert root_prefix(page, directory) == prefix


def test_links_follow_use_directory_urls(small_loaded: Loaded) -> None:
    svg = global_svg(_view(small_loaded.kb, directory_urls=False), "graph/index.md")
    assert 'xlink:href="../concepts/situated-learning.html"' in svg


def test_relations_table_is_paginated_and_the_picture_is_the_only_growing_page(tmp_path: Path) -> None:
    kb = load_project(write_kb(tmp_path / "kb", 260)).kb
    pages = render_site(kb, SiteOptions(per_page=50, list_cap=50)).pages
    edges = len(_view(kb).edges)
    later = sorted((uri for uri in pages if uri.startswith("graph/page/")), key=lambda uri: int(uri[11:-3]))
    assert later == [f"graph/page/{n}.md" for n in range(2, -(-edges // 50) + 1)]
    assert len(re.findall(r'class="kb-node[ "]', pages["graph/index.md"].full())) == len(kb.cards)
    rows = pages["graph/page/2.md"].full().count("<tr><td>")
    assert rows == 50  # one language a tree
    assert pages["graph/page/2.md"].meta == {"search": {"exclude": True}}  # later pages stay out of search
