"""The knowledge base as an RDF graph: SKOS concepts and schemes, BIBO references.

Mapping (see ``docs/graph-data.md``):

- a card is a ``skos:Concept`` (and ``bkb:<Kind>``); a theme card is a ``skos:ConceptScheme``
  (SKOS keeps the two disjoint), its members are ``skos:inScheme`` it and the members
  without a broader card inside the theme are its top concepts;
- labels, aliases, definitions, summaries (``rdfs:comment``) carry language tags;
- ``broader`` / ``related`` are SKOS (``narrower`` and the reverse of symmetric types are
  added, so queries need no inference); the other relation types are ``bkb:`` sub-properties
  of ``skos:related``; a relation to or from a theme, which SKOS cannot express between a
  concept and a scheme, is a plain ``dcterms:relation``;
- citations are ``dcterms:references`` to BIBO documents; claims are ``bkb:Claim`` resources.

No blank nodes anywhere: every resource has an IRI, so serialisations are stable.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from build_kb.graph.bibo import add_references
from build_kb.graph.triples import Triple, TripleSink, paused_gc
from build_kb.graph.vocab import (
    BKB,
    PREFIXES,
    Iris,
    declare_vocabulary,
    evidence_basis,
    evidence_level,
    kind_class,
    relation_property,
    section_property,
)
from build_kb.model import BASES, Card, KnowledgeBase, LangText

# Terms bound once: rdflib looks a namespace attribute up on every access (microseconds), and
# these are read for every card and entry.
_BKB_Claim = BKB.Claim
_BKB_claim = BKB.claim
_BKB_evidence = BKB.evidence
_BKB_basis = BKB.basis
_BKB_via = BKB.via
_BKB_bearsOn = BKB.bearsOn
_BKB_inferred = BKB.inferred
_BKB_note = BKB.note
_BKB_source = BKB.source
_BKB_statement = BKB.statement
_DCTERMS_identifier = DCTERMS.identifier
_DCTERMS_references = DCTERMS.references
_DCTERMS_relation = DCTERMS.relation
_RDF_type = RDF.type
_RDFS_comment = RDFS.comment
_RDFS_seeAlso = RDFS.seeAlso
_SKOS_Concept = SKOS.Concept
_SKOS_ConceptScheme = SKOS.ConceptScheme
_SKOS_altLabel = SKOS.altLabel
_SKOS_definition = SKOS.definition
_SKOS_hasTopConcept = SKOS.hasTopConcept
_SKOS_inScheme = SKOS.inScheme
_SKOS_narrower = SKOS.narrower
_SKOS_prefLabel = SKOS.prefLabel
_SKOS_topConceptOf = SKOS.topConceptOf


def new_graph() -> Graph:
    """An empty graph with the project's fixed prefixes and no others."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def card_iri(card: Card, iris: Iris) -> URIRef:
    """A theme card's page is under ``themes/``, every other card's under ``concepts/``."""
    return iris.theme(card.id) if card.kind == "theme" else iris.concept(card.id)


def _texts(graph: TripleSink, subject: URIRef, prop: URIRef, texts: LangText) -> None:
    for lang, text in sorted(texts.items()):
        if text:
            graph.add((subject, prop, Literal(text, lang=lang)))


def _add_card(graph: TripleSink, card: Card, kb: KnowledgeBase, iris: Iris) -> None:
    subject = card_iri(card, iris)
    if card.kind == "theme":
        graph.add((subject, _RDF_type, _SKOS_ConceptScheme))
    else:
        graph.add((subject, _RDF_type, _SKOS_Concept))
        if kb.vocabulary.kind(card.kind) is not None:
            graph.add((subject, _RDF_type, kind_class(card.kind)))
        for theme_id in card.themes:
            theme = kb.cards.get(theme_id)
            if theme is not None and theme.kind == "theme":
                graph.add((subject, _SKOS_inScheme, iris.theme(theme_id)))
    graph.add((subject, _DCTERMS_identifier, Literal(card.id)))
    _texts(graph, subject, _SKOS_prefLabel, card.label)
    for lang, aliases in sorted(card.aliases.items()):
        for alias in aliases:
            graph.add((subject, _SKOS_altLabel, Literal(alias, lang=lang)))
    _texts(graph, subject, _RDFS_comment, card.summary)
    _texts(graph, subject, _SKOS_definition, card.definition)
    for name, texts in card.sections.items():
        _texts(graph, subject, section_property(name), texts)
    for link in card.links:
        if link.url.startswith(("http://", "https://")):
            graph.add((subject, _RDFS_seeAlso, URIRef(link.url)))
    _add_citations(graph, card, subject, kb, iris)


