"""Byte-stable, fast serialisations of the graph: Turtle and JSON-LD written here.

rdflib's writers are correct but slow on big graphs (its Turtle writer spends seconds
computing prefixed names at 5,000 cards) and its JSON-LD writer walks Python sets, whose
order changes between runs. The graph here has no blank nodes and no RDF lists, so both
formats reduce to: subjects sorted, ``rdf:type`` first then predicates sorted, objects
sorted. The tests parse both back with rdflib and compare the graphs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from build_kb.graph.triples import Triple, paused_gc
from build_kb.graph.vocab import PREFIXES

_LOCAL_RE = re.compile(r"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*))?$")
_IRI_UNSAFE_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_RE = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')
_LONG_STRING_RE = re.compile(r'[\\"\r\b\f\x00-\x09\x0b-\x1f\x7f]')
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_NAMESPACES = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def curie(iri: str) -> str | None:
    """``skos:Concept`` for an IRI in one of the fixed namespaces with a simple local name."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _LOCAL_RE.match(local):
                return f"{prefix}:{local}"
    return None


class _TurtleTerms:
    """Formats terms, remembering each IRI (the same ones recur thousands of times)."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        text = self._iris.get(iri)
        if text is None:
            text = curie(iri) or "<" + _IRI_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"
            self._iris[iri] = text
        return text

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            return self.literal(node)
        raise TypeError(f"the export has no {type(node).__name__} (only IRIs and literals)")

    def literal(self, literal: Literal) -> str:
        text = str(literal)
        if "\n" in text:
            body = '"""' + _LONG_STRING_RE.sub(_escape, text) + '"""'
        else:
            body = '"' + _STRING_RE.sub(_escape, text) + '"'
        if literal.language:
            return f"{body}@{literal.language}"
        datatype = literal.datatype
        if datatype is not None and str(datatype) != _XSD_STRING:
            return f"{body}^^{self.iri(str(datatype))}"
        return body


Subjects = dict[str, dict[str, list[Node]]]
"""Triples grouped by subject IRI (sorted) then predicate IRI: what both writers walk."""


def group_by_subject(triples: Iterable[Triple]) -> Subjects:
    """Group triples by subject, subjects sorted: one pass shared by the Turtle and JSON-LD writers.

    Hundreds of thousands of small containers at 5,000 cards: the cycle collector is
    paused meanwhile, as for the writers (it would rescan them again and again).
    """
    with paused_gc():
        subjects: dict[str, dict[str, list[Node]]] = {}
        for subject, predicate, obj in triples:
            if not isinstance(subject, URIRef) or not isinstance(predicate, URIRef):
                raise TypeError("the export has only IRIs as subjects and predicates")
            predicates = subjects.get(str(subject))
            if predicates is None:
                predicates = subjects[str(subject)] = {}
            objects = predicates.get(str(predicate))
            if objects is None:
                predicates[str(predicate)] = [obj]
            else:
                objects.append(obj)
        return dict(sorted(subjects.items()))


def _predicate_order(predicates: Iterable[str]) -> list[str]:
    """``rdf:type`` first (Turtle's ``a``), then by IRI."""
    return sorted(predicates, key=lambda p: (p != _RDF_TYPE, p))


def to_turtle(triples: Iterable[Triple]) -> str:
    """Turtle: every fixed prefix declared, one block per subject, everything sorted.

    Args:
        triples: An rdflib ``Graph`` or any iterable of triples (IRIs and literals only).
    """
    with paused_gc():
        return _turtle(group_by_subject(triples))


def turtle_of(subjects: Subjects) -> str:
    """:func:`to_turtle` of triples already grouped (:func:`group_by_subject`)."""
    with paused_gc():
        return _turtle(subjects)


def _turtle(subjects: Subjects) -> str:
    terms = _TurtleTerms()
    lines = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(PREFIXES.items())]
    for subject, predicates in subjects.items():
        lines.append("")
        parts = []
        for predicate in _predicate_order(predicates):
            verb = "a" if predicate == _RDF_TYPE else terms.iri(predicate)
            objects = sorted({terms.term(obj) for obj in predicates[predicate]})
            parts.append(f"{verb} " + ",\n        ".join(objects))
        lines.append(terms.iri(subject) + " " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines) + "\n"


def _jsonld_id(iri: str) -> str:
    """A compact IRI when a fixed prefix fits, else the IRI itself."""
    return curie(iri) or iri


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context``: the same prefixes as the Turtle."""
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}


def to_jsonld(triples: Iterable[Triple]) -> str:
    """Compact JSON-LD: the prefixes as ``@context``, one node object per line, everything sorted.

    Every property value is an array and every literal an object, so consumers need
    one code path; one line per node keeps diffs readable and the writer fast.
    """
    with paused_gc():
        return _jsonld(group_by_subject(triples))


def jsonld_of(subjects: Subjects) -> str:
    """:func:`to_jsonld` of triples already grouped (:func:`group_by_subject`)."""
    with paused_gc():
        return _jsonld(subjects)


def _jsonld(subjects: Subjects) -> str:
    # Strings are written with json's own escaping and objects with their keys in sorted
    # order: the bytes json.dumps(sort_keys=True, separators=(",", ":")) would give, without
    # an encoder per value (most of this writer's time).
    quote = encode_basestring
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    iri_values: dict[str, str] = {}

    def curies(iri: str) -> str:
        text = names.get(iri)
        if text is None:
            text = names[iri] = _jsonld_id(iri)
        return text

    def short(iri: str) -> str:
        text = ids.get(iri)
        if text is None:
            text = ids[iri] = quote(curies(iri))
        return text

    def value(node: Node) -> str:
        if isinstance(node, URIRef):
            iri = str(node)
            text = iri_values.get(iri)
            if text is None:
                text = iri_values[iri] = '{"@id":' + short(iri) + "}"
            return text
        if isinstance(node, Literal):
            body = '"@value":' + quote(str(node)) + "}"
            if node.language:
                return '{"@language":' + quote(node.language) + "," + body
            datatype = node.datatype
            if datatype is not None and str(datatype) != _XSD_STRING:
                return '{"@type":' + short(str(datatype)) + "," + body
            return "{" + body
        raise TypeError(f"the export has no {type(node).__name__} (only IRIs and literals)")

    nodes = []
    for subject, predicates in subjects.items():
        parts = ['"@id":' + short(subject)]
        for predicate, objects in predicates.items():
            if predicate == _RDF_TYPE:
                types = sorted({curies(str(o)) for o in objects})  # Sorted as names, then quoted.
                parts.append('"@type":[' + ",".join(quote(name) for name in types) + "]")
            else:
                parts.append(short(predicate) + ":[" + ",".join(sorted({value(o) for o in objects})) + "]")
        nodes.append("{" + ",".join(sorted(parts)) + "}")
    context = json.dumps(jsonld_context(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return '{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(nodes) + "\n]}\n"
