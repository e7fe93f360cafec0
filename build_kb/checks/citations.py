"""Citation rules: every citation is well-formed and names a work of the library.

Codes: ``unknown-reference``, ``bad-citation``.

Failing example::

    definition:
      en: Learning is situated [@wenger1998comunities, p. 47].   # did you mean 'wenger1998communities'?
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from build_kb.checks.positions import text_position
from build_kb.citations import CitationProblem
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.load.schema import suggest
from build_kb.model import KnowledgeBase, Reference


def bad_citation(problem: CitationProblem, path: str, position: Position) -> Diagnostic:
    """A malformed citation, worded the same in cards and in docs pages."""
    return report("bad-citation", path, position, f"{problem.message}: '{problem.snippet}'", problem.hint)


def unknown_reference(key: str, references: Mapping[str, Reference], path: str, position: Position) -> Diagnostic:
    """A citation of a key the library lacks, with a did-you-mean, in cards and in docs pages."""
    return report(
        "unknown-reference",
        path,
        position,
        f"citation key '{key}' is not in the BibTeX library",
        suggest(key, references) or "add its entry to a .bib file under references/",
    )


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Report malformed citations and citations of keys the library lacks."""
    for card in kb.cards.values():
        found, problems = kb.citations_of(card.id)
        for bad in problems:
            problem = bad.problem
            position = text_position(card, bad.path, bad.text, problem.start, len(problem.snippet) or 1)
            yield bad_citation(problem, card.path, position)
        for citation in found:
            key = citation.item.key
            if key not in kb.references:
                position = text_position(card, citation.path, citation.text, citation.item.start, len(key) + 1)
                yield unknown_reference(key, kb.references, card.path, position)
