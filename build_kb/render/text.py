"""Card text (Markdown people write) as HTML, citations linked.

The text is defused first (:func:`~build_kb.render.markdown.defuse_markdown`: no raw
HTML, attribute list, image or unsafe link), each citation held aside as a private-use
token; Python-Markdown converts it, :func:`~build_kb.render.html_guard.guard_html` checks
the result, and only then do the citations (HTML of our own making) go in.

The conversion does not depend on the page the text goes on (links to it are the
citations', put in afterwards), so it is cached by text, for the life of the process:
``mkdocs serve`` converts only the text that changed. A text that is plain prose (no
character Markdown acts on, no line that could start a block) skips Markdown altogether:
its HTML is known, and is what Markdown gives (``tests/unit/test_text.py`` checks it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import markdown

from build_kb.citations import Citation, find_citations
from build_kb.render.html_guard import guard_html
from build_kb.render.markdown import defuse_markdown

TOKEN_OPEN, TOKEN_CLOSE = "\ue210", "\ue211"
_TOKEN_RE = re.compile(f"{TOKEN_OPEN}(\\d+){TOKEN_CLOSE}")
_NO_TOKENS = str.maketrans({TOKEN_OPEN: None, TOKEN_CLOSE: None})
EXTENSIONS = ("tables",)
"""Markdown extensions card text may use (besides Python-Markdown's core syntax)."""

_PLAIN_RE = re.compile(r"[^\\`*_\[\]<&|\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*")
"""Text with no character an inline syntax of Markdown (or of :data:`EXTENSIONS`) acts on."""
_BLOCK_LINE_RE = re.compile(r"(?m)^(?:[ #>=+\-]|\d+[.)])| $")
"""A line that could start a block (indented, heading, quote, list, ruler) or ends in a hard break."""
_BLANK_RE = re.compile(r"\n[ \t]*\n\s*")
_CACHE_LIMIT = 50_000

_converter: markdown.Markdown | None = None
_cache: dict[str, str] = {}


def _convert(text: str) -> str:
    """Markdown -> HTML, with one converter for the process (making one per text costs more than converting)."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    _converter.reset()
    return _converter.convert(text)


def plain_html(text: str) -> str | None:
    """The HTML of text Markdown would leave as plain paragraphs, or None when it might not."""
    if not _PLAIN_RE.fullmatch(text) or _BLOCK_LINE_RE.search(text):
        return None
    paragraphs = [part.strip("\n") for part in _BLANK_RE.split(text.strip())]
    return "\n".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs if part.strip())


def markdown_html(text: str) -> str:
    """Defused card Markdown (tokens and all) as checked HTML; cached by text."""
    found = _cache.get(text)
    if found is None:
        plain = plain_html(text)
        found = plain if plain is not None else guard_html(_convert(text))
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[text] = found
    return found


def card_html(text: str, cite: Callable[[Citation], str]) -> str:
    """A card's Markdown as HTML, each citation replaced by ``cite(citation)``.

    Args:
        text: The card text, as written.
        cite: Citation -> its HTML (linked, formatted).
    """
    citations, _ = find_citations(text)
    if not citations:
        return markdown_html(defuse_markdown(text.translate(_NO_TOKENS)))
    pieces: list[str] = []
    position = 0
    clean = text
    for index, citation in enumerate(citations):
        pieces.append(clean[position : citation.start].translate(_NO_TOKENS))
        pieces.append(f"{TOKEN_OPEN}{index}{TOKEN_CLOSE}")
        position = citation.end
    pieces.append(clean[position:].translate(_NO_TOKENS))
    converted = markdown_html(defuse_markdown("".join(pieces)))
    rendered = [cite(citation) for citation in citations]
    return _TOKEN_RE.sub(lambda match: rendered[int(match.group(1))], converted)
