"""Diagnostics: bad input is a value, never an exception.

Every stage yields :class:`Diagnostic` objects; the top level (CLI or plugin) sorts
them, prints or logs them, and alone decides the exit code.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

MAX_MESSAGE_CHARS = 500
"""A message or hint longer than this is cut (it quotes a person's text, which may be huge)."""

_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
"""What a terminal, a log or a CI annotation must not receive raw: C0 and C1 controls (ESC
and CSI start terminal commands, a newline starts a forged diagnostic line), DEL, the
Unicode line and paragraph separators, and the bidirectional controls that reorder text."""


def _escape(char: re.Match[str]) -> str:
    code = ord(char.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, limit: int = 0) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), cut to ``limit`` characters.

    Diagnostics quote people's text (YAML keys, BibTeX keys, file names): made safe once,
    here, they are safe in every output format, the MkDocs log included.
    """
    if _UNSAFE_RE.search(text):
        text = _UNSAFE_RE.sub(_escape, text)
    return text[: limit - 1] + "\u2026" if limit and len(text) > limit else text


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

    def __post_init__(self) -> None:
        # Escaping is idempotent (an escape holds no control character), so a diagnostic
        # read back from the build cache comes out the same.
        object.__setattr__(self, "path", safe_text(self.path))
        object.__setattr__(self, "message", safe_text(self.message, MAX_MESSAGE_CHARS))
        object.__setattr__(self, "hint", safe_text(self.hint, MAX_MESSAGE_CHARS))
        if self.related:
            object.__setattr__(self, "related", tuple(safe_text(item, MAX_MESSAGE_CHARS) for item in self.related))

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
