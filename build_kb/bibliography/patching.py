"""Replace methods of citeproc-py's classes for the duration of a block, then put them back.

citeproc-py builds its element objects through lxml's class lookup, so there is no
subclass to hand it; changing its classes is the only way in. Doing so only inside
``with patches.active():`` keeps other users of citeproc-py in the same process
unaffected. Re-entrant; not thread-safe (MkDocs builds in one thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

Patch = tuple[type, str, Any]
"""A class, the name of one of its attributes, and the replacement."""

_MISSING = object()


class ScopedPatches:
    """A set of replacements, installed by :meth:`active`; subclasses say which in :meth:`patches`."""

    def __init__(self) -> None:
        self._depth = 0
        self._saved: list[Patch] = []

    def patches(self) -> list[Patch]:
        raise NotImplementedError

    @contextmanager
    def active(self) -> Iterator[None]:
        """Install the replacements for the duration of the block."""
        if self._depth == 0:
            for cls, name, replacement in self.patches():
                self._saved.append((cls, name, cls.__dict__.get(name, _MISSING)))
                setattr(cls, name, replacement)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                for cls, name, original in reversed(self._saved):
                    if original is _MISSING:
                        delattr(cls, name)
                    else:
                        setattr(cls, name, original)
                self._saved.clear()
