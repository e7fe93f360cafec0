"""``graph.json``: what the in-browser picture needs, and nothing it would have to compute.

Shape (all lists sorted, so two builds give the same bytes)::

    {"version": 1, "languages": ["fr", "en"], "size": 1000.0,
     "themes": [{"id", "label": {lang: text}, "color", "url"}],
     "relations": [{"type", "label": {...}, "inverse_label": {...}, "symmetric"}],
     "nodes": [{"id", "kind", "label": {...}, "summary": {...}, "themes": [...], "url", "x", "y"}],
     "edges": [{"source", "target", "type"}]}

``url`` is relative to the site root (``concepts/<id>/``, ``themes/<id>/``), so the
script can prefix it with wherever the site is served from. ``x`` and ``y`` lie in
``[0, size]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from build_kb.graph.edges import relation_edges
from build_kb.graph.layout import SIZE, Point, compute_layout
from build_kb.model import Card, KnowledgeBase

GRAPH_JSON_VERSION = 1
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
"""Okabe-Ito: eight colours told apart with the common forms of colour blindness."""


def theme_colors(kb: KnowledgeBase) -> dict[str, str]:
    """Theme id -> colour, by theme order (ids sorted), cycling through :data:`PALETTE`."""
    return {theme.id: PALETTE[index % len(PALETTE)] for index, theme in enumerate(kb.themes())}


def card_url(card: Card) -> str:
    """The card's page, relative to the site root."""
    return f"themes/{card.id}/" if card.kind == "theme" else f"concepts/{card.id}/"


def _texts(texts: Mapping[str, str]) -> dict[str, str]:
    return {lang: text for lang, text in sorted(texts.items()) if text}


def graph_data(kb: KnowledgeBase, layout: Mapping[str, Point] | None = None) -> dict[str, Any]:
    """The ``graph.json`` document as Python data.

    Args:
        kb: The knowledge base.
        layout: Coordinates per card id; computed with :func:`compute_layout` when None.
    """
    if layout is None:
        layout = compute_layout(kb)
    colors = theme_colors(kb)
    nodes = []
    for card_id in sorted(kb.cards):
        card = kb.cards[card_id]
        x, y = layout.get(card_id, (SIZE / 2, SIZE / 2))
        nodes.append(
            {
                "id": card.id,
                "kind": card.kind,
                "label": _texts(card.label),
                "summary": _texts(card.summary),
                "themes": [theme for theme in card.themes if theme in colors],
                "url": card_url(card),
                "x": x,
                "y": y,
            }
        )
    themes = [
        {"id": theme.id, "label": _texts(theme.label), "color": colors[theme.id], "url": card_url(theme)}
        for theme in kb.themes()
    ]
    relations = [
        {
            "type": relation.name,
            "label": _texts(relation.label),
            "inverse_label": _texts(relation.inverse_label),
            "symmetric": relation.symmetric,
        }
        for relation in kb.vocabulary.relations
    ]
    edges = [{"source": e.source, "target": e.target, "type": e.type} for e in relation_edges(kb)]
    return {
        "version": GRAPH_JSON_VERSION,
        "languages": list(kb.languages),
        "size": SIZE,
        "themes": themes,
        "relations": relations,
        "nodes": nodes,
        "edges": edges,
    }


def to_graph_json(kb: KnowledgeBase, layout: Mapping[str, Point] | None = None) -> str:
    """``graph.json`` as compact text (it is downloaded by every visitor of the graph page)."""
    return json.dumps(graph_data(kb, layout), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
