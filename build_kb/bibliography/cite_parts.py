"""A citation as the formatter hands it to a page: its works, the punctuation around them, and
the small rules that join a citation's own words (given names, suffixes, locators) to what citeproc printed."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from build_kb.bibliography.csl_json import CslItem
from build_kb.bibliography.markup import inline_markdown
from build_kb.bibliography.style import CSL_NS


@dataclass(frozen=True, slots=True)
class CitePart:
    """One cited work of a citation, as the style writes it.

    Attributes:
        key: The cited key (link target: its reference page).
        known: Whether the key is in the library (an unknown key renders as ``key?``).
        prefix: The author's words before it (``see``), plain text, not part of the link.
        html: The work as the style cites it, e.g. ``Wenger, 1998, p. 47``: safe HTML.
        text: The same as plain text.
    """

    key: str
    known: bool
    prefix: str
    html: str
    text: str

    @property
    def prefix_html(self) -> str:
        """The prefix as safe HTML (its inline Markdown rendered), with the space that follows it ("" when none)."""
        return f"{inline_markdown(self.prefix)} " if self.prefix else ""


@dataclass(frozen=True, slots=True)
class CiteParts:
    """A citation split into its works and the style's punctuation around and between them.

    ``open + delimiter.join(prefix + item for each part) + close`` is the citation:
    ``(`` ``Wenger, 1998, p. 47`` ``; `` ``Clot, 2005`` ``)``. A narrative citation has
    one part ("Wenger (1998)") and no punctuation around it.
    """

    open: str
    delimiter: str
    close: str
    parts: tuple[CitePart, ...]

    def to_html(self, link: Callable[[CitePart], str] | None = None) -> str:
        """The citation as HTML; ``link(part)`` makes each known work's HTML (e.g. an ``<a>``)."""
        items = [part.prefix_html + (link(part) if link and part.known else part.html) for part in self.parts]
        escape = html.escape
        return escape(self.open, quote=False) + escape(self.delimiter, quote=False).join(items) + escape(self.close)

    def to_text(self) -> str:
        """The citation as plain text."""
        items = [(f"{part.prefix} " if part.prefix else "") + part.text for part in self.parts]
        return self.open + self.delimiter.join(items) + self.close


def with_given(markup: str, item: CslItem, given: str) -> str:
    """The cite's first name with its given name before it ("Crinon" -> "J. Crinon")."""
    people = item.get("author") or item.get("editor") or []
    person = people[0] if people else {}
    family = " ".join(p for p in (person.get("non-dropping-particle", ""), person.get("family", "")) if p)
    shown = html.escape(family, quote=False)
    index = markup.find(shown) if shown else -1
    if index < 0:
        return markup
    return f"{markup[:index]}{html.escape(given, quote=False)} {markup[index:]}"


def joined_suffix(rest: str, after_locator: bool) -> str:
    """The suffix text as pandoc joins it to the cited work: after a locator as written (" and
    *passim*", "."), else after a comma unless it starts with punctuation of its own."""
    if not rest.strip():
        return ""
    if after_locator:
        return rest if not rest[0].isalnum() else f" {rest}"
    rest = rest.strip()
    return rest if rest[0] in ",.;:!?" else f", {rest}"


def locator_variant(locator: tuple[str, str] | None) -> str:
    return f"{locator[0]}:{locator[1]}" if locator else ""


LOCATOR_SENTINEL = "9081726354"
"""The locator value a citation template is rendered with: plain digits, like the values it stands for."""


def plain_number(value: str) -> bool:
    """A locator value such as ``12`` or ``131``: ASCII digits without a leading zero."""
    return value.isascii() and value.isdigit() and not value.startswith("0")


@lru_cache(maxsize=64)
def numbers_print_as_written(xml: bytes) -> bool:
    """Whether the style prints a locator of plain digits as written, whatever the number.

    Only ``cs:number`` with a ``form`` other than numeric (ordinal, roman) makes the text
    depend on the number; everything else citeproc does with such a value (its label,
    ``is-numeric``, a range's dash, text case) is the same for every one.
    """
    try:
        root = ET.fromstring(xml)  # noqa: S314  (a style is project configuration)
    except ET.ParseError:
        return False
    for element in root.iter(f"{{{CSL_NS}}}number"):
        if "locator" in element.get("variable", "").split() and element.get("form", "numeric") != "numeric":
            return False
    return True
