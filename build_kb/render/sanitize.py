"""The last word on HTML made from a person's text: nh3 (Ammonia) keeps only what card text may hold.

Card text is rendered by markdown-it with raw HTML off and unsafe links dropped
(:mod:`build_kb.markdown_scan`); :func:`clean_html` then parses the result as a browser
would and keeps only the elements and attributes below, URLs only when http(s), mailto or
relative, and no image at all: whatever a parser bug or a cache file could slip in, no
script, event handler, style sheet or element loading from another host comes out.
"""

from __future__ import annotations

import nh3

TAGS = frozenset(
    {
        *("p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "a", "span"),
        *("ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("table", "thead", "tbody", "tr", "th", "td"),
        *("i", "b", "u", "sup", "sub"),  # A formatted reference's own tags (build_kb.bibliography.markup).
    }
)
"""What markdown-it writes from CommonMark and tables, and what a citation holds; no ``img``."""
_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(),
    "a": {"href", "title"},
    "span": {"title", "style"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
_CLASSES = {"a": {"kb-cite"}, "span": {"kb-cite"}}
SCHEMES = frozenset({"http", "https", "mailto"})

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    allowed_classes=_CLASSES,
    url_schemes=set(SCHEMES),
    link_rel=None,
    filter_style_properties={"text-align", "font-variant", "font-weight", "font-style"},
    strip_comments=True,
)


def clean_html(fragment: str) -> str:
    """``fragment`` with everything but :data:`TAGS`, their few attributes and safe URLs removed.

    The result is serialised by html5ever; a no-break space stays a character (not
    ``&nbsp;``), so French text reads in the page source as it was written.
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment
    return _CLEANER.clean(fragment).replace("&nbsp;", "\u00a0")
