"""A generated page: its title, its meta data, and its HTML, made when MkDocs asks for it.

Pages are rendered lazily, one at a time, as MkDocs builds them, so a build holds one
page's HTML at a time rather than every page's. A page may also hold *late* HTML (a
card's local graph): it goes in after Material's search has indexed the page, in the
slot :data:`LATE_SLOT` marks, so the index holds the card's words, not the picture's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

LATE_SLOT = '<div class="kb-late-slot"></div>'
"""Where a page's late HTML goes (see :meth:`Page.full`)."""

_HEADING_RE = re.compile(r'<h(?P<level>[2-6]) id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)</h(?P=level)>', re.DOTALL)
_PERMALINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Page:
    """One generated page.

    Attributes:
        title: Plain text (the browser tab, the navigation, search results).
        render: Makes the page's HTML.
        meta: Front-matter fields for the theme and plugins (``search``, ``hide``).
        source: The project file the page shows, for its "edit" button.
        late: Makes the HTML put in the page's :data:`LATE_SLOT` after search indexing.
    """

    title: str
    render: Callable[[], str]
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    late: Callable[[], str] | None = None

    def content(self) -> str:
        """The page's HTML, as search indexes it."""
        return self.render()

    def full(self) -> str:
        """The page's HTML with its late part in place, as a reader gets it."""
        content = self.render()
        return fill_late(content, self.late() if self.late else "")


def fill_late(content: str, late: str) -> str:
    """Put ``late`` HTML in the slot of ``content`` (which loses the slot either way)."""
    return content.replace(LATE_SLOT, late, 1)


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
