"""Card text (Markdown people write) as HTML, citations linked.

The text is read once, by the checker's reading (:func:`~build_kb.markdown_scan.scan`:
CommonMark, raw HTML off, unsafe links dropped, images made links). Its tokens are
rendered with each citation as a private-use mark, and nh3 has the last word
(:func:`~build_kb.render.sanitize.clean_html`). That HTML does not depend on the page the
text goes on, so it is cached by text for the life of the process (``mkdocs serve``
converts only the text that changed); the citations, HTML of our own making that depends
on the page, are cleaned the same way and go in last, where the marks stand.

Most card text is prose with citations: with each citation as its mark, it holds no
character Markdown acts on and no line that could start a block. Its HTML is known
(:func:`plain_html`) and is what markdown-it and nh3 give (``tests/unit/test_text.py``
checks it), so such text skips them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from build_kb.citations import Citation
from build_kb.markdown_scan import scan, summary, to_html
from build_kb.render.sanitize import clean_html

MARK_OPEN, MARK_CLOSE = "\ue210", "\ue211"
"""Private-use characters around a citation's number; the reading turns them into U+FFFD in card text."""
_MARK_RE = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
_CACHE_LIMIT = 50_000
_PLAIN_RE = re.compile(r"[^\\`*_\[\]<&|~\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*")
"""Text with no character an inline rule of CommonMark (or of tables) acts on."""
_BLOCK_LINE_RE = re.compile(r"(?m)^(?:[ #>=+\-]|\d+[.)])| $")
"""A line that could start a block (indented, heading, quote, list, ruler) or ends in a hard break."""
_BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n)+")

_cache: dict[str, str] = {}


def plain_html(text: str) -> str | None:
    """The HTML of text Markdown would leave as plain paragraphs, or None when it might not."""
    if not _PLAIN_RE.fullmatch(text) or _BLOCK_LINE_RE.search(text):
        return None
    paragraphs = [part.strip(" \t\n") for part in _BLANK_LINES_RE.split(text)]
    paragraphs = [part for part in paragraphs if part]
    if any(part[0].isspace() or part[-1].isspace() for part in paragraphs):
        return None  # Which other spaces end a paragraph is markdown-it's to say.
    return "\n".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs)


def _marked(text: str) -> str | None:
    """``text`` with each citation as its mark; None when the text holds something else to report."""
    found = summary(text, False)
    if found.findings or found.problems:
        return None
    pieces: list[str] = []
    position = 0
    for index, citation in enumerate(found.citations):
        pieces.append(text[position : citation.start])
        pieces.append(f"{MARK_OPEN}{index}{MARK_CLOSE}")
        position = citation.end
    pieces.append(text[position:])
    return "".join(pieces)


def converted_html(text: str) -> str:
    """Card Markdown through markdown-it and nh3, each citation as a numbered mark (no shortcut)."""
    read = scan(text)
    numbers = {id(citation): index for index, citation in enumerate(read.summary.citations)}
    return clean_html(to_html(read.tokens, lambda c: f"{MARK_OPEN}{numbers[id(c)]}{MARK_CLOSE}")).rstrip("\n")


def markdown_html(text: str) -> str:
    """Card Markdown as clean HTML, each citation as a numbered mark; cached by text."""
    found = _cache.get(text)
    if found is None:
        marked = _marked(text) if MARK_OPEN not in text and MARK_CLOSE not in text else None
        plain = plain_html(marked) if marked is not None else None
        found = plain if plain is not None else converted_html(text)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[text] = found
    return found


def card_html(text: str, cite: Callable[[Citation], str]) -> str:
    """A card's Markdown as HTML, each citation replaced by ``cite(citation)`` (cleaned).

    Args:
        text: The card text, as written.
        cite: Citation -> its HTML (linked, formatted).
    """
    converted = markdown_html(text)
    if MARK_OPEN not in converted:
        return converted
    citations = summary(text, False).citations
    rendered = [clean_html(cite(citation)) for citation in citations]
    return _MARK_RE.sub(lambda match: rendered[int(match.group(1))], converted)
