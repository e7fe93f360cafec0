"""Citation rules: every citation is well-formed and names a work of the library.

Codes: ``unknown-reference``, ``bad-citation``.

Failing example::

    definition:
      en: Learning is situated [@wenger1998comunities, p. 47].   # did you mean 'wenger1998communities'?
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.checks.positions import text_position
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.model import KnowledgeBase
from build_kb.schema import suggest


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Report malformed citations and citations of keys the library lacks."""
    for card in kb.cards.values():
        found, problems = kb.citations_of(card.id)
        for bad in problems:
            problem = bad.problem
            yield report(
                "bad-citation",
                card.path,
                text_position(card, bad.path, bad.text, problem.start, len(problem.snippet) or 1),
                f"{problem.message}: '{problem.snippet}'",
                problem.hint,
            )
        for citation in found:
            key = citation.item.key
            if key in kb.references:
                continue
            hint = suggest(key, kb.references) or "add its entry to a .bib file under references/"
            yield report(
                "unknown-reference",
                card.path,
                text_position(card, citation.path, citation.text, citation.item.start, len(key) + 1),
                f"citation key '{key}' is not in the BibTeX library",
                hint,
            )
