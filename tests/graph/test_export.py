"""``graph.json`` on the small fixture: exact content, stable bytes, golden file."""

from __future__ import annotations

import json

from build_kb.graph.export import PALETTE, graph_data, to_graph_json
from build_kb.graph.layout import compute_layout
from build_kb.pipeline import Loaded
from build_kb.relations import RELATION_TYPES
from tests.graph.conftest import check_golden


def test_nodes(small: Loaded) -> None:
    data = graph_data(small.kb)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert [node["id"] for node in data["nodes"]] == sorted(small.kb.cards)
    delta = nodes["delta"]
    assert delta["kind"] == "case"
    assert delta["label"] == {"en": "Delta", "fr": "Delta"}
    assert delta["summary"] == {"en": "A case.", "fr": "Un cas."}
    assert delta["themes"] == ["theme-a", "theme-b"]
    assert delta["url"] == "concepts/delta/"
    assert nodes["theme-a"]["url"] == "themes/theme-a/"
    assert nodes["theme-a"]["kind"] == "theme"
    layout = compute_layout(small.kb)
    assert all((node["x"], node["y"]) == layout[node["id"]] for node in data["nodes"])


def test_edges_are_written_relations_once_each(small: Loaded) -> None:
    edges = [(e["source"], e["target"], e["type"]) for e in graph_data(small.kb)["edges"]]
    assert edges == sorted(
        [
            ("beta", "alpha", "broader"),
            ("beta", "gamma", "uses"),
            ("alpha", "gamma", "related"),  # symmetric: ordered by id
            ("beta", "gamma", "contrasts_with"),
            ("delta", "beta", "broader"),
            ("delta", "gamma", "example_of"),
            ("delta", "theme-b", "part_of"),
            ("epsilon", "gamma", "broader"),
            ("epsilon", "delta", "leads_to"),
            ("epsilon", "alpha", "builds_on"),
            ("theme-a", "theme-b", "related"),
        ]
    )


def test_themes_have_fixed_colours(small: Loaded) -> None:
    themes = graph_data(small.kb)["themes"]
    assert themes == [
        {"id": "theme-a", "label": {"en": "Theme A", "fr": "Thème A"}, "color": PALETTE[0], "url": "themes/theme-a/"},
        {"id": "theme-b", "label": {"en": "Theme B", "fr": "Thème B"}, "color": PALETTE[1], "url": "themes/theme-b/"},
    ]


def test_relation_types_are_described(small: Loaded) -> None:
    data = graph_data(small.kb)
    assert [r["type"] for r in data["relations"]] == list(RELATION_TYPES)
    assert data["languages"] == ["fr", "en"]
    assert data["version"] == 1


def test_bytes_are_stable_and_parse(small: Loaded) -> None:
    text = to_graph_json(small.kb)
    assert text == to_graph_json(small.kb)
    assert json.loads(text) == graph_data(small.kb)
    check_golden("small.graph.json", text)
