"""Which URLs card text may publish: http(s), mailto and same-site relative links.

Cards arrive by pull request from anyone, and their Markdown is rendered into pages
other people open. :mod:`build_kb.markdown_scan` asks :func:`is_safe_href` about every
link the Markdown makes; the checker reports the others and the renderer drops them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


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


def is_safe_href(href: str) -> bool:
    """:func:`is_safe_url` for a link Markdown made, read as written and with its %-escapes decoded.

    Markdown percent-encodes what it cannot put in a URL (``<java\\tscript:x>`` becomes
    ``java%09script:x``); a browser would not run that, but the person wrote a javascript
    link, and the checker says so.
    """
    return is_safe_url(href) and ("%" not in href or is_safe_url(unquote(href)))
