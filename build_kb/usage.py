"""Where each card cites each work: the index behind citation checks and "cited by".

Derived once from the whole knowledge base, as Material's tags plugin and
sphinxcontrib-bibtex do: the checker, the reference pages and the graph read the same
index, so they cannot disagree about who cites what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from build_kb.citations import CitationItem, CitationProblem
from build_kb.load.yamlmarks import YamlPath
from build_kb.markdown_scan import find_citations


@dataclass(frozen=True, slots=True)
class CardCitation:
    """One cited work in one place of one card.

    Attributes:
        card_id: The citing card.
        path: The YAML path of the text that cites (e.g. ``("definition", "fr")``).
        item: The parsed citation item (key, locator, offset in that text).
        text: The text the offset refers to.
    """

    card_id: str
    path: YamlPath
    item: CitationItem
    text: str

    @property
    def part(self) -> str:
        """Which part of the card cites: definition, claim, note or implications."""
        head = self.path[0]
        if head == "claims":
            return "note" if "note" in self.path else "claim"
        return str(head)


@dataclass(frozen=True, slots=True)
class CardCitationProblem:
    """A malformed citation in one text of one card."""

    card_id: str
    path: YamlPath
    problem: CitationProblem
    text: str


def card_citations(
    card_id: str,
    markdown: Iterable[tuple[YamlPath, str]],
    claims: Iterable[tuple[tuple[str, ...], str]],
) -> tuple[list[CardCitation], list[CardCitationProblem]]:
    """Every citation in a card's Markdown and claim sources, and every malformed one.

    Args:
        card_id: The citing card.
        markdown: The card's Markdown texts with their YAML paths (``Card.markdown_fields()``).
        claims: Each claim's sources and ``via`` (empty when none), in the card's order.
    """
    found: list[CardCitation] = []
    problems: list[CardCitationProblem] = []
    for path, text in markdown:
        citations, bad = find_citations(text)
        found.extend(CardCitation(card_id, path, item, text) for c in citations for item in c.items)
        problems.extend(CardCitationProblem(card_id, path, p, text) for p in bad)
    for index, (sources, via) in enumerate(claims):
        for source_index, source in enumerate(sources):
            path = ("claims", index, "sources", source_index)
            text = f"[{source}]"
            citations, bad = find_citations(text)
            items = [item for c in citations for item in c.items]
            if not items and not bad:
                continue  # The schema already reports a source that is not a citation.
            found.extend(CardCitation(card_id, path, item, text) for item in items)
            problems.extend(CardCitationProblem(card_id, path, p, text) for p in bad)
        if via:  # The work the sources are known through is cited too.
            path, text = ("claims", index, "via"), f"[{via}]"
            citations, bad = find_citations(text)
            found.extend(CardCitation(card_id, path, item, text) for c in citations for item in c.items)
            problems.extend(CardCitationProblem(card_id, path, p, text) for p in bad)
    return found, problems
