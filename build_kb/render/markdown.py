"""Making text safe to hand to MkDocs: plain text made inert, card Markdown defused.

Card text comes from anyone's pull request. The checker refuses raw HTML and unsafe
links, but pages are also built while people edit (``mkdocs serve``) and from checks
run without ``--strict``, so the renderer defuses the text itself:

- every ``<`` becomes ``&lt;`` (raw HTML cannot start), except an autolink to an
  http(s) or mailto address; this holds inside code too, because a code span that
  the checker sees is not always one Markdown sees (``\\```), and a line that starts
  with ``<`` opens an HTML block even inside one;
- every ``{`` and ``}`` becomes an entity, so attribute lists (``{: onclick=...}``)
  cannot add attributes to the page;
- ``![`` becomes ``\\![``: an image would load from another host, a link does not;
- the destination of every link whose scheme is not http(s) or mailto becomes ``#``;
- a fence left open is closed, so it cannot swallow the rest of the page.
"""

from __future__ import annotations

import html
import re

from build_kb.render.tags import attr
from build_kb.safety import SAFE_SCHEMES, link_scheme

_MD_PUNCT_RE = re.compile(r"([\\`*_\[\]()!])")
_LINE_START_RE = re.compile(r"^(?:(?P<marker>[#+\-])|(?P<number>\d+)(?P<dot>[.)]))")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE_RE = re.compile(r"\s+")
_AUTOLINK_RE = re.compile(r"<(?P<dest>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
# Destinations of inline links, reference definitions and autolinks, searched in the
# whole text (code included): a false alarm only changes a shown URL to '#'.
_LINK_DEST_RES = (
    re.compile(r"\]\(\s*<?(?P<dest>[^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*)"),
    re.compile(r"(?m)^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?(?P<dest>[^\s<>]+)"),
    _AUTOLINK_RE,
)
_FENCE_RE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
"""Characters Python-Markdown lets a backslash escape: ``\\!`` is a literal ``!``."""


def escape_text(text: str) -> str:
    """Plain text (a label, a summary, a BibTeX field) as Markdown that shows it as is.

    Line breaks become spaces, so the text stays inline wherever it is put.
    """
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", text)).strip()
    text = html.escape(text, quote=False)
    text = _MD_PUNCT_RE.sub(r"\\\1", text)
    text = _LINE_START_RE.sub(_escape_line_start, text)
    return text.replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;")


def _escape_line_start(match: re.Match[str]) -> str:
    """Keep a text that starts like a heading, list item or ruler from becoming one."""
    if match.group("marker"):
        return "\\" + match.group("marker")
    return match.group("number") + "\\" + match.group("dot")


escape_attr = attr
"""Text for an HTML attribute value in double quotes (:func:`build_kb.render.tags.attr`)."""


def colon(lang: str) -> str:
    """A label's colon as the language writes it (French puts a no-break space first)."""
    return "\u00a0: " if lang == "fr" else ": "


def _safe_autolink(text: str, index: int) -> int:
    """The end of a safe autolink starting at ``index``, or -1."""
    match = _AUTOLINK_RE.match(text, index)
    if match and link_scheme(match.group("dest")) in SAFE_SCHEMES:
        return match.end()
    return -1


def _defuse_links(text: str) -> str:
    spans: list[tuple[int, int]] = []
    for pattern in _LINK_DEST_RES:
        for match in pattern.finditer(text):
            scheme = link_scheme(match.group("dest"))
            if scheme is not None and scheme not in SAFE_SCHEMES:
                spans.append(match.span("dest"))
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + "#" + text[end:]
    return text


def _close_fences(text: str) -> str:
    open_fence = ""
    for line in text.split("\n"):
        match = _FENCE_RE.match(line)
        if not match:
            continue
        fence = match.group("fence")
        if not open_fence:
            open_fence = fence
        elif fence[0] == open_fence[0] and len(fence) >= len(open_fence) and not line.strip().strip(fence[0]):
            open_fence = ""
    return f"{text}\n{open_fence}" if open_fence else text


_DEFUSE_RE = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]|<|\{|\}|!\[")
"""What the defuser acts on: a backslash escape (kept whole), ``<``, ``{``, ``}``, ``![``."""


def defuse_markdown(text: str) -> str:
    """Card Markdown made inert: no raw HTML, attribute list, image or unsafe link.

    Citations may be replaced by links of our own making first: text from
    :func:`escape_text` and relative links pass through unchanged.
    """
    text = _defuse_links(_CONTROL_RE.sub("", text))
    return _close_fences(_defuse_chars(text)) if _DEFUSE_RE.search(text) else _close_fences(text)


def _defuse_chars(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _DEFUSE_RE.finditer(text):
        start = match.start()
        if start < position:  # Inside a safe autolink kept whole.
            continue
        out.append(text[position:start])
        found = match.group(0)
        position = match.end()
        if found[0] == "\\":
            out.append(found)  # Already inert; and "\\![" must not become "\\\\![".
        elif found == "<":
            end = _safe_autolink(text, start)
            if end != -1:
                out.append(text[start:end])
                position = end
            else:
                out.append("&lt;")
        elif found == "{":
            out.append("&#123;")
        elif found == "}":
            out.append("&#125;")
        else:
            out.append("\\![")
    out.append(text[position:])
    return "".join(out)


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
