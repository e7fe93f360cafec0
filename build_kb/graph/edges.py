"""The card graph's edges, derived once for the layout and ``graph.json``.

An edge is a written relation (``narrower`` is the reverse of ``broader``, so it is not
an edge of its own); a symmetric relation written from both ends is one edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_kb.model import KnowledgeBase


@dataclass(frozen=True, slots=True, order=True)
class Edge:
    """A link between two cards, as the picture draws it: from the card that writes it."""

    source: str
    target: str
    type: str


def relation_edges(kb: KnowledgeBase) -> list[Edge]:
    """Every relation between two existing, distinct cards, sorted, without duplicates."""
    edges: set[Edge] = set()
    for card in kb.cards.values():
        for rel_type, _index, target in card.relation_targets():
            if target not in kb.cards or target == card.id:
                continue
            source = card.id
            if kb.vocabulary.relation_types[rel_type].symmetric and target < source:
                source, target = target, source
            edges.add(Edge(source, target, rel_type))
    return sorted(edges)


def membership_edges(kb: KnowledgeBase) -> list[Edge]:
    """Card -> theme links (type ``theme``): the layout uses them to gather a theme's cards."""
    return sorted(
        Edge(card.id, theme, "theme")
        for card in kb.cards.values()
        for theme in card.themes
        if theme in kb.cards and theme != card.id
    )
