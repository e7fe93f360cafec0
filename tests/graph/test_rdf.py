"""The RDF export on the small fixture: exact triples, SHACL, determinism, golden Turtle."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from build_kb.graph.rdf import build_graph
from build_kb.graph.serialize import to_jsonld, to_turtle
from build_kb.graph.vocab import (
    BIBO,
    BKB,
    PLACEHOLDER_SITE,
    PREFIXES,
    evidence_basis,
    evidence_level,
    relation_property,
    site_base,
)
from build_kb.model import KnowledgeBase, Reference
from build_kb.pipeline import Loaded
from build_kb.relations import RELATION_TYPES
from tests.graph.conftest import SHAPES, check_golden, parse_jsonld

SITE = "https://kb.example.net/demo/"


def c(card_id: str) -> URIRef:
    return URIRef(f"{SITE}concepts/{card_id}/")


def t(theme_id: str) -> URIRef:
    return URIRef(f"{SITE}themes/{theme_id}/")


def r(slug: str) -> URIRef:
    return URIRef(f"{SITE}references/{slug}/")


def a(slug: str) -> URIRef:
    return URIRef(f"{SITE}authors/{slug}/")


@pytest.fixture(scope="module")
def graph(small: Loaded) -> Graph:
    return build_graph(small.kb, small.config.site_url)


@pytest.mark.parametrize(
    ("site_url", "base"),
    [
        ("", PLACEHOLDER_SITE),
        ("https://kb.example.net/demo", "https://kb.example.net/demo/"),
        ("https://kb.example.net/demo///", "https://kb.example.net/demo/"),
        ("http://localhost:8000/", "http://localhost:8000/"),
        ("docs/", PLACEHOLDER_SITE),
        ("javascript:alert(1)", PLACEHOLDER_SITE),
        ("https://bad.example/<x>", PLACEHOLDER_SITE),
    ],
)
def test_site_base(site_url: str, base: str) -> None:
    assert site_base(site_url) == base


def test_cards_are_concepts_and_themes_are_schemes(graph: Graph) -> None:
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert concepts == {c(x) for x in ("alpha", "beta", "gamma", "delta", "epsilon")}
    assert schemes == {t("theme-a"), t("theme-b")}
    assert (c("beta"), RDF.type, BKB.Method) in graph
    assert (c("epsilon"), RDF.type, BKB.Finding) in graph
    assert (BKB.Method, RDFS.subClassOf, SKOS.Concept) in graph


def test_labels_aliases_texts_carry_language_tags(graph: Graph) -> None:
    assert set(graph.objects(c("beta"), SKOS.prefLabel)) == {Literal("Bêta", lang="fr"), Literal("Beta", lang="en")}
    assert set(graph.objects(c("alpha"), SKOS.altLabel)) == {
        Literal("premier", lang="fr"),
        Literal("first", lang="en"),
        Literal("primary", lang="en"),
    }
    assert Literal("The starting notion.", lang="en") in set(graph.objects(c("alpha"), RDFS.comment))
    definitions = {o.language for o in graph.objects(c("alpha"), SKOS.definition) if isinstance(o, Literal)}
    assert definitions == {"fr", "en"}
    assert Literal("Train people in beta [@beta2010book].", lang="en") in set(
        graph.objects(c("beta"), BKB.implications)
    )
    assert (t("theme-a"), SKOS.prefLabel, Literal("Thème A", lang="fr")) in graph
    assert (c("alpha"), DCTERMS.identifier, Literal("alpha")) in graph


def test_only_http_links_become_see_also(graph: Graph) -> None:
    assert set(graph.objects(c("alpha"), RDFS.seeAlso)) == {URIRef("https://example.com/alpha")}


def test_membership_and_top_concepts(graph: Graph) -> None:
    assert set(graph.objects(c("delta"), SKOS.inScheme)) == {t("theme-a"), t("theme-b")}
    assert set(graph.objects(t("theme-a"), SKOS.hasTopConcept)) == {c("alpha")}
    assert set(graph.objects(t("theme-b"), SKOS.hasTopConcept)) == {c("gamma"), c("delta")}
    for scheme, concept in graph.subject_objects(SKOS.hasTopConcept):
        assert (concept, SKOS.topConceptOf, scheme) in graph


def test_relations(graph: Graph) -> None:
    expected = {
        (c("beta"), SKOS.broader, c("alpha")),
        (c("alpha"), SKOS.narrower, c("beta")),
        (c("beta"), BKB.uses, c("gamma")),
        (c("gamma"), SKOS.related, c("alpha")),
        (c("alpha"), SKOS.related, c("gamma")),  # symmetric: both ways, no inference needed
        (c("gamma"), BKB.contrastsWith, c("beta")),
        (c("beta"), BKB.contrastsWith, c("gamma")),
        (c("delta"), SKOS.broader, c("beta")),
        (c("delta"), BKB.exampleOf, c("gamma")),
        (c("epsilon"), BKB.leadsTo, c("delta")),
        (c("epsilon"), BKB.buildsOn, c("alpha")),
        (c("epsilon"), SKOS.broader, c("gamma")),
        (c("gamma"), SKOS.narrower, c("epsilon")),
        # Relations with a theme at either end: SKOS cannot say them, Dublin Core can.
        (c("delta"), DCTERMS.relation, t("theme-b")),
        (t("theme-a"), DCTERMS.relation, t("theme-b")),
    }
    assert expected <= set(graph)
    assert (c("alpha"), BKB.buildsOn, c("epsilon")) not in graph  # not symmetric
    assert not set(graph.triples((None, BKB.partOf, None)))  # its only use targets a theme


def test_relation_types_are_declared_sub_properties(graph: Graph) -> None:
    for name, relation in RELATION_TYPES.items():
        prop = relation_property(name)
        if name in ("broader", "related"):
            assert prop in (SKOS.broader, SKOS.related)
            continue
        assert (prop, RDFS.subPropertyOf, SKOS.related) in graph
        labels = {o.language: str(o) for o in graph.objects(prop, RDFS.label) if isinstance(o, Literal)}
        assert labels == relation.label


def test_citations_are_references_to_bibo_documents(graph: Graph) -> None:
    assert set(graph.objects(c("alpha"), DCTERMS.references)) == {r("alpha2001article"), r("gamma2015chapter")}
    # Definition, claims (statements and sources) and implications all count.
    assert set(graph.objects(c("beta"), DCTERMS.references)) == {
        r("alpha2001article"),
        r("beta2010book"),
        r("delta2019thesis"),
    }
    assert set(graph.objects(t("theme-a"), DCTERMS.references)) == {r("alpha2001article")}


def test_claims(graph: Graph) -> None:
    first, second = URIRef(f"{SITE}concepts/beta/#claim-1"), URIRef(f"{SITE}concepts/beta/#claim-2")
    assert set(graph.objects(c("beta"), BKB.claim)) == {first, second}
    assert (first, RDF.type, BKB.Claim) in graph
    assert (first, BKB.evidence, evidence_level("moderate")) in graph
    assert (first, BKB.basis, evidence_basis("survey")) in graph
    assert (second, BKB.basis, evidence_basis("qualitative")) in graph
    assert set(graph.objects(first, BKB.source)) == {r("delta2019thesis"), r("alpha2001article")}
    assert (first, BKB.note, Literal("One study only.", lang="en")) in graph
    assert set(graph.objects(second, BKB.source)) == {r("beta2010book")}


def test_documents_by_entry_type(graph: Graph) -> None:
    types = {
        "alpha2001article": BIBO.Article,
        "beta2010book": BIBO.Book,
        "gamma2015chapter": BIBO.Chapter,
        "delta2019thesis": BIBO.Thesis,
    }
    for key, doc_type in types.items():
        assert {doc_type, BIBO.Document} <= set(graph.objects(r(key), RDF.type))
    assert set(graph.objects(r("epsilon2020misc"), RDF.type)) == {BIBO.Document}


def test_document_fields(graph: Graph) -> None:
    doc = r("alpha2001article")
    assert (doc, DCTERMS.title, Literal("Alpha in practice")) in graph
    assert (doc, DCTERMS.date, Literal("2001", datatype=XSD.gYear)) in graph
    assert (doc, BIBO.doi, Literal("10.1234/alpha.2001")) in graph
    assert (doc, BIBO.uri, Literal("https://example.org/alpha", datatype=XSD.anyURI)) in graph
    assert (doc, BIBO.volume, Literal("12")) in graph
    assert (doc, BIBO.issue, Literal("3")) in graph
    assert (doc, BIBO.pages, Literal("1–20")) in graph
    assert (doc, DCTERMS.identifier, Literal("alpha2001article")) in graph
    assert (r("gamma2015chapter"), DCTERMS.date, Literal("2015-03-01", datatype=XSD.date)) in graph


def test_authors_and_editors_are_people(graph: Graph) -> None:
    wenger = a("wenger-etienne")
    assert set(graph.objects(r("alpha2001article"), DCTERMS.creator)) == {wenger, a("van-der-berg-anna")}
    assert (r("gamma2015chapter"), BIBO.editor, wenger) in graph
    assert (wenger, RDF.type, FOAF.Person) in graph
    assert (wenger, FOAF.name, Literal("Étienne Wenger")) in graph
    assert (wenger, FOAF.givenName, Literal("Étienne")) in graph
    assert (wenger, FOAF.familyName, Literal("Wenger")) in graph
    assert (a("van-der-berg-anna"), FOAF.familyName, Literal("van der Berg")) in graph
    group = a("epsilon-group")
    assert (group, FOAF.name, Literal("Epsilon Group")) in graph
    assert not list(graph.objects(group, FOAF.givenName))


def test_only_http_urls_become_bibo_uri(small: Loaded) -> None:
    entry = small.kb.references["beta2010book"]
    unsafe = replace(entry, fields={**entry.fields, "url": "ftp://example.org/beta"})
    kb = replace(small.kb, references={**small.kb.references, "beta2010book": unsafe})
    assert not list(build_graph(kb, SITE).objects(r("beta2010book"), BIBO.uri))


def test_missing_targets_are_skipped_not_invented(small: Loaded) -> None:
    """A knowledge base with errors still gives a graph (the CLI refuses to export it)."""
    cards = {k: v for k, v in small.kb.cards.items() if k not in ("alpha", "theme-b")}
    refs: dict[str, Reference] = {k: v for k, v in small.kb.references.items() if k != "beta2010book"}
    graph = build_graph(KnowledgeBase(cards, refs, small.kb.languages), SITE)
    assert c("alpha") not in set(graph.subjects())
    assert not list(graph.triples((None, None, c("alpha"))))
    assert not list(graph.triples((None, None, t("theme-b"))))
    assert not list(graph.triples((None, DCTERMS.references, r("beta2010book"))))


def test_placeholder_iris_without_site_url(small: Loaded) -> None:
    graph = build_graph(small.kb)
    assert (URIRef(f"{PLACEHOLDER_SITE}concepts/alpha/"), RDF.type, SKOS.Concept) in graph


def test_no_blank_nodes(graph: Graph) -> None:
    assert all(isinstance(node, URIRef) for node in graph.subjects())


def test_turtle_and_jsonld_parse_back_to_the_same_graph(graph: Graph) -> None:
    assert isomorphic(Graph().parse(data=to_turtle(graph), format="turtle"), graph)
    assert isomorphic(parse_jsonld(to_jsonld(graph)), graph)


def test_exports_are_byte_identical_between_builds(small: Loaded) -> None:
    one, two = build_graph(small.kb, SITE), build_graph(small.kb, SITE)
    assert to_turtle(one) == to_turtle(two)
    assert to_jsonld(one) == to_jsonld(two)


def test_fixed_prefixes(graph: Graph) -> None:
    """Only the project's bindings, never rdflib's defaults or generated ns1: prefixes."""
    assert {prefix: str(ns) for prefix, ns in graph.namespaces()} == {p: str(ns) for p, ns in PREFIXES.items()}
    for line in to_turtle(graph).splitlines():
        if line.startswith("@prefix"):
            _, prefix, iri, _ = line.split()
            assert str(PREFIXES[prefix.rstrip(":")]) == iri.strip("<>")


def test_shacl_conforms_without_warnings(graph: Graph, shapes: Graph) -> None:
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    assert conforms, text


def test_shacl_catches_a_broken_export(graph: Graph, shapes: Graph) -> None:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.remove((c("alpha"), SKOS.prefLabel, None))
    broken.add((c("beta"), SKOS.broader, URIRef(f"{SITE}references/alpha2001article/")))
    broken.add((URIRef(f"{SITE}concepts/beta/#claim-1"), BKB.evidence, BKB.nonsense))
    conforms, report, _text = validate(broken, shacl_graph=shapes, inference="none")
    assert not conforms
    focus = {str(o) for o in report.objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode"))}
    assert {str(c("alpha")), str(c("beta")), f"{SITE}concepts/beta/#claim-1"} <= focus


def test_shapes_name_every_relation_type() -> None:
    text = SHAPES.read_text(encoding="utf-8")
    for name in RELATION_TYPES:
        prop = relation_property(name)
        curie = prop.replace(str(SKOS), "skos:").replace(str(BKB), "bkb:")
        assert f"sh:path {curie} ;" in text, f"shapes.ttl does not describe {curie}"


def test_golden_turtle(graph: Graph) -> None:
    check_golden("small.ttl", to_turtle(graph))
