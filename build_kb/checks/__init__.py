"""The checks: one module per family of rules, each yielding diagnostics.

Like yamllint's rules, each module has a ``check(kb)`` generator. :func:`run_checks`
runs them all; the order of the list is the order they are documented in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from build_kb.checks import citations, claims, coverage, graph, references, safety
from build_kb.diagnostics import Diagnostic
from build_kb.model import KnowledgeBase

Check = Callable[[KnowledgeBase], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    graph.check,
    citations.check,
    claims.check,
    references.check,
    safety.check,
    coverage.check,
)


def run_checks(kb: KnowledgeBase) -> list[Diagnostic]:
    """Run every check on a loaded knowledge base."""
    return [diagnostic for check in CHECKS for diagnostic in check(kb)]
