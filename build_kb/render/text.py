"""Card text (Markdown people write) as HTML, citations linked.

The text is read once, by the checker's reading (:func:`~build_kb.markdown_scan.scan`:
CommonMark, raw HTML off, unsafe links dropped, images made links). Its tokens are
rendered with each citation as a private-use mark, and nh3 has the last word
(:func:`~build_kb.render.sanitize.clean_html`). That HTML does not depend on the page the
text goes on, so it is cached by text for the life of the process (``mkdocs serve``
converts only the text that changed); the citations, HTML of our own making that depends
on the page, are cleaned the same way and go in last, where the marks stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from build_kb.citations import Citation
from build_kb.markdown_scan import scan, to_html
from build_kb.render.sanitize import clean_html

MARK_OPEN, MARK_CLOSE = "\ue210", "\ue211"
"""Private-use characters around a citation's number; :func:`~build_kb.markdown_scan.scan` reads them in card text as U+FFFD."""
_MARK_RE = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
_CACHE_LIMIT = 50_000

_cache: dict[str, str] = {}


def markdown_html(text: str) -> str:
    """Card Markdown as clean HTML, each citation as a numbered mark; cached by text."""
    found = _cache.get(text)
    if found is None:
        read = scan(text)
        numbers = {id(citation): index for index, citation in enumerate(read.summary.citations)}
        found = clean_html(to_html(read.tokens, lambda c: f"{MARK_OPEN}{numbers[id(c)]}{MARK_CLOSE}")).rstrip("\n")
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
    citations = scan(text).summary.citations
    rendered = [clean_html(cite(citation)) for citation in citations]
    return _MARK_RE.sub(lambda match: rendered[int(match.group(1))], converted)
