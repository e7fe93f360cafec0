"""Diagnostics: bad input is a value, never an exception.

Every stage yields :class:`Diagnostic` objects; the top level (CLI or plugin) sorts
them, prints or logs them, and alone decides the exit code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """How bad a problem is. ``--strict`` turns warnings into errors."""

    ERROR = "error"
    WARNING = "warning"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.value < other.value


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A 1-based line and column in a file (column counts characters)."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one file.

    Attributes:
        path: The file, relative to the project folder, with ``/`` separators.
        position: Where in the file.
        severity: Error or warning.
        code: A stable code (see :mod:`build_kb.codes`), e.g. ``unknown-concept``.
        message: What is wrong, in one sentence.
        hint: How to fix it, or an empty string.
    """

    path: str
    position: Position
    severity: Severity
    code: str
    message: str
    hint: str = ""
    related: tuple[str, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Sort by file, then position, then code: the order people read in."""
        return (self.path, self.position.line, self.position.column, self.code, self.message)

    def is_error(self, strict: bool = False) -> bool:
        """Tell whether this diagnostic fails a run (warnings do under ``strict``)."""
        return self.severity is Severity.ERROR or strict


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by position and drop exact repeats (two stages may find the same thing)."""
    unique = {(d.sort_key, d.severity.value, d.hint): d for d in diagnostics}
    return [unique[k] for k in sorted(unique)]
