"""SPARQL over the knowledge base, in memory, with results for people or for programs.

Queries may use the export's prefixes (``skos:``, ``bkb:``, ...) without declaring them;
declaring them keeps a query portable to any SPARQL endpoint.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from build_kb.graph import QUERY_FORMATS as QUERY_FORMATS
from build_kb.graph.serialize import curie, to_jsonld, to_turtle
from build_kb.graph.vocab import PREFIXES


class QueryError(Exception):
    """The query does not parse or cannot run: a problem in the query file, not in build_kb."""


def run_query(graph: Graph, text: str) -> Result:
    """Parse and evaluate a SPARQL query, turning rdflib's many failure types into :class:`QueryError`."""
    try:
        result = graph.query(text, initNs=dict(PREFIXES))
        if result.type == "SELECT":
            _ = result.bindings  # Evaluation is lazy: make errors surface here.
    except Exception as error:  # pyparsing, rdflib and evaluation errors alike
        raise QueryError(f"{type(error).__name__}: {error}".strip()) from error
    return result


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return curie(str(value)) or str(value)
    if isinstance(value, Literal):
        return " ".join(str(value).split())
    return str(value)


def format_table(variables: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: a header, a rule, one line per row; IRIs of the vocabulary shortened."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(variables)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(value.ljust(width) for value, width in zip(values, widths, strict=True)).rstrip()

    lines = [line(variables), line(["-" * width for width in widths])]
    lines.extend(line(row) for row in cells)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: Result, fmt: str) -> str:
    """Text for ``fmt`` (table, csv or json). CONSTRUCT/DESCRIBE give Turtle (JSON-LD for json)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        built = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            built.bind(prefix, namespace)
        for triple in result:
            built.add(triple)  # type: ignore[arg-type]
        if any(isinstance(node, BNode) for triple in built for node in triple):
            # A query may construct blank nodes, which the export's own writers never meet.
            return built.serialize(format="json-ld" if fmt == "json" else "turtle")
        return to_jsonld(built) if fmt == "json" else to_turtle(built)
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    variables = [str(v) for v in result.vars or []]
    if fmt == "table":
        return format_table(variables, [tuple(row) for row in result])  # type: ignore[arg-type]
    data = result.serialize(format=fmt)
    text = data.decode("utf-8") if isinstance(data, bytes) else ""
    if fmt == "json":
        return json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return text
