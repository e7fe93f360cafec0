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

from rdflib import Graph

from build_kb.bibliography.exports import references_bibtex, references_csl_json
from build_kb.config import ProjectConfig
from build_kb.graph.export import to_graph_json
from build_kb.graph.layout import LayoutPlan, Point
from build_kb.graph.rdf import build_triples, new_graph
from build_kb.graph.serialize import Subjects, group_by_subject, jsonld_of, turtle_of
from build_kb.graph.triples import Triple
from build_kb.model import KnowledgeBase


class ExportSource:
    """What exporters read: a knowledge base and its settings, with derived data built once."""

    def __init__(self, kb: KnowledgeBase, config: ProjectConfig) -> None:
        self.kb = kb
        self.config = config

    @cached_property
    def triples(self) -> set[Triple]:
        """The RDF triples, IRIs based on the project's ``site_url`` (what the serialisers read)."""
        return build_triples(self.kb, self.config.site_url)

    @cached_property
    def subjects(self) -> Subjects:
        """The triples grouped by subject, once for both the Turtle and the JSON-LD."""
        return group_by_subject(self.triples)

    @cached_property
    def graph(self) -> Graph:
        """The same triples as an rdflib graph, to query."""
        graph = new_graph()
        for triple in self.triples:
            graph.add(triple)
        return graph

    @cached_property
    def layout_plan(self) -> LayoutPlan:
        """Where the layout comes from: the build cache, or computed."""
        return LayoutPlan(self.kb, self.config.root)

    @cached_property
    def layout(self) -> dict[str, Point]:
        """The graph layout (``graph.json`` and the pictures), from the build cache when the links are unchanged."""
        return self.layout_plan.layout()


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
        Exporter(
            "turtle", "kb.ttl", "text/turtle", "the concept graph as RDF (Turtle)", lambda s: turtle_of(s.subjects)
        ),
        Exporter(
            "json-ld",
            "kb.jsonld",
            "application/ld+json",
            "the concept graph as RDF (JSON-LD)",
            lambda s: jsonld_of(s.subjects),
        ),
        Exporter(
            "graph-json",
            "graph.json",
            "application/json",
            "nodes, edges and layout for the graph picture",
            lambda s: to_graph_json(s.kb, s.layout),
        ),
        Exporter(
            "csl-json",
            "references.json",
            "application/vnd.citationstyles.csl+json",
            "the library as CSL-JSON, sorted by key",
            lambda s: references_csl_json(s.kb.references),
        ),
        Exporter(
            "bibtex",
            "references.bib",
            "application/x-bibtex",
            "the library as BibTeX, normalised and sorted by key",
            lambda s: references_bibtex(s.kb.references),
        ),
    )
}
