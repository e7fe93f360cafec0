"""Pandoc citations in Markdown become links to reference pages.

``[@wenger1998, p. 47]`` -> "([Wenger, 1998, p. 47](../references/wenger1998.md))";
narrative ``@wenger1998`` -> "[Wenger (1998)](...)". The parser is the checker's
(:func:`build_kb.citations.find_citations`), so both see the same citations. An unknown
key stays as plain text: the checker reports it. The output holds only escaped text and
relative links, so :func:`build_kb.render.markdown.defuse_markdown` leaves it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from build_kb.citations import Citation, CitationItem, find_citations
from build_kb.model import Reference
from build_kb.render import urls
from build_kb.render.markdown import escape_text
from build_kb.render.reference_text import author_label, year_label


@dataclass(frozen=True, slots=True)
class UnknownKey:
    """A cited key that is not in the library, and where its ``@`` stands in the text."""

    key: str
    start: int


def _target(key: str, references: Mapping[str, Reference], from_uri: str) -> str | None:
    if key not in references:
        return None
    uri = urls.reference_uri(key)
    return urls.link(from_uri, uri) if uri else None


def _suffix(item: CitationItem) -> str:
    return f", {item.suffix}" if item.suffix else ""


def render_item(
    item: CitationItem, narrative: bool, lang: str, references: Mapping[str, Reference], from_uri: str
) -> str:
    """One cited work as Markdown: linked author-year text, or the key as plain text."""
    reference = references.get(item.key)
    target = _target(item.key, references, from_uri)
    if reference is None or target is None:
        return escape_text(f"{item.prefix} @{item.key}{_suffix(item)}".strip())
    year = year_label(reference, lang)
    if narrative:
        text = f"{author_label(reference)} ({year}{_suffix(item)})"
    elif item.suppress_author:
        text = f"{year}{_suffix(item)}"
    else:
        text = f"{author_label(reference)}, {year}{_suffix(item)}"
    prefix = f"{escape_text(item.prefix)} " if item.prefix else ""
    return f"{prefix}[{escape_text(text)}]({target})"


def render_citation(citation: Citation, lang: str, references: Mapping[str, Reference], from_uri: str) -> str:
    """A whole citation: "(A, 1998; B, 2001)" or, narrative, "A (1998)"."""
    items = [render_item(item, citation.narrative, lang, references, from_uri) for item in citation.items]
    return items[0] if citation.narrative else f"({'; '.join(items)})"


def replace_citations(
    text: str, lang: str, references: Mapping[str, Reference], from_uri: str
) -> tuple[str, list[UnknownKey]]:
    """Every citation of ``text`` replaced by links; the unknown keys, for a page to report."""
    citations, _ = find_citations(text)
    pieces: list[str] = []
    unknown: list[UnknownKey] = []
    position = 0
    for citation in citations:
        pieces.append(text[position : citation.start])
        pieces.append(render_citation(citation, lang, references, from_uri))
        unknown.extend(UnknownKey(item.key, item.start) for item in citation.items if item.key not in references)
        position = citation.end
    pieces.append(text[position:])
    return "".join(pieces), unknown
