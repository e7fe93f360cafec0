"""Pausing Python's cycle collector while a stage makes many objects and no garbage cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a stage builds many objects (a graph, a whole library).

    Hundreds of thousands of small objects (terms, tuples, dicts of cards and entries)
    and few reference cycles: the collector only rescans them, again and again. Pausing
    it saves about 40% of building and writing the graph at 5,000 cards (see
    ``bench/RESULTS-graph.md``) and a quarter of loading the project; reference counting
    still frees everything, the rare cycle is collected once the collector runs again,
    and the previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
