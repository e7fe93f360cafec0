"""Namespaces, IRIs and the project's own small vocabulary, in one place.

The vocabulary namespace (:data:`BKB`) is fixed and independent of any site, so the
SHACL shapes and example queries work on every knowledge base; the IRIs of cards,
themes, references and authors derive from the site's address, because they are the
pages people open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from build_kb.graph.triples import TripleSink
from build_kb.ids import CiteKey, Slug, reference_slug
from build_kb.load.catalogs import package_catalog
from build_kb.model import BASES
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

BIBO = Namespace("http://purl.org/ontology/bibo/")
BKB = Namespace("https://build-kb.invalid/vocab#")
"""The generator's vocabulary. ``.invalid`` like the card schema's ``$id``: one constant
to change when the project has a permanent home."""
ONTOLOGY = URIRef(str(BKB).rstrip("#"))
"""The vocabulary as a document (``rdfs:isDefinedBy`` of each term)."""

PLACEHOLDER_SITE = "https://example.org/kb/"
"""The base of IRIs when the project sets no ``site_url``: stable, so exports stay comparable."""

PREFIXES: dict[str, Namespace] = {
    "bibo": BIBO,
    "bkb": BKB,
    "dcterms": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "skos": Namespace(str(SKOS)),
    "xsd": Namespace(str(XSD)),
}
"""The fixed prefix bindings of every export (and of queries run by the CLI)."""

_SCHEME_RE = re.compile(r"^https?://[^\s/]+")


def site_base(site_url: str) -> str:
    """The base every IRI starts with: ``site_url`` with one trailing slash, or the placeholder.

    A value that is not an absolute http(s) address (a typo, a relative path) would make
    IRIs that are not IRIs, so it falls back to the placeholder too.
    """
    url = site_url.strip()
    if not _SCHEME_RE.match(url) or any(c in url for c in '<>"{}|\\^`'):
        return PLACEHOLDER_SITE
    return url.rstrip("/") + "/"


@dataclass(frozen=True, slots=True)
class Iris:
    """The IRI of each thing a knowledge base publishes: the URL of its page."""

    base: str

    @classmethod
    def for_site(cls, site_url: str) -> Iris:
        return cls(site_base(site_url))

    def concept(self, card_id: str) -> URIRef:
        return URIRef(f"{self.base}concepts/{card_id}/")

    def theme(self, card_id: str) -> URIRef:
        return URIRef(f"{self.base}themes/{card_id}/")

    def claim(self, card_id: str, index: int) -> URIRef:
        """The n-th claim of a card (0-based index, 1-based fragment): no blank nodes, so output is stable."""
        return URIRef(f"{self.base}concepts/{card_id}/#claim-{index + 1}")

    def reference(self, key: str) -> URIRef:
        return URIRef(f"{self.base}references/{reference_slug(CiteKey(key))}/")

    def author(self, slug: Slug) -> URIRef:
        return URIRef(f"{self.base}authors/{slug}/")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def relation_property(rel_type: str) -> URIRef:
    """The RDF property of a relation type: SKOS for broader/related, ``bkb:`` otherwise."""
    if rel_type == "broader":
        return SKOS.broader
    if rel_type == "related":
        return SKOS.related
    return BKB[_camel(rel_type)]


def section_property(name: str) -> URIRef:
    """The RDF property of a card section, e.g. ``bkb:implications`` (a sub-property of ``skos:note``)."""
    return BKB[_camel(name)]


def kind_class(kind: str) -> URIRef:
    """The class of a card kind, e.g. ``bkb:Method`` (a subclass of ``skos:Concept``)."""
    return BKB[kind.capitalize()]


def evidence_level(level: str) -> URIRef:
    return BKB[f"evidence-{level}"]


def evidence_basis(basis: str) -> URIRef:
    """What a claim rests on, e.g. ``bkb:basis-survey`` (``bkb:basis-theory``: not graded)."""
    return BKB[f"basis-{basis}"]


def _labels(graph: TripleSink, subject: URIRef, en: str, fr: str) -> None:
    graph.add((subject, RDFS.label, Literal(en, lang="en")))
    graph.add((subject, RDFS.label, Literal(fr, lang="fr")))
    graph.add((subject, RDFS.isDefinedBy, ONTOLOGY))


def _named(graph: TripleSink, subject: URIRef, names: Mapping[str, str], fallback: str) -> None:
    """``rdfs:label`` in each language ``names`` has (English and French ``fallback`` when it has none)."""
    texts = dict(names)
    if not texts:
        texts = {"en": fallback, "fr": fallback}
    for lang, text in sorted(texts.items()):
        graph.add((subject, RDFS.label, Literal(text, lang=lang)))
    graph.add((subject, RDFS.isDefinedBy, ONTOLOGY))


def declare_vocabulary(graph: TripleSink, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> None:
    """Add the vocabulary's declarations, so the export explains its own terms (the project's kinds,
    evidence levels, relation types and card sections among them)."""
    graph.add((ONTOLOGY, RDF.type, OWL.Ontology))
    graph.add((ONTOLOGY, RDFS.label, Literal("build_kb vocabulary", lang="en")))
    for name, relation in vocabulary.relation_types.items():
        prop = relation_property(name)
        if prop.startswith(str(SKOS)):
            continue
        graph.add((prop, RDF.type, OWL.ObjectProperty))
        if relation.symmetric:
            graph.add((prop, RDF.type, OWL.SymmetricProperty))
        graph.add((prop, RDFS.subPropertyOf, SKOS.related))
        for lang, text in sorted(relation.label.items()):
            graph.add((prop, RDFS.label, Literal(text, lang=lang)))
        graph.add((prop, RDFS.isDefinedBy, ONTOLOGY))
    for card_kind in vocabulary.kinds:
        if card_kind.name == "theme":
            continue
        graph.add((kind_class(card_kind.name), RDF.type, OWL.Class))
        graph.add((kind_class(card_kind.name), RDFS.subClassOf, SKOS.Concept))
        _named(graph, kind_class(card_kind.name), card_kind.label, card_kind.name.capitalize())
    graph.add((BKB.Claim, RDF.type, OWL.Class))
    _labels(graph, BKB.Claim, "Research claim", "Affirmation de recherche")
    graph.add((BKB.EvidenceLevel, RDF.type, OWL.Class))
    _labels(graph, BKB.EvidenceLevel, "Strength of evidence", "Solidité des preuves")
    for level in vocabulary.evidence_levels:
        graph.add((evidence_level(level.name), RDF.type, BKB.EvidenceLevel))
        _named(graph, evidence_level(level.name), level.label, level.name)
    graph.add((BKB.EvidenceBasis, RDF.type, OWL.Class))
    _labels(graph, BKB.EvidenceBasis, "Basis of a claim", "Fondement d'une affirmation")
    english, french = package_catalog("en") or {}, package_catalog("fr") or {}
    for basis in BASES:
        key = f"basis_{basis}"
        graph.add((evidence_basis(basis), RDF.type, BKB.EvidenceBasis))
        en = english[key].text if key in english else basis
        fr = french[key].text if key in french else basis
        _labels(graph, evidence_basis(basis), en, fr)
    for prop, kind, en, fr in (
        (BKB.claim, OWL.ObjectProperty, "claim", "affirmation"),
        (BKB.evidence, OWL.ObjectProperty, "evidence", "preuves"),
        (BKB.basis, OWL.ObjectProperty, "basis", "fondement"),
        (BKB.via, OWL.ObjectProperty, "known through", "cité par"),
        (BKB.bearsOn, OWL.ObjectProperty, "also bears on", "concerne aussi"),
        (BKB.inferred, OWL.DatatypeProperty, "our reading of the sources", "notre lecture des sources"),
        (BKB.source, OWL.ObjectProperty, "source", "source"),
        (BKB.statement, OWL.DatatypeProperty, "statement", "énoncé"),
        (BKB.note, OWL.DatatypeProperty, "note", "note"),
    ):
        graph.add((prop, RDF.type, kind))
        _labels(graph, prop, en, fr)
    for section in vocabulary.sections:
        prop = section_property(section.name)
        graph.add((prop, RDF.type, OWL.DatatypeProperty))
        _named(graph, prop, section.property_label or section.label, section.name)
        graph.add((prop, RDFS.subPropertyOf, SKOS.note))
    graph.add((BKB.source, RDFS.subPropertyOf, DCTERMS.references))
    graph.add((BKB.via, RDFS.subPropertyOf, DCTERMS.references))
    graph.add((BKB.note, RDFS.subPropertyOf, SKOS.note))
