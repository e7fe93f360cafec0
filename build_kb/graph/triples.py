"""What the graph builders write to: any object with ``add(triple)``.

An rdflib ``Graph`` is one (to query or validate); a plain ``set`` is another, about
three times faster to fill and to read back, which is all the serialisers need.
"""

from __future__ import annotations

from typing import Protocol

from rdflib.term import Node

from build_kb.collector import paused_gc

__all__ = ["Triple", "TripleSink", "paused_gc"]

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """Where triples go: ``rdflib.Graph`` or ``set[Triple]``."""

    def add(self, triple: Triple, /) -> object: ...
