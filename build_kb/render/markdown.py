"""Our own HTML inside Markdown that MkDocs converts: attribute values, citations, colons.

Card text is not handled here: it is read by :mod:`build_kb.markdown_scan` and cleaned by
:mod:`build_kb.render.sanitize`. What is left is for hand-written pages, which go through
MkDocs' own Python-Markdown: HTML of our making (a citation) must come out of it unchanged.
"""

from __future__ import annotations

import re

from build_kb.render.tags import attr

escape_attr = attr
"""Text for an HTML attribute value in double quotes (:func:`build_kb.render.tags.attr`)."""


def colon(lang: str) -> str:
    """A label's colon as the language writes it (French puts a no-break space first)."""
    return "\u00a0: " if lang == "fr" else ": "


_MD_ACTIVE = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_[]{}|~^="})
"""Characters some Markdown inline syntax (or a common extension) acts on, as entities.

Parentheses and ``!`` only act after a ``]`` (a link, an image), and every ``[`` and ``]``
of ours is an entity, so they stay as they are, except an opening parenthesis at the very
start (card text before it could end with ``[text]``)."""
_MD_IN_TAG = str.maketrans({char: f"&#{ord(char)};" for char in "\\`[]"})
"""What Markdown reads inside a tag before it sets inline HTML aside: code spans, escapes, links."""
_TAG_SPLIT_RE = re.compile(r"(<[A-Za-z/][^<>]*>)")
_BLOCK_START_RE = re.compile(r"^(\s*)(?:([#>+\-(])|(\d+)([.)]))")


def _entity_block_start(match: re.Match[str]) -> str:
    if match.group(2):
        return f"{match.group(1)}&#{ord(match.group(2))};"
    return f"{match.group(1)}{match.group(3)}&#{ord(match.group(4))};"


def markdown_proof(html_text: str) -> str:
    """Safe HTML of our own making (a formatted reference, a citation) that Markdown passes unchanged.

    Python-Markdown runs code spans, backslash escapes and links over inline HTML before
    it sets the tags aside, and emphasis over the text between them. Every character those
    act on becomes an entity in the text, so the HTML renders the same in a paragraph, a
    list item, a table cell or a raw ``<p>`` block; so does a first character that would
    start a heading, a list or a link's destination; ``://`` becomes ``&#58;//`` so no
    extension turns a shown URL into a second link. Inside tags, brackets, backticks and
    backslashes (in a URL) become entities too; attribute values written by the caller
    come from :func:`markdown_attr`.
    """
    pieces = _TAG_SPLIT_RE.split(html_text)
    for index, piece in enumerate(pieces):
        if index % 2:
            pieces[index] = piece.translate(_MD_IN_TAG)
        else:
            pieces[index] = piece.translate(_MD_ACTIVE).replace("://", "&#58;//")
    return _BLOCK_START_RE.sub(_entity_block_start, "".join(pieces), count=1)


def markdown_attr(text: str) -> str:
    """Plain text as an attribute value (in double quotes) of a tag inside Markdown: see :func:`markdown_proof`."""
    return escape_attr(text).translate(_MD_IN_TAG)
