"""What makes card text unsafe to publish: raw HTML and links with dangerous schemes.

Cards arrive by pull request from anyone, and their Markdown is rendered into pages
other people open. The checker refuses raw HTML and any link whose scheme is not
http, https or mailto; the renderer escapes HTML as well, as a second line of defence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from build_kb.citations import mask_code

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_HTML_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--|!\[CDATA\[|![A-Za-z]|\?[A-Za-z])")
_INLINE_LINK_RE = re.compile(r"\]\(\s*<?(?P<dest>[^)\s>]*)")
_AUTOLINK_RE = re.compile(r"<(?P<dest>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_REFDEF_RE = re.compile(r"(?m)^ {0,3}\[[^\]]+\]:\s*<?(?P<dest>\S+?)>?(?:\s|$)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """An unsafe piece of text: where it starts, the text itself, and what it is."""

    start: int
    snippet: str
    kind: str  # "html" or "link"


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, lowercased, or None for a relative URL.

    Entities are decoded and control characters and spaces removed first, since
    browsers ignore them (``java&#115;cript:`` and ``java\\tscript:`` are javascript).
    """
    cleaned = _INVISIBLE_RE.sub("", html.unescape(url))
    match = _SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs: the only links we ever make."""
    scheme = link_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def find_unsafe(markdown: str) -> list[Finding]:
    """Raw HTML and unsafe link destinations in ``markdown``, in text order.

    Autolinks such as ``<https://example.org>`` are links, not HTML; code spans and
    fenced code are shown as text and so are safe.
    """
    if "<" not in markdown and "](" not in markdown and "]:" not in markdown:
        return []  # Each pattern below needs one of these: most card texts have none.
    text = mask_code(markdown)
    findings: list[Finding] = []
    autolinks = {m.start() for m in _AUTOLINK_RE.finditer(text)}
    for match in _HTML_RE.finditer(text):
        if match.start() not in autolinks:
            findings.append(Finding(match.start(), match.group(0)[:60], "html"))
    for pattern in (_INLINE_LINK_RE, _AUTOLINK_RE, _REFDEF_RE):
        for match in pattern.finditer(text):
            dest = match.group("dest")
            if not is_safe_url(dest):
                findings.append(Finding(match.start("dest"), dest[:60], "link"))
    findings.sort(key=lambda f: f.start)
    return findings
