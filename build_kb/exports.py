"""The table of downloadable exports: one entry per format, shared by the CLI and the site.

Each :class:`Exporter` turns an :class:`ExportSource` into text. The source builds the
RDF graph and the layout at most once, so writing Turtle and JSON-LD in the same build
costs one graph. To add a format (CSL-JSON, BibTeX), write a function
``(ExportSource) -> str`` and add an entry to :data:`EXPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from build_kb.config import ProjectConfig
from build_kb.model import KnowledgeBase

# The exporters' own imports wait until one runs: this table is read by ``check``'s
# command line, which must start without rdflib, and the layout needs igraph (site extra).
if TYPE_CHECKING:
    from rdflib import Graph

    from build_kb.graph.layout import LayoutPlan, Point
    from build_kb.graph.serialize import Subjects
    from build_kb.graph.triples import Triple


class ExportSource:
    """What exporters read: a knowledge base and its settings, with derived data built once."""

    def __init__(self, kb: KnowledgeBase, config: ProjectConfig) -> None:
        self.kb = kb
        self.config = config

    @cached_property
    def triples(self) -> set[Triple]:
        """The RDF triples, IRIs based on the project's ``site_url`` (what the serialisers read)."""
        from build_kb.graph.rdf import build_triples

        return build_triples(self.kb, self.config.site_url)

    @cached_property
    def subjects(self) -> Subjects:
        """The triples grouped by subject, once for both the Turtle and the JSON-LD."""
        from build_kb.graph.serialize import group_by_subject

        return group_by_subject(self.triples)

    @cached_property
    def graph(self) -> Graph:
        """The same triples as an rdflib graph, to query."""
        from build_kb.graph.rdf import new_graph

        graph = new_graph()
        for triple in self.triples:
            graph.add(triple)
        return graph

    @cached_property
    def layout_plan(self) -> LayoutPlan:
        """Where the layout comes from: the build cache, or computed."""
        from build_kb.graph.layout import LayoutPlan

        return LayoutPlan(self.kb, self.config.root)

    @cached_property
    def layout(self) -> dict[str, Point]:
        """The graph layout (``graph.json`` and the pictures), from the build cache when the links are unchanged."""
        return self.layout_plan.layout()


def _turtle(source: ExportSource) -> str:
    from build_kb.graph.serialize import turtle_of

    return turtle_of(source.subjects)


def _jsonld(source: ExportSource) -> str:
    from build_kb.graph.serialize import jsonld_of

    return jsonld_of(source.subjects)


def _graph_json(source: ExportSource) -> str:
    from build_kb.graph.export import to_graph_json

    return to_graph_json(source.kb, source.layout)


def _csl_json(source: ExportSource) -> str:
    from build_kb.bibliography.exports import references_csl_json

    return references_csl_json(source.kb.references)


def _bibtex(source: ExportSource) -> str:
    from build_kb.bibliography.exports import references_bibtex

    return references_bibtex(source.kb.references)


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format.

    Attributes:
        name: The CLI's ``--format`` value.
        filename: Where the site publishes it, from the site root.
        media_type: The MIME type, for links and servers.
        description: One line for ``--help`` and the docs.
        render: Makes the text (deterministic: same input, same bytes).
    """

    name: str
    filename: str
    media_type: str
    description: str
    render: Callable[[ExportSource], str]


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("turtle", "kb.ttl", "text/turtle", "the concept graph as RDF (Turtle)", _turtle),
        Exporter(
            "json-ld",
            "kb.jsonld",
            "application/ld+json",
            "the concept graph as RDF (JSON-LD)",
            _jsonld,
        ),
        Exporter(
            "graph-json",
            "graph.json",
            "application/json",
            "nodes, edges and layout for the graph picture",
            _graph_json,
        ),
        Exporter(
            "csl-json",
            "references.json",
            "application/vnd.citationstyles.csl+json",
            "the library as CSL-JSON, sorted by key",
            _csl_json,
        ),
        Exporter(
            "bibtex",
            "references.bib",
            "application/x-bibtex",
            "the library as BibTeX, normalised and sorted by key",
            _bibtex,
        ),
    )
}
