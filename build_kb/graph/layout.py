"""A deterministic 2-D layout of the card graph, computed once at build time.

igraph's Fruchterman-Reingold (C code; grid variant above 1,000 nodes) takes about half
a second at 5,000 cards where networkx's spring layout takes close to a minute. The same
input always gives the same coordinates: nodes and edges are sorted, the start positions
come from a seeded generator, igraph's own random numbers come from a seeded
``random.Random`` during the call, and coordinates are rounded.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import igraph

from build_kb.graph.edges import membership_edges, relation_edges
from build_kb.model import KnowledgeBase
from build_kb.store import cache_folder, fingerprint, open_store, read_json, write_json

Point = tuple[float, float]

SEED = 5
SIZE = 1000.0
"""Coordinates fall in ``[0, SIZE]`` on both axes (the picture's viewBox)."""
MARGIN = 20.0
RELATION_WEIGHT = 1.0
THEME_WEIGHT = 0.3
"""Membership edges pull a theme's cards together, more gently than a written relation."""


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph draws from Python's ``random`` module: give it a private, seeded generator meanwhile.

    Not thread-safe (igraph's generator is global), like the rest of a build.
    """
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (a picture, not a secret)
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _fit(coords: list[Point], size: float, margin: float) -> list[Point]:
    """Scale into the square ``[margin, size - margin]``, keeping proportions, centred; round to 0.1."""
    if not coords:
        return []
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    span = max(width, height)
    inner = size - 2 * margin
    scale = inner / span if span > 0 else 0.0
    dx = margin + (inner - width * scale) / 2 - min(xs) * scale
    dy = margin + (inner - height * scale) / 2 - min(ys) * scale
    return [(round(x * scale + dx, 1) + 0.0, round(y * scale + dy, 1) + 0.0) for x, y in coords]


def _springs(kb: KnowledgeBase) -> tuple[list[str], list[tuple[int, int]], list[float]]:
    """The layout's input: card ids (sorted), edges between their indexes (sorted), edge weights."""
    ids = sorted(kb.cards)
    index = {card_id: position for position, card_id in enumerate(ids)}
    pairs: dict[tuple[int, int], float] = {}
    for edge, weight in [(e, RELATION_WEIGHT) for e in relation_edges(kb)] + [
        (e, THEME_WEIGHT) for e in membership_edges(kb)
    ]:
        a, b = sorted((index[edge.source], index[edge.target]))
        pairs[(a, b)] = max(pairs.get((a, b), 0.0), weight)
    edges = sorted(pairs)
    return ids, edges, [pairs[pair] for pair in edges]


def _layout(
    ids: list[str], edges: list[tuple[int, int]], weights: list[float], seed: int, size: float, margin: float
) -> dict[str, Point]:
    graph = igraph.Graph(n=len(ids), edges=edges)
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    radius = max(1.0, len(ids) ** 0.5)
    start = [[rng.uniform(-radius, radius), rng.uniform(-radius, radius)] for _ in ids]
    with _seeded_igraph(seed):
        layout = graph.layout_fruchterman_reingold(weights=weights or None, seed=start, niter=500, grid="auto")
    coords: list[Point] = [(float(x), float(y)) for x, y in layout.coords]
    return dict(zip(ids, _fit(coords, size, margin), strict=True))


def compute_layout(kb: KnowledgeBase, seed: int = SEED, size: float = SIZE, margin: float = MARGIN) -> dict[str, Point]:
    """Card id -> ``(x, y)`` in ``[0, size]``; relations and theme membership are the springs.

    Args:
        kb: The knowledge base; every card (themes too) is a node.
        seed: Change it to get another (equally deterministic) picture.
        size: Side of the square the coordinates fill.
        margin: Room left on each side for node circles and labels.
    """
    ids, edges, weights = _springs(kb)
    if not ids:
        return {}
    return _layout(ids, edges, weights, seed, size, margin)


_MEMORY: dict[str, tuple[str, dict[str, Point]]] = {}
"""Cache file name -> (key, layout): the last layout of each project in this process (``mkdocs serve``)."""


class LayoutPlan:
    """The layout of one project's graph as the build cache knows it: read back, or computed and stored.

    The layout depends only on the cards' ids and links, which most builds do not change
    (editing a card's text does not): stored under their fingerprint (:mod:`build_kb.store`:
    with the code and igraph's version), it costs a read instead of the spring simulation (about
    a second at 5,000 cards). A plan lets the plugin see whether it is stored, and compute
    it in another process meanwhile if not (:func:`build_kb.render.helper.in_background`).
    """

    def __init__(self, kb: KnowledgeBase, root: Path) -> None:
        self.ids, self.edges, self.weights = _springs(kb)
        self.root = root
        inputs = json.dumps([SEED, SIZE, MARGIN, self.ids, self.edges, self.weights], separators=(",", ":"))
        self.key = fingerprint("layout", inputs)
        self.name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]

    def stored(self) -> dict[str, Point] | None:
        """The layout kept in this process or in the build cache, or None."""
        if not self.ids:
            return {}
        remembered = _MEMORY.get(self.name)
        if remembered is not None and remembered[0] == self.key:
            return dict(remembered[1])
        layout = _from_json(read_json(open_store(cache_folder(self.root)), "layout", self.name, self.key), self.ids)
        if layout is not None:
            _MEMORY[self.name] = (self.key, layout)
        return layout

    def layout(self) -> dict[str, Point]:
        """The stored layout, or the one computed now (and stored)."""
        layout = self.stored()
        if layout is None:
            layout = _layout(self.ids, self.edges, self.weights, SEED, SIZE, MARGIN)
            points = [[x, y] for x, y in layout.values()]
            write_json(open_store(cache_folder(self.root)), "layout", self.name, self.key, points)
            _MEMORY[self.name] = (self.key, layout)
        return dict(layout)


def cached_layout(kb: KnowledgeBase, root: Path) -> dict[str, Point]:
    """:func:`compute_layout` of the project at ``root``, kept in the build cache (:class:`LayoutPlan`)."""
    return LayoutPlan(kb, root).layout()


def _from_json(stored: Any, ids: list[str]) -> dict[str, Point] | None:
    """A stored layout (one ``[x, y]`` per id, in id order), or None if it is not one."""
    if not isinstance(stored, list) or len(stored) != len(ids):
        return None
    points: list[Point] = []
    for point in stored:
        if not (isinstance(point, list) and len(point) == 2 and all(isinstance(v, float) for v in point)):
            return None
        points.append((point[0], point[1]))
    return dict(zip(ids, points, strict=True))
