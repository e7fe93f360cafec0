"""What the graph builders write to: any object with ``add(triple)``.

An rdflib ``Graph`` is one (to query or validate); a plain ``set`` is another, about
three times faster to fill and to read back, which is all the serialisers need.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """Where triples go: ``rdflib.Graph`` or ``set[Triple]``."""

    def add(self, triple: Triple, /) -> object: ...


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a big graph is built or written.

    Hundreds of thousands of small objects (terms, tuples, strings) and no reference
    cycles: the collector only rescans them, again and again. Pausing it saves about 40%
    at 5,000 cards (see ``bench/RESULTS-graph.md``); plain reference counting still frees
    everything, and the previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
