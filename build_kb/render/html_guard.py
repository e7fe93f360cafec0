"""A last check on the HTML of generated pages: no script, handler or unsafe URL survives.

The Markdown is already defused (:mod:`build_kb.render.markdown`); this pass is the
second line of defence against a Markdown construct that parser and defuser read
differently. It works on the HTML Python-Markdown writes (well-formed tags, quoted
attributes), in two linear regex passes, and leaves clean HTML byte for byte as it was.
"""

from __future__ import annotations

import re

from build_kb.safety import SAFE_SCHEMES, link_scheme

_DANGEROUS_TAG_RE = re.compile(
    r"<(?=/?(?:script|iframe|frame|frameset|object|embed|applet|style|base|form|meta|link|template|noscript|portal)\b)",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<[A-Za-z][^<>]*>")
_ATTR_RE = re.compile(
    r"""(?P<space>\s+)(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""",
)
_URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "srcset"})


def _clean_attr(match: re.Match[str]) -> str:
    name = match.group("name").lower()
    if name.startswith("on"):
        return ""
    value = match.group("value")
    if name in _URL_ATTRS and value is not None:
        url = value.strip("\"'")
        scheme = link_scheme(url)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            return f'{match.group("space")}{match.group("name")}="#"'
    return match.group(0)


def _clean_tag(match: re.Match[str]) -> str:
    return _ATTR_RE.sub(_clean_attr, match.group(0))


def guard_html(html: str) -> str:
    """Neutralise dangerous elements, event handlers and non-http(s) URLs in ``html``."""
    html = _DANGEROUS_TAG_RE.sub("&lt;", html)
    return _TAG_RE.sub(_clean_tag, html)
