"""Replace methods of citeproc-py's classes for the duration of a block, then put them back.

citeproc-py builds its element objects through lxml's class lookup, so there is no
subclass to hand it; changing its classes is the only way in. Doing so only inside
``with patches.active():`` keeps other users of citeproc-py in the same process
unaffected. Re-entrant; not thread-safe (MkDocs builds in one thread).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

TESTED_UPSTREAM = "citeproc-py 0.11"
"""The citeproc-py the patches were written against (``pyproject.toml`` pins ``~=0.11.1``)."""


class PatchTargetMissing(ImportError):
    """What a patch replaces or relies on is gone: citeproc-py changed under us."""


def _installed() -> str:
    try:
        return version("citeproc-py")
    except PackageNotFoundError:  # pragma: no cover - installed as a dependency
        return "unknown"


def require(module: ModuleType, targets: Iterable[str], patcher: str) -> None:
    """Fail at import, naming the upstream version, unless every ``Class.attribute`` exists in ``module``.

    A patch that silently stopped applying after an upgrade would change the output without
    a word; this makes the upgrade fail loudly in CI instead.

    Raises:
        PatchTargetMissing: when a class or one of its attributes is missing.
    """
    missing = []
    for target in targets:
        owner: Any = module
        for part in target.split("."):
            owner = getattr(owner, part, None)
            if owner is None:
                missing.append(target)
                break
    if missing:
        raise PatchTargetMissing(
            f"{patcher} patches {module.__name__} as of {TESTED_UPSTREAM}, but citeproc-py {_installed()} "
            f"has no {', '.join(missing)}: check the patch against the new version, then update the pin"
        )


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
