"""The shipped knowledge base's graph: structure only (its cards are still being written)."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from build_kb.graph.export import graph_data
from build_kb.graph.rdf import build_graph, card_iri
from build_kb.graph.serialize import to_jsonld, to_turtle
from build_kb.graph.vocab import Iris, relation_property
from build_kb.pipeline import Loaded
from build_kb.relations import RELATION_TYPES


@pytest.fixture(scope="module")
def graph(repo: Loaded) -> Graph:
    return build_graph(repo.kb, repo.config.site_url)


@pytest.fixture(scope="module")
def iris(repo: Loaded) -> Iris:
    return Iris.for_site(repo.config.site_url)


def test_one_concept_per_card_and_one_scheme_per_theme(repo: Loaded, graph: Graph, iris: Iris) -> None:
    cards = repo.kb.cards.values()
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == {iris.concept(c.id) for c in cards if c.kind != "theme"}
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == {iris.theme(c.id) for c in cards if c.kind == "theme"}


def test_every_relation_is_in_the_graph(repo: Loaded, graph: Graph, iris: Iris) -> None:
    for card in repo.kb.cards.values():
        subject = card_iri(card, iris)
        for rel_type, _index, target_id in card.relation_targets():
            target = repo.kb.cards.get(target_id)
            if target is None or target.id == card.id:
                continue
            obj = card_iri(target, iris)
            if "theme" in (card.kind, target.kind):
                assert (subject, DCTERMS.relation, obj) in graph
                continue
            assert (subject, relation_property(rel_type), obj) in graph, (card.id, rel_type, target_id)
            if rel_type == "broader":
                assert (obj, SKOS.narrower, subject) in graph
            if RELATION_TYPES[rel_type].symmetric:
                assert (obj, relation_property(rel_type), subject) in graph


def test_labels_in_every_language_of_the_card(repo: Loaded, graph: Graph, iris: Iris) -> None:
    complete = not any(d.code == "missing-translation" for d in repo.diagnostics)
    for card in repo.kb.cards.values():
        labels = {o.language for o in graph.objects(card_iri(card, iris), SKOS.prefLabel) if isinstance(o, Literal)}
        assert labels == set(card.label)
        if complete:
            assert labels >= set(repo.kb.languages), card.id


def test_every_citation_is_a_reference(repo: Loaded, graph: Graph, iris: Iris) -> None:
    for card in repo.kb.cards.values():
        keys = {c.item.key for c in repo.kb.citations_of(card.id)[0] if c.item.key in repo.kb.references}
        assert set(graph.objects(card_iri(card, iris), DCTERMS.references)) == {iris.reference(k) for k in keys}


def test_every_reference_is_a_document(repo: Loaded, graph: Graph, iris: Iris) -> None:
    documents = set(graph.subjects(RDF.type, URIRef("http://purl.org/ontology/bibo/Document")))
    assert documents == {iris.reference(key) for key in repo.kb.references}


def test_shacl(repo: Loaded, graph: Graph, shapes: Graph) -> None:
    if repo.failed():
        pytest.skip("the shipped knowledge base has errors right now (see python -m build_kb check)")
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert conforms, text


def test_exports_are_deterministic(repo: Loaded, graph: Graph) -> None:
    again = build_graph(repo.kb, repo.config.site_url)
    assert to_turtle(graph) == to_turtle(again)
    assert to_jsonld(graph) == to_jsonld(again)
    assert graph_data(repo.kb) == graph_data(repo.kb)


def test_graph_json_matches_the_cards(repo: Loaded) -> None:
    data = graph_data(repo.kb)
    assert [n["id"] for n in data["nodes"]] == sorted(repo.kb.cards)
    assert {t["id"] for t in data["themes"]} == {c.id for c in repo.kb.themes()}
    ids = set(repo.kb.cards)
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