def _add_citations(graph: TripleSink, card: Card, subject: URIRef, kb: KnowledgeBase, iris: Iris) -> None:
    """``dcterms:references`` for every work the card cites, and one ``bkb:Claim`` per claim."""
    citations, _problems = kb.citations_of(card.id)
    for key in sorted({c.item.key for c in citations if c.item.key in kb.references}):
        graph.add((subject, _DCTERMS_references, iris.reference(key)))
    for index, claim in card.home_claims():
        node = iris.claim(card.id, index)
        graph.add((subject, _BKB_claim, node))
        graph.add((node, _RDF_type, _BKB_Claim))
        _texts(graph, node, _BKB_statement, claim.statement)
        _texts(graph, node, _BKB_note, claim.note)
        if kb.vocabulary.level(claim.evidence) is not None:
            graph.add((node, _BKB_evidence, evidence_level(claim.evidence)))
        if claim.basis in BASES:
            graph.add((node, _BKB_basis, evidence_basis(claim.basis)))
        if claim.inferred:
            graph.add((node, _BKB_inferred, Literal(True)))
        for citation in citations:
            path = citation.path
            if path[:2] == ("claims", index) and citation.item.key in kb.references:
                if path[2:3] == ("sources",):
                    graph.add((node, _BKB_source, iris.reference(citation.item.key)))
                elif path[2:3] == ("via",):
                    graph.add((node, _BKB_via, iris.reference(citation.item.key)))
        for other in kb.claim_refs.get(claim.id, ()) if claim.id else ():
            target = kb.cards.get(other)
            if target is not None and other != card.id:
                graph.add((node, _BKB_bearsOn, card_iri(target, iris)))


def _add_relations(graph: TripleSink, card: Card, kb: KnowledgeBase, iris: Iris) -> None:
    subject = card_iri(card, iris)
    for rel_type, _index, target_id in card.relation_targets():
        target = kb.cards.get(target_id)
        if target is None or target.id == card.id:
            continue  # Reported by the checker; an export never points at a missing page.
        obj = card_iri(target, iris)
        if "theme" in (card.kind, target.kind):
            graph.add((subject, _DCTERMS_relation, obj))
            continue
        prop = relation_property(rel_type)
        graph.add((subject, prop, obj))
        if rel_type == "broader":
            graph.add((obj, _SKOS_narrower, subject))
        elif kb.vocabulary.relation_types[rel_type].symmetric:
            graph.add((obj, prop, subject))


def _add_top_concepts(graph: TripleSink, kb: KnowledgeBase, iris: Iris) -> None:
    """Top concepts of a theme: its members with no broader card inside the same theme."""
    for theme in kb.themes():
        members = {card.id for card in kb.cards.values() if card.kind != "theme" and theme.id in card.themes}
        for member_id in sorted(members):
            broader = set(kb.cards[member_id].relations.get("broader", ()))
            if not broader & members:
                graph.add((iris.theme(theme.id), _SKOS_hasTopConcept, iris.concept(member_id)))
                graph.add((iris.concept(member_id), _SKOS_topConceptOf, iris.theme(theme.id)))


def add_knowledge_base(graph: TripleSink, kb: KnowledgeBase, site_url: str = "") -> None:
    """Add the whole knowledge base, and the vocabulary it uses, to ``graph``.

    Args:
        graph: Where the triples go.
        kb: The knowledge base; cards or keys it does not hold are skipped, never invented.
        site_url: The site's address; IRIs are the URLs of its pages (a placeholder when empty).
    """
    iris = Iris.for_site(site_url)
    declare_vocabulary(graph, kb.vocabulary)
    for card in kb.cards.values():
        _add_card(graph, card, kb, iris)
        _add_relations(graph, card, kb, iris)
    _add_top_concepts(graph, kb, iris)
    add_references(graph, kb, iris)


def build_graph(kb: KnowledgeBase, site_url: str = "") -> Graph:
    """The whole knowledge base as an rdflib graph, with the fixed prefixes: to query or validate."""
    graph = new_graph()
    add_knowledge_base(graph, kb, site_url)
    return graph


def build_triples(kb: KnowledgeBase, site_url: str = "") -> set[Triple]:
    """The same triples as :func:`build_graph` in a plain set: what the serialisers need, built faster."""
    triples: set[Triple] = set()
    with paused_gc():
        add_knowledge_base(triples, kb, site_url)
    return triples
