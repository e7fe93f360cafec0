"""A card's local graph on a hub: capped, bounded in size, the closest neighbours kept, and stable.

A card with hundreds of relations must not make its page grow: the picture draws at most
``DEPTH1_CAP`` neighbours and ``DEPTH2_CAP`` neighbours of neighbours, and the caption says
how many are left out, with a link to the whole graph.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from build_kb.diagnostics import Severity
from build_kb.graph.layout import compute_layout
from build_kb.model import KnowledgeBase
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions
from build_kb.render.context import SiteContext
from build_kb.render.graph_labels import Label, grid_levels, label_levels
from build_kb.render.graph_page import local_graph_section
from build_kb.render.graph_view import GraphView
from build_kb.render.local_graph import DEPTH1_CAP, DEPTH2_CAP, LOCAL_FONT, local_graph

NODE_RE = re.compile(r'<(?:a|g) class="kb-node (?P<classes>[^"]*)"[^>]*data-id="(?P<id>[^"]*)"')
GROUP_RE = re.compile(r'<g class="kb-rel kb-rel-[a-z_]+" data-rel="(?P<rel>[a-z_]+)" data-edges="(?P<edges>[\d ]*)"')
LEAVES = 3
"""Related cards of each of the first narrower cards: more neighbours of neighbours than the cap."""
WITH_LEAVES = 30


def _card(card_id: str, relations: str = "") -> str:
    return (
        f"id: {card_id}\nkind: concept\nthemes: [t]\nlabel: {{fr: Fiche {card_id}, en: Card {card_id}}}\n"
        f"summary: {{fr: Résumé de la fiche {card_id}., en: Summary of card {card_id}.}}\n"
        f"definition: {{fr: Définition., en: Definition.}}\n{relations}"
    )


def _star_kb(folder: Path, narrower: int) -> KnowledgeBase:
    """A hub with a broader card, a related card and ``narrower`` narrower cards.

    The first :data:`WITH_LEAVES` narrower cards are related to :data:`LEAVES` cards each:
    they are the best linked, so they are the ones drawn, and their leaves are more than
    the outer ring holds.
    """
    concepts = folder / "concepts"
    concepts.mkdir(parents=True)
    (folder / "references").mkdir()
    files = {
        "t": "id: t\nkind: theme\nlabel: {fr: T, en: T}\nsummary: {fr: T., en: T.}\ndefinition: {fr: T., en: T.}\n",
        "hub": _card("hub", "relations: {broader: [parent], related: [peer]}\n"),
        "parent": _card("parent"),
        "peer": _card("peer"),
    }
    for n in range(narrower):
        leaves = [f"n{n:03d}-{k}" for k in range(LEAVES if n < WITH_LEAVES else 0)]
        related = f", related: [{', '.join(leaves)}]" if leaves else ""
        files[f"n{n:03d}"] = _card(f"n{n:03d}", f"relations: {{broader: [hub]{related}}}\n")
        files.update({leaf: _card(leaf) for leaf in leaves})
    for name, text in files.items():
        (concepts / f"{name}.yaml").write_text(text, encoding="utf-8")
    loaded = load_project(folder)
    assert not [d for d in loaded.diagnostics if d.severity is Severity.ERROR]  # warnings: no citations
    return loaded.kb


def _view(kb: KnowledgeBase) -> GraphView:
    return GraphView(SiteContext(kb, SiteOptions(languages=kb.languages)), compute_layout(kb))


def _view_seeded(kb: KnowledgeBase, seed: int) -> GraphView:
    """A view of ``kb`` on another layout of the whole graph."""
    return GraphView(SiteContext(kb, SiteOptions(languages=kb.languages)), compute_layout(kb, seed=seed))


@pytest.fixture(scope="module")
def star(tmp_path_factory: pytest.TempPathFactory) -> GraphView:
    """A hub of 200 narrower cards."""
    return _view(_star_kb(tmp_path_factory.mktemp("star"), 200))


def _nodes(svg: str) -> dict[str, str]:
    return {match.group("id"): match.group("classes") for match in NODE_RE.finditer(svg)}


def test_a_hub_draws_at_most_the_caps_and_says_how_many_are_left_out(star: GraphView, tmp_path: Path) -> None:
    local = local_graph(star, "hub", "concepts/hub.md")
    nodes = _nodes(local.svg)
    assert len(nodes) == len(NODE_RE.findall(local.svg)) == 1 + DEPTH1_CAP + DEPTH2_CAP
    assert sum("kb-d1" in classes for classes in nodes.values()) == local.depth1 == DEPTH1_CAP
    assert sum("kb-d2" in classes for classes in nodes.values()) == local.depth2 == DEPTH2_CAP
    assert local.more1 == 202 - DEPTH1_CAP
    assert local.more2 == (DEPTH1_CAP - 2) * LEAVES - DEPTH2_CAP
    section = local_graph_section(star, star.site.kb.cards["hub"], "concepts/hub.md")
    more = local.more1 + local.more2
    assert f"{more} de plus ne sont pas dessinés" in section  # the first tree's language
    english = replace(star.site.options, language="en")
    view = GraphView(SiteContext(star.site.kb, english), star.layout)
    assert f"{more} more are not drawn: see" in local_graph_section(view, star.site.kb.cards["hub"], "concepts/hub.md")
    assert re.search(r'class="kb-graph-more">.*<a href="\.\./\.\./graph/">', section)
    # However many narrower cards, the picture is the same size: 30 or 200 draw the same cards.
    small = local_graph(_view(_star_kb(tmp_path / "small", WITH_LEAVES)), "hub", "concepts/hub.md")
    assert (small.depth1, small.depth2) == (local.depth1, local.depth2)
    assert abs(len(local.svg) - len(small.svg)) <= len(small.svg) * 0.02, (len(small.svg), len(local.svg))


def test_a_hub_keeps_its_own_relations_then_the_best_linked(star: GraphView) -> None:
    nodes = _nodes(local_graph(star, "hub", "concepts/hub.md").svg)
    depth1 = {card_id for card_id, classes in nodes.items() if "kb-d1" in classes}
    # Its broader and related cards (written on the hub) before its narrower ones (written on them);
    # among those, the best linked (with leaves), then by id.
    assert depth1 == {"parent", "peer", *(f"n{n:03d}" for n in range(DEPTH1_CAP - 2))}
    depth2 = {card_id for card_id, classes in nodes.items() if "kb-d2" in classes}
    assert len(depth2) == DEPTH2_CAP
    assert all(card_id.split("-")[0] in depth1 for card_id in depth2)  # leaves of drawn cards only
    # A narrower card's picture shows the hub, not the hub's other 199 narrower cards all at once.
    leaf = local_graph(star, "n150", "concepts/n150.md")
    assert leaf.depth1 == 1 and leaf.depth2 == DEPTH2_CAP and leaf.more2 == 201 - DEPTH2_CAP
    assert {"parent", "peer"} <= {i for i, c in _nodes(leaf.svg).items() if "kb-d2" in c}


def test_a_capped_picture_draws_every_link_between_its_cards(star: GraphView) -> None:
    for card_id in ("hub", "n000", "n000-0", "n150", "parent"):
        local = local_graph(star, card_id, f"concepts/{card_id}.md")
        ids = list(_nodes(local.svg))
        drawn = set(ids)
        edges = set()
        for group in GROUP_RE.finditer(local.svg):
            numbers = [int(n) for n in group.group("edges").split()]
            edges |= {(ids[s], ids[t], group.group("rel")) for s, t in zip(numbers[::2], numbers[1::2], strict=True)}
        assert edges == {(e.source, e.target, e.type) for e in star.edges if {e.source, e.target} <= drawn}, card_id


def test_a_full_ring_has_the_same_places_wherever_the_whole_graph_puts_the_card(star: GraphView) -> None:
    """Rings start at the first card's direction rounded to 15 degrees: a hub's picture has fixed places."""
    places = re.compile(r'transform="translate\(([-\d.]+ [-\d.]+)\)"')
    here = local_graph(star, "hub", "concepts/hub.md").svg
    elsewhere = local_graph(_view_seeded(star.site.kb, 99), "hub", "concepts/hub.md").svg
    assert len(places.findall(here)) >= DEPTH1_CAP + DEPTH2_CAP
    assert sorted(places.findall(here)) == sorted(places.findall(elsewhere))


@pytest.mark.parametrize(("neighbours", "outer"), [(6, 10), (7, 0), (40, 5)])
def test_the_caps_are_options_and_full_rings_keep_fixed_places(star: GraphView, neighbours: int, outer: int) -> None:
    kb = star.site.kb
    options = SiteOptions(languages=kb.languages, local_graph_neighbours=neighbours, local_graph_outer=outer)
    local = local_graph(GraphView(SiteContext(kb, options), star.layout), "hub", "concepts/hub.md")
    assert (local.depth1, local.more1) == (neighbours, 202 - neighbours)
    assert local.depth2 == min(outer, (neighbours - 2) * LEAVES)  # the two first are no narrower cards
    assert len(_nodes(local.svg)) == 1 + local.depth1 + local.depth2
    places = re.compile(r'transform="translate\(([-\d.]+ [-\d.]+)\)"')
    other = GraphView(SiteContext(kb, options), compute_layout(kb, seed=99))
    elsewhere = local_graph(other, "hub", "concepts/hub.md")
    assert sorted(places.findall(local.svg)) == sorted(places.findall(elsewhere.svg))


def test_local_graphs_are_deterministic(star: GraphView) -> None:
    """The same bytes from a fresh view, and again from a view whose caches are warm."""
    fresh = _view(star.site.kb)
    for card_id in ("hub", "n000", "n000-0", "n150", "peer"):
        uri = f"concepts/{card_id}.md"
        first = local_graph(star, card_id, uri)
        assert local_graph(star, card_id, uri) == first
        assert local_graph(fresh, card_id, uri) == first


@pytest.mark.parametrize("seed", range(40))
def test_few_labels_get_the_levels_the_grid_gives(seed: int) -> None:
    """Below the grid's size, label levels come from a faster pairwise search: the same levels."""
    rng = random.Random(seed)
    spread = rng.choice([60.0, 250.0, 800.0])
    labels = [
        Label(
            round(rng.uniform(-spread, spread), rng.choice([1, 6])),
            round(rng.uniform(-spread / 2, spread / 2), rng.choice([1, 6])),
            rng.choice([3.5, 5.1, 9.0, 11.0]),
            rng.randint(1, 34),
            rng.random() < 0.5,
        )
        for _ in range(rng.randint(1, 150))
    ]
    labels += labels[: rng.randint(0, 3)]  # labels on the same spot
    base = rng.choice([1.0, 0.8, 0.47, 0.2])
    assert label_levels(labels, LOCAL_FONT, base) == grid_levels(labels, LOCAL_FONT, base)
