"""The hand-written Turtle and JSON-LD writers: whatever the text, rdflib reads back the same graph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from build_kb.graph.rdf import new_graph
from build_kb.graph.serialize import curie, to_jsonld, to_turtle
from tests.graph.conftest import parse_jsonld

S = URIRef("https://example.org/kb/concepts/x/")

TRICKY = [
    'quote " and backslash \\ and \\" both',
    "line one\nline two\n",
    'ends with a quote"',
    'triple """ quotes inside\nand a newline',
    "tab\tcarriage\rreturn\x0bvertical\x00nul\x7fdel",
    "accents é à ç, ligature œ, emoji 🙂, right-to-left עברית",
    "",
    "\\",
    "\n",
]


def roundtrip(graph: Graph) -> None:
    assert isomorphic(Graph().parse(data=to_turtle(graph), format="turtle"), graph)
    assert isomorphic(parse_jsonld(to_jsonld(graph)), graph)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_literals(text: str) -> None:
    graph = new_graph()
    graph.add((S, SKOS.definition, Literal(text, lang="fr")))
    graph.add((S, SKOS.note, Literal(text)))
    graph.add((S, SKOS.notation, Literal(text, datatype=XSD.token)))
    roundtrip(graph)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en", "pt-BR", None]))
def test_any_text_roundtrips(text: str, lang: str | None) -> None:
    graph = new_graph()
    graph.add((S, SKOS.prefLabel, Literal(text, lang=lang)))
    graph.add((S, RDF.type, SKOS.Concept))
    roundtrip(graph)


def test_iris_outside_the_prefixes_and_odd_local_names() -> None:
    graph = new_graph()
    graph.add((S, SKOS.related, URIRef("https://example.org/kb/concepts/a-b/#claim-1")))
    graph.add((S, SKOS.related, URIRef("http://purl.org/dc/terms/odd.local.")))
    graph.add((S, SKOS.related, URIRef("https://example.org/kb/authors/%C3%A9/")))
    graph.add((S, URIRef("https://other.example/vocab#p"), URIRef("https://build-kb.invalid/vocab#")))
    roundtrip(graph)


def test_curie() -> None:
    assert curie(str(SKOS.Concept)) == "skos:Concept"
    assert curie("https://build-kb.invalid/vocab#evidence-none-found") == "bkb:evidence-none-found"
    assert curie("https://build-kb.invalid/vocab#") == "bkb:"
    assert curie("http://purl.org/dc/terms/odd.local.") is None
    assert curie("https://example.org/kb/concepts/x/") is None


def test_blank_nodes_are_refused() -> None:
    graph = new_graph()
    graph.add((S, SKOS.related, BNode()))
    with pytest.raises(TypeError):
        to_turtle(graph)
