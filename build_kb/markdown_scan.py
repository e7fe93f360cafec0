"""The one reading of card Markdown: what is a citation, a link, an image or raw HTML.

``python -m build_kb check`` and the renderer both call :func:`summary` and :func:`scan`
(cached by text), so they cannot disagree: what the checker reports is what the renderer neutralises. The
reading is markdown-it-py's CommonMark (plus tables) with the ``html`` option off, and:

- citations are recognised (:func:`~build_kb.citations.match_bracket`,
  :func:`~build_kb.citations.match_narrative`) only where markdown-it reads running text:
  never in code, a link's destination, an autolink, a link's text or an image;
- raw HTML stays text; each tag is recorded, for the ``raw-html`` diagnostic;
- every link, autolink and reference definition (in a list item or a quote too) is read
  by markdown-it itself; one whose URL is not http(s), mailto or relative
  (:func:`~build_kb.safety.is_safe_href`) is recorded and loses its link, its text stays;
- an image never loads: one with a safe URL becomes a link to it (recorded, for a
  warning), any other its alt text.

The rules that do this are in :mod:`build_kb.markdown_rules`.
Offsets are into the text as given (``\\r\\n`` included), for ``path:line:col`` and for
hand-written pages, whose citations are replaced in place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from build_kb.citations import Citation, CitationProblem, match_bracket, match_narrative
from build_kb.markdown_rules import ENV_KEY, Finding, Reading, make_parser

__all__ = ["Finding", "Scan", "Summary", "find_citations", "findings", "scan", "summary", "to_html"]

_NEWLINE_RE = re.compile(r"\r\n?|\x00|[\ue210\ue211]")
"""What markdown-it would rewrite (line breaks, NUL) and the renderer's private citation marks."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What a text holds, for the checker: citations, malformed ones, findings; each in text order."""

    citations: tuple[Citation, ...]
    problems: tuple[CitationProblem, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Scan:
    """A text read once: markdown-it's tokens (never changed after) and its :class:`Summary`."""

    tokens: tuple[Token, ...]
    summary: Summary


EMPTY = Summary((), (), ())


CARD_PARSER = make_parser(page=False)
PAGE_PARSER = make_parser(page=True)


def _normalise(text: str) -> tuple[str, Callable[[int], int]]:
    """The text as markdown-it reads it, and the map from its offsets back to the text's."""
    if not _NEWLINE_RE.search(text):
        return text, lambda offset: offset
    removed: list[int] = []  # Offsets (in the new text) where a "\r\n" became one "\n".

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        if found == "\r\n":
            removed.append(match.start() - len(removed))
            return "\n"
        return "\n" if found == "\r" else "\ufffd"

    normal = _NEWLINE_RE.sub(swap, text)
    if not removed:
        return normal, lambda offset: offset
    return normal, lambda offset: offset + bisect.bisect_left(removed, offset)


@lru_cache(maxsize=2048)
def scan(text: str, page: bool = False) -> Scan:
    """Read ``text`` once: its tokens for the renderer, and what the checker reports.

    Args:
        text: Card text (or, with ``page``, a hand-written page).
        page: Read it as a hand-written page (an indented line is not code).
    """
    source, original = _normalise(text)
    reading = Reading(source, original)
    tokens = (PAGE_PARSER if page else CARD_PARSER).parse(source, {ENV_KEY: reading})
    summary = Summary(
        tuple(sorted(reading.citations, key=lambda c: c.start)),
        tuple(sorted(reading.problems, key=lambda p: p.start)),
        tuple(sorted(reading.findings, key=lambda f: f.start)),
    )
    return Scan(tuple(tokens), summary)


_NEEDS_READING_RE = re.compile(r"[`<\\|\t\r\x00\ue210\ue211]")
_NEEDS_READING = ("](", "][", "]:", "![", "~~~", "    ")
"""What can make Markdown read a ``[`` or an ``@`` otherwise than as running text: code,
an autolink or raw HTML, an escape, a table, a link, an image, a definition, indented code
(four spaces or a tab, after a list marker or a ``>`` too)."""
_CITATION_CHAR_RE = re.compile(r"[\[@]")


def _plain_summary(text: str) -> Summary | None:
    """The summary of a text where every ``[`` and ``@`` is running text, found without Markdown; else None.

    Without any of :data:`_NEEDS_READING_RE` and :data:`_NEEDS_READING`, markdown-it gives
    these characters to the citation rules exactly where they stand, so reading them here
    gives what :func:`scan` gives (``tests/unit/test_markdown_scan.py`` checks it), at a
    fraction of the cost. A citation over two lines (a paragraph could end between) or a
    malformed one is left to :func:`scan`.
    """
    if _NEEDS_READING_RE.search(text) or any(marker in text for marker in _NEEDS_READING):
        return None
    citations: list[Citation] = []
    position = 0
    for match in _CITATION_CHAR_RE.finditer(text):
        start = match.start()
        if start < position:
            continue
        found: Citation | CitationProblem | None
        if text[start] == "[":
            bracket = match_bracket(text, start, len(text))
            if bracket is None:
                continue
            if bracket.problems or bracket.citation is None:
                return None
            found = bracket.citation
        else:
            found = match_narrative(text, start, len(text))
            if found is None:
                continue
            if isinstance(found, CitationProblem):
                return None
        if "\n" in text[found.start : found.end]:
            return None
        citations.append(found)
        position = found.end
    return Summary(tuple(citations), (), ())


@lru_cache(maxsize=65_536)
def summary(text: str, page: bool = False) -> Summary:
    """What the checker needs of ``text``: a text without ``@``, ``[`` or ``<`` has none of it."""
    if "@" not in text and "[" not in text and "<" not in text:
        return EMPTY
    plain = _plain_summary(text)
    return plain if plain is not None else scan(text, page).summary


def find_citations(text: str, page: bool = False) -> tuple[list[Citation], list[CitationProblem]]:
    """Every citation in ``text`` and every malformed one, in text order (:func:`scan`)."""
    if "@" not in text:  # Every citation and every problem holds an "@".
        return [], []
    found = summary(text, page)
    return list(found.citations), list(found.problems)


def findings(text: str) -> tuple[Finding, ...]:
    """Raw HTML, unsafe URLs and images in card ``text``, in text order (:func:`scan`)."""
    return summary(text, False).findings  # The arguments as find_citations passes them: one cache entry.


def to_html(tokens: Sequence[Token], cite: Callable[[Citation], str]) -> str:
    """Tokens of :func:`scan` as HTML, each citation as ``cite(citation)`` (trusted: the caller cleans it)."""
    return str(CARD_PARSER.renderer.render(tokens, CARD_PARSER.options, {"cite": cite}))
