"""A generated page: its title, its meta data, and its HTML, made when MkDocs asks for it.

Pages are rendered lazily, one at a time, as MkDocs builds them, so a build holds one
page's HTML at a time rather than every page's.

Parts of a page are *late* (:func:`late`): pictures, the BibTeX block, and the lists of
links to other pages (relations, references, "cited by", a theme's cards). They go in
after Material's search has indexed the page (:func:`split_late`, :func:`fill_late`), so
the index holds each page's own words: a search for a card finds the card, not every page
that links to it, and the search index (which every reader downloads) and its build stay
the size of the text, not of the links and pictures.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

LATE_OPEN, LATE_CLOSE = "<!--kb-late-->", "<!--/kb-late-->"
LATE_SLOT = '<div class="kb-late-slot"></div>'
"""Where a late part waits, in the HTML search indexes, to be put back."""

_HEADING_RE = re.compile(r'<h(?P<level>[2-6]) id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)</h(?P=level)>', re.DOTALL)
_PERMALINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")

SEARCH_DROPS = ("a", "abbr", "b", "bdi", "cite", "em", "i", "mark", "q", "s", "small", "span", "strong", "time", "u")
"""Inline tags Material's search neither keeps nor splits sections on (its ``Parser``): they only cost it time.
Block tags stay: search nests sections by them."""
_DROPPED_TAG_RE = re.compile(rf"<!--.*?-->|</?(?:{'|'.join(SEARCH_DROPS)})(?:\s[^>]*)?>", re.DOTALL)
_OPAQUE_RE = re.compile(r"<(?:script|style|object|svg|template)[\s>]|data-search-exclude")


@dataclass(frozen=True)
class Page:
    """One generated page.

    Attributes:
        title: Plain text (the browser tab, the navigation, search results).
        render: Makes the page's HTML.
        meta: Front-matter fields for the theme and plugins (``search``, ``hide``).
        source: The project file the page shows, for its "edit" button.
        head: Makes what goes in the page's ``<head>`` (a reference's ``citation_*`` meta tags), if anything.
    """

    title: str
    render: Callable[[], str]
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    head: Callable[[], str] | None = None

    def full(self) -> str:
        """The page's HTML as a reader gets it (late parts in place)."""
        return unmark(self.render())


def late(html: str) -> str:
    """Mark a part of a page as late: put in after search indexing ("" stays "")."""
    return f"{LATE_OPEN}{html}{LATE_CLOSE}" if html else ""


def unmark(html: str) -> str:
    """A page's HTML with its late parts in place and their marks gone."""
    return html.replace(LATE_OPEN, "").replace(LATE_CLOSE, "")


def split_late(html: str) -> tuple[str, list[str]]:
    """The HTML search indexes (each late part a :data:`LATE_SLOT`), and the late parts in order."""
    parts: list[str] = []
    pieces: list[str] = []
    position = 0
    while (start := html.find(LATE_OPEN, position)) >= 0:
        end = html.find(LATE_CLOSE, start + len(LATE_OPEN))
        if end < 0:
            break
        parts.append(html[start + len(LATE_OPEN) : end])
        pieces += [html[position:start], LATE_SLOT]
        position = end + len(LATE_CLOSE)
    pieces.append(html[position:])
    return "".join(pieces), parts


def fill_late(output: str, parts: list[str]) -> str:
    """Put the late parts back in their slots, in order (a slot left over is removed)."""
    pieces = output.split(LATE_SLOT)
    filled = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        filled.append(parts[index] if index < len(parts) else "")
        filled.append(piece)
    return "".join(filled)


def search_view(content: str) -> str:
    """The HTML search indexes: the same sections and words, without the tags search drops.

    Material's search parses every page's HTML, and its cost grows with the tags: a card
    page's citations, badges and emphasis made it parse five times as many tags as a plain
    page of the same length. It sees this lighter view, and the reader the page itself
    (the plugin swaps them back once search has read the page). Permalinks and the
    empty slots of late parts go; headings keep their ids, which search turns into
    section links.
    A page holding something search would skip whole (a script, an excluded block) is
    given as it is.
    """
    if _OPAQUE_RE.search(content):
        return content
    return _DROPPED_TAG_RE.sub("", _PERMALINK_RE.sub("", content.replace(LATE_SLOT, "")))


def toc_tokens(content: str) -> list[dict[str, Any]]:
    """The table of contents of generated HTML: its ``<h2>``-``<h6>`` with an id, nested.

    The same tokens as Python-Markdown's ``toc`` extension gives MkDocs (``level``,
    ``id``, ``name``, ``children``), so the theme shows them as for any page. Titles
    (``<h1>``) stay out, as on a Markdown page where the title is the page's.
    """
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for match in _HEADING_RE.finditer(content):
        level = int(match.group("level"))
        name = _TAG_RE.sub("", _PERMALINK_RE.sub("", match.group("body"))).strip()
        token: dict[str, Any] = {
            "level": level,
            "id": html.unescape(match.group("id")),
            "name": name,
            "children": [],
        }
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
