"""The hand-written Turtle and JSON-LD writers: whatever the text, rdflib reads back the same graph."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from build_kb.graph.rdf import new_graph
from build_kb.graph.serialize import curie, jsonld_context, to_jsonld, to_turtle
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


def _jsonld_by_json_dumps(graph: Graph) -> str:
    """The JSON-LD writer as it was first written, one json.dumps per value: the bytes to keep."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def short(iri: str) -> str:
        return curie(iri) or iri

    def value(node: object) -> str:
        if isinstance(node, URIRef):
            return dump({"@id": short(str(node))})
        assert isinstance(node, Literal)
        result = {"@value": str(node)}
        if node.language:
            result["@language"] = node.language
        elif node.datatype is not None and node.datatype != XSD.string:
            result["@type"] = short(str(node.datatype))
        return dump(result)

    subjects: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        subjects[str(s)][str(p)].append(o)
    nodes = []
    for subject, predicates in sorted(subjects.items()):
        parts = [f'"@id":{dump(short(subject))}']
        for predicate, objects in predicates.items():
            if predicate == str(RDF.type):
                parts.append(f'"@type":{dump(sorted({short(str(o)) for o in objects}))}')
            else:
                parts.append(f"{dump(short(predicate))}:[{','.join(sorted({value(o) for o in objects}))}]")
        nodes.append("{" + ",".join(sorted(parts)) + "}")
    return '{"@context": ' + dump(jsonld_context()) + ',\n"@graph": [\n' + ",\n".join(nodes) + "\n]}\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(), st.sampled_from(["fr", "en", None, "token"])), max_size=4))
def test_jsonld_bytes_are_those_of_json_dumps(values: list[tuple[str, str | None]]) -> None:
    # The writer formats strings itself (json's escaping, keys in sorted order) for speed.
    graph = new_graph()
    graph.add((S, RDF.type, SKOS.Concept))
    graph.add((S, RDF.type, URIRef("https://example.org/other#Type")))
    graph.add((S, SKOS.related, URIRef('https://example.org/kb/concepts/"odd"\\/')))
    for text, lang in values:
        if lang == "token":
            graph.add((S, SKOS.notation, Literal(text, datatype=XSD.token)))
        else:
            graph.add((S, SKOS.note, Literal(text, lang=lang)))
    for text in TRICKY:
        graph.add((S, SKOS.definition, Literal(text, lang="fr")))
    assert to_jsonld(graph) == _jsonld_by_json_dumps(graph)
