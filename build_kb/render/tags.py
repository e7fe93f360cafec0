"""HTML building blocks for generated pages: every text escaped, every attribute quoted.

Generated pages are written as HTML, not Markdown: MkDocs would otherwise run
Python-Markdown (and ``md_in_html``, and its HTML parser) over every page, which cost
several times the whole build of a plain site (``bench/RESULTS.md``). Only card text,
which people write in Markdown, still goes through Markdown (:mod:`build_kb.render.text`).

Every function takes HTML for its body and plain text where it says ``text``; nothing
here lets plain text through unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE_RE = re.compile(r"\s+")


def text(value: str) -> str:
    """Plain text (a label, a summary, a BibTeX field) as inline HTML: escaped, on one line."""
    return html.escape(_SPACE_RE.sub(" ", _CONTROL_RE.sub("", value)).strip(), quote=False)


def attr(value: str) -> str:
    """Plain text for an attribute value in double quotes."""
    return html.escape(_CONTROL_RE.sub("", value), quote=True)


_URL_SAFE = "!#$%&'*+,-./:;=?@[]_~"


def url(value: str) -> str:
    """An absolute URL the caller checked (http(s), mailto), percent-encoded so no space or quote survives."""
    return quote(value, safe=_URL_SAFE)


def a(href: str, body: str, css: str = "", title: str = "") -> str:
    """A link; ``href`` is a URL the caller made safe (relative, or checked http(s)), ``title`` plain text."""
    extra = (f' class="{attr(css)}"' if css else "") + (f' title="{attr(title)}"' if title else "")
    return f'<a href="{attr(href)}"{extra}>{body}</a>'


PERMALINK_TITLE = "Permanent link"
"""The title of a heading's ``¶`` link: Python-Markdown's ``toc`` default, which generated headings copy."""
_PERMALINK_END = f'title="{PERMALINK_TITLE}">&para;</a>'


def localise_permalinks(page: str, title: str) -> str:
    """A page whose headings' ``¶`` links carry ``title`` in place of ``toc``'s English default.

    ``toc`` takes one ``permalink_title`` for the whole site; each tree says it in its language.
    A project that set its own title keeps it (only the default is replaced).
    """
    if title == PERMALINK_TITLE or _PERMALINK_END not in page:
        return page
    return page.replace(_PERMALINK_END, f'title="{attr(title)}">&para;</a>')


def heading(level: int, anchor: str, body: str, css: str = "", lang: str = "") -> str:
    """A section heading with its id and a permalink, as the ``toc`` extension writes them."""
    extra = (f' class="{attr(css)}"' if css else "") + (f' lang="{attr(lang)}"' if lang else "")
    link = f'<a class="headerlink" href="#{attr(anchor)}" title="{PERMALINK_TITLE}">&para;</a>'
    return f'<h{level} id="{attr(anchor)}"{extra}>{body}{link}</h{level}>'


def p(body: str, css: str = "") -> str:
    """A paragraph ("" for an empty body, so optional parts vanish)."""
    if not body:
        return ""
    return f'<p class="{attr(css)}">{body}</p>' if css else f"<p>{body}</p>"


def ul(items: Iterable[str], css: str = "") -> str:
    """A list of HTML items ("" when there is none)."""
    inner = "".join(f"<li>{item}</li>" for item in items)
    if not inner:
        return ""
    return f'<ul class="{attr(css)}">{inner}</ul>' if css else f"<ul>{inner}</ul>"


def strong(body: str) -> str:
    return f"<strong>{body}</strong>"


def em(body: str) -> str:
    return f"<em>{body}</em>"


def code(value: str) -> str:
    """Plain text as inline code."""
    return f"<code>{html.escape(value, quote=False)}</code>"


def label(name: str, colon: str, body: str) -> str:
    """``<strong>Kind</strong> : Concept``: a plain-text name, the language's colon, an HTML value."""
    return f"{strong(text(name))}{colon}{body}"


def join(parts: Iterable[str], separator: str = "\n") -> str:
    """The non-empty parts, joined."""
    return separator.join(part for part in parts if part)
