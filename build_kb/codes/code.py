"""What a diagnostic code is: its default severity, group, meaning, a failing example and its fix."""

from __future__ import annotations

from dataclasses import dataclass

from build_kb.diagnostics import Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    """A diagnostic code: its default severity, group, meaning, a failing example and its fix."""

    name: str
    severity: Severity
    group: str
    summary: str
    example: str = ""
    fix: str = ""
