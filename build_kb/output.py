"""Printing diagnostics for people (text), for CI (GitHub annotations) and tools (JSON)."""

from __future__ import annotations

import json
from collections import Counter

from build_kb.diagnostics import Diagnostic, Severity

FORMATS = ("text", "github", "json")


def _severity(diagnostic: Diagnostic, strict: bool) -> str:
    return "error" if diagnostic.is_error(strict) else "warning"


def format_text(diagnostic: Diagnostic, strict: bool = False) -> str:
    """``path:line:col: error[code]: message`` and, indented below, the hint."""
    pos = diagnostic.position
    where = f"{diagnostic.path}:{pos.line}:{pos.column}"
    line = f"{where}: {_severity(diagnostic, strict)}[{diagnostic.code}]: {diagnostic.message}"
    return f"{line}\n  hint: {diagnostic.hint}" if diagnostic.hint else line


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostic: Diagnostic, strict: bool = False) -> str:
    """A GitHub Actions workflow command, so the problem shows on the changed line."""
    pos = diagnostic.position
    message = diagnostic.message + (f"\n{diagnostic.hint}" if diagnostic.hint else "")
    props = ",".join(
        [
            f"file={_github_escape(diagnostic.path, True)}",
            f"line={pos.line}",
            f"col={pos.column}",
            f"title={_github_escape(diagnostic.code, True)}",
        ]
    )
    return f"::{_severity(diagnostic, strict)} {props}::{_github_escape(message)}"


def to_json(diagnostics: list[Diagnostic], strict: bool = False) -> str:
    """Every diagnostic as a JSON list of objects, one per problem."""
    return json.dumps(
        [
            {
                "path": d.path,
                "line": d.position.line,
                "column": d.position.column,
                "severity": _severity(d, strict),
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
        indent=2,
        ensure_ascii=False,
    )


def summary(diagnostics: list[Diagnostic], cards: int, references: int, strict: bool = False) -> str:
    """One line: how many cards and references, errors and warnings."""
    counts = Counter(_severity(d, strict) for d in diagnostics)
    errors, warnings = counts["error"], counts["warning"]

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(cards, 'card')}, {plural(references, 'reference')}: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    )


__all__ = ["FORMATS", "Severity", "format_github", "format_text", "summary", "to_json"]
