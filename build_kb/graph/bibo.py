"""References as BIBO documents and their authors as FOAF people.

Only what a reader can trust goes in: decoded titles, ISO or year dates, DOIs, and
http(s) addresses (any other scheme in a ``url`` field is left out, as on the site).
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from build_kb.bibliography.people import Identities, identities
from build_kb.graph.triples import TripleSink
from build_kb.graph.vocab import BIBO, Iris
from build_kb.ids import Slug, author_slug
from build_kb.model import KnowledgeBase, Person, Reference

DOCUMENT_TYPES: dict[str, URIRef] = {
    "article": BIBO.Article,
    "inproceedings": BIBO.Article,
    "conference": BIBO.Article,
    "book": BIBO.Book,
    "incollection": BIBO.Chapter,
    "inbook": BIBO.Chapter,
    "phdthesis": BIBO.Thesis,
    "mastersthesis": BIBO.Thesis,
    "thesis": BIBO.Thesis,
    "techreport": BIBO.Report,
    "report": BIBO.Report,
}
"""BibTeX entry type -> BIBO class; any other type is a plain ``bibo:Document``."""

_LITERAL_FIELDS = (("volume", BIBO.volume), ("number", BIBO.issue), ("pages", BIBO.pages))
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RE = re.compile(r"^\d{4}$")
_HTTP_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$", re.IGNORECASE)
# Terms bound once: rdflib looks a namespace attribute up on every access (microseconds), and
# these are read for every card and entry.
_BIBO_Document = BIBO.Document
_BIBO_doi = BIBO.doi
_BIBO_editor = BIBO.editor
_BIBO_uri = BIBO.uri
_DCTERMS_creator = DCTERMS.creator
_DCTERMS_date = DCTERMS.date
_DCTERMS_identifier = DCTERMS.identifier
_DCTERMS_title = DCTERMS.title
_FOAF_Person = FOAF.Person
_FOAF_familyName = FOAF.familyName
_FOAF_givenName = FOAF.givenName
_FOAF_name = FOAF.name
_RDF_type = RDF.type
_XSD_anyURI = XSD.anyURI
_XSD_date = XSD.date
_XSD_gYear = XSD.gYear


def _date(reference: Reference) -> Literal | None:
    """``dcterms:date``: a full ISO date when the entry has one, else the year."""
    date = reference.fields.get("date", "").strip()
    if _DATE_RE.match(date):
        return Literal(date, datatype=_XSD_date)
    year = reference.year.strip()
    if _YEAR_RE.match(year):
        return Literal(year, datatype=_XSD_gYear)
    return Literal(year) if year else None


def _add_person(graph: TripleSink, subject: URIRef, person: Person) -> None:
    graph.add((subject, _RDF_type, _FOAF_Person))
    graph.add((subject, _FOAF_name, Literal(person.display or person.last)))
    family = " ".join(part for part in (person.von, person.last) if part)
    if family:
        graph.add((subject, _FOAF_familyName, Literal(family)))
    if person.first:
        graph.add((subject, _FOAF_givenName, Literal(person.first)))


def add_reference(graph: TripleSink, reference: Reference, iris: Iris, people: Identities | None = None) -> URIRef:
    """Describe one BibTeX entry; returns its IRI (the URL of its reference page).

    ``people``: which names are the same person (one IRI, the author page's URL); each name its own when None.
    """
    subject = iris.reference(reference.key)
    graph.add((subject, _RDF_type, _BIBO_Document))
    doc_type = DOCUMENT_TYPES.get(reference.entry_type)
    if doc_type is not None:
        graph.add((subject, _RDF_type, doc_type))
    graph.add((subject, _DCTERMS_identifier, Literal(reference.key)))
    if reference.title:
        graph.add((subject, _DCTERMS_title, Literal(reference.title)))
    date = _date(reference)
    if date is not None:
        graph.add((subject, _DCTERMS_date, date))
    doi = reference.fields.get("doi", "").strip()
    if doi:
        graph.add((subject, _BIBO_doi, Literal(doi)))
    url = reference.fields.get("url", "").strip()
    if _HTTP_RE.match(url):
        graph.add((subject, _BIBO_uri, Literal(url, datatype=_XSD_anyURI)))
    for name, prop in _LITERAL_FIELDS:
        value = reference.fields.get(name, "").strip()
        if value:
            graph.add((subject, prop, Literal(value)))
    slug_of = people.of if people is not None else author_slug
    for person in reference.authors:
        graph.add((subject, _DCTERMS_creator, iris.author(slug_of(person))))
    for person in reference.editors:
        graph.add((subject, _BIBO_editor, iris.author(slug_of(person))))
    return subject


def add_references(graph: TripleSink, kb: KnowledgeBase, iris: Iris) -> None:
    """Every entry of the library (cited or not) and every person named in one."""
    references = [kb.references[key] for key in sorted(kb.references)]
    people = identities(references)
    for reference in references:
        add_reference(graph, reference, iris, people)
    for slug, person in people.persons.items():
        _add_person(graph, iris.author(Slug(slug)), person)
