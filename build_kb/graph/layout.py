"""A deterministic 2-D layout of the card graph, computed once at build time.

igraph's Fruchterman-Reingold (C code; grid variant above 1,000 nodes) takes about half
a second at 5,000 cards where networkx's spring layout takes close to a minute. The same
input always gives the same coordinates: nodes and edges are sorted, the start positions
come from a seeded generator, igraph's own random numbers come from a seeded
``random.Random`` during the call, and coordinates are rounded.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import igraph

from build_kb.graph.edges import membership_edges, relation_edges
from build_kb.model import KnowledgeBase

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


def compute_layout(kb: KnowledgeBase, seed: int = SEED, size: float = SIZE, margin: float = MARGIN) -> dict[str, Point]:
    """Card id -> ``(x, y)`` in ``[0, size]``; relations and theme membership are the springs.

    Args:
        kb: The knowledge base; every card (themes too) is a node.
        seed: Change it to get another (equally deterministic) picture.
        size: Side of the square the coordinates fill.
        margin: Room left on each side for node circles and labels.
    """
    ids = sorted(kb.cards)
    if not ids:
        return {}
    index = {card_id: position for position, card_id in enumerate(ids)}
    pairs: dict[tuple[int, int], float] = {}
    for edge, weight in [(e, RELATION_WEIGHT) for e in relation_edges(kb)] + [
        (e, THEME_WEIGHT) for e in membership_edges(kb)
    ]:
        a, b = sorted((index[edge.source], index[edge.target]))
        pairs[(a, b)] = max(pairs.get((a, b), 0.0), weight)
    edges = sorted(pairs)
    graph = igraph.Graph(n=len(ids), edges=edges)
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    radius = max(1.0, len(ids) ** 0.5)
    start = [[rng.uniform(-radius, radius), rng.uniform(-radius, radius)] for _ in ids]
    with _seeded_igraph(seed):
        layout = graph.layout_fruchterman_reingold(
            weights=[pairs[pair] for pair in edges] or None, seed=start, niter=500, grid="auto"
        )
    coords: list[Point] = [(float(x), float(y)) for x, y in layout.coords]
    return dict(zip(ids, _fit(coords, size, margin), strict=True))
