"""Make citeproc-py's HTML safe, link DOIs and URLs, and derive plain text.

citeproc-py's HTML formatter escapes the style's own terms but passes the data through
as it is: a title holding ``<script>`` would come out as a script. So data goes in with
``&``, ``<`` and ``>`` replaced by private-use characters (:func:`protect`), and
:func:`finish` turns them into entities after rendering, once every markup tag in the
text is known to be the formatter's. Anything that still looks like a tag and is not one
of the formatter's (a style's affix, say) is escaped too.

Two more private-use characters mark where a citation's author names start and end,
so one rendering gives the full citation, the names alone and the rest without them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

AMP, LT, GT = "\ue100", "\ue101", "\ue102"
AUTHOR_OPEN, AUTHOR_CLOSE = "\ue103", "\ue104"
_SENTINELS = str.maketrans({AMP: None, LT: None, GT: None, AUTHOR_OPEN: None, AUTHOR_CLOSE: None})
_PROTECT = str.maketrans({"&": AMP, "<": LT, ">": GT})
_RESTORE = str.maketrans({AMP: "&amp;", LT: "&lt;", GT: "&gt;"})

# The formatter's tags (citeproc.formatter.html) and entities; everything else is text.
_TOKEN_RE = re.compile(
    r"(</?(?:i|b|u|sup|sub)>|<span style=\"font-variant:small-caps;\">|</span>|</?l>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
_LIGHT = {"<l>": '<span style="font-weight:lighter;">', "</l>": "</span>"}
_TAG_RE = re.compile(r"<[^<>]*>")
# CSL processors drop a period that follows a question or exclamation mark ("venture?." -> "venture?"),
# or another period ("Lille 3.." -> "Lille 3."; an ellipsis stays).
_DOUBLE_STOP_RE = re.compile(r"((?<!\.)[?!.])((?:</(?:i|b|u|sup|sub|span)>)*)\.(?!\.)")
_ANCHOR_RE = re.compile(r"(<a\s[^>]*>.*?</a>)", re.DOTALL)
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"
_LEADING_DELIMITER_RE = re.compile(r"^(?:\s|[,;:])+")
_TRAILING_DELIMITER_RE = re.compile(r"(?:\s|[,;:])+$")


def protect(text: str) -> str:
    """Data text as it goes into citeproc: markup characters hidden, stray sentinels removed."""
    return text.translate(_SENTINELS).translate(_PROTECT)


def finish(raw: str) -> str:
    """citeproc's output as safe HTML: only the formatter's tags stay tags, data is escaped."""
    pieces = _TOKEN_RE.split(raw)
    for index, piece in enumerate(pieces):
        if index % 2:
            pieces[index] = _LIGHT.get(piece, piece)
        else:
            pieces[index] = html.escape(piece, quote=False)
    return _DOUBLE_STOP_RE.sub(r"\1\2", "".join(pieces)).translate(_RESTORE)


def to_text(markup: str) -> str:
    """Plain text of finished HTML: tags dropped, entities decoded, author marks removed."""
    return html.unescape(_TAG_RE.sub("", markup)).translate(_SENTINELS)


def _href(url: str) -> str:
    return html.escape(quote(url, safe=_URL_SAFE), quote=True)


def _link_first(markup: str, candidates: list[str], href: str) -> tuple[str, bool]:
    """Wrap the first occurrence of a candidate text (outside existing links) in a link."""
    parts = _ANCHOR_RE.split(markup)
    for candidate in candidates:
        if not candidate:
            continue
        for index in range(0, len(parts), 2):
            position = parts[index].find(candidate)
            if position != -1:
                text = parts[index]
                link = f'<a href="{href}">{candidate}</a>'
                parts[index] = text[:position] + link + text[position + len(candidate) :]
                return "".join(parts), True
    return markup, False


def link_identifiers(markup: str, doi: str | None, url: str | None) -> str:
    """Turn the DOI and the URL shown in an entry into links (DOIs to https://doi.org/).

    Only a well-formed DOI and an http(s) URL (the only URLs CSL-JSON carries) are
    linked; text the style printed is never changed, only wrapped.
    """
    if doi and _DOI_RE.match(doi):
        shown = html.escape(doi, quote=False)
        candidates = [f"{prefix}{shown}" for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/")]
        markup, _ = _link_first(markup, [*candidates, shown], _href(f"https://doi.org/{doi}"))
    if url:
        markup, _ = _link_first(markup, [html.escape(url, quote=False)], _href(url))
    return markup


def split_author(marked: str) -> tuple[str, str | None, str]:
    """Split a marked citation item into (full, author names or None, the rest without them).

    The rest drops the delimiter that followed the names: "Wenger, 1998, p. 47" gives
    "Wenger" and "1998, p. 47". Without marks (a numeric style) there is no author part.
    """
    full = marked.translate(_SENTINELS)
    start = marked.find(AUTHOR_OPEN)
    end = marked.find(AUTHOR_CLOSE, start + 1)
    if start == -1 or end == -1:
        return full, None, full
    author = marked[start + 1 : end].translate(_SENTINELS)
    before = marked[:start].translate(_SENTINELS)
    after = marked[end + 1 :].translate(_SENTINELS)
    if to_text(before).strip():
        rest = _TRAILING_DELIMITER_RE.sub("", before) + after
    else:
        rest = before + _LEADING_DELIMITER_RE.sub("", after)
    return full, author, rest


_CODE_SPAN_RE = re.compile(r"`([^`]+)`")
_STRONG_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS_RE = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*|(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")


def inline_markdown(text: str) -> str:
    """A citation's prefix or suffix as safe HTML, with the inline Markdown pandoc renders there.

    ``and *passim*`` -> ``and <em>passim</em>``: emphasis, strong emphasis and code spans;
    everything else is text, escaped (no links, no raw HTML).
    """
    escaped = html.escape(text, quote=False)
    if not any(mark in escaped for mark in "*_`"):
        return escaped
    codes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        codes.append(f"<code>{match.group(1)}</code>")
        return f"\ue105{len(codes) - 1}\ue106"

    escaped = _CODE_SPAN_RE.sub(hold, escaped)
    escaped = _STRONG_RE.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", escaped)
    escaped = _EMPHASIS_RE.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", escaped)
    return re.sub("\ue105(\\d+)\ue106", lambda m: codes[int(m.group(1))], escaped)


_APOSTROPHE_RE = re.compile("'")
"""What is left of straight single quotes once pairs are quoted: apostrophes ("l'éducation", "'t Hooft")."""
_SINGLE_PAIR_RE = re.compile(r"(?<![\w'])'(?=[^\s'])([^']*?[^\s'])'(?!\w)")
_DOUBLE_PAIR_RE = re.compile(r"(?<!\w)[\"“](?=[^\s\"“”])([^\"“”]*?[^\s\"“”])[\"”](?!\w)")


_BEFORE_MARK_RE = re.compile(r"(?<=\S) +(?=[;?!»])")
_AFTER_GUILLEMET_RE = re.compile(r"« +(?=\S)")


def typographic(text: str, open_quote: str, close_quote: str, spacing: bool = True) -> str:
    """Straight quotes, apostrophes and French spacing of data as typeset text, as pandoc prints them.

    A quoted passage (``'liking'``, ``"Together we are better"``, ``“...”``) takes the locale's
    quotation marks (“liking” in English, « liking » in French); any other ' is an apostrophe
    (``l'éducation``, ``teachers'``, ``Boulc'h``, ``'t Hooft``) and becomes ’; the space written before ``;``,
    ``?``, ``!`` and ``»`` and after ``«`` becomes a narrow no-break space (U+202F), so the
    mark never starts a line (pandoc does so whatever the locale, in every text but names; the
    space before ``:`` stays). ``spacing=False`` (names) leaves spaces as written.
    """
    if spacing and " " in text and any(mark in text for mark in ";?!«»"):
        text = _AFTER_GUILLEMET_RE.sub("«\u202f", _BEFORE_MARK_RE.sub("\u202f", text))
    if "'" not in text and '"' not in text and "“" not in text:
        return text
    text = _DOUBLE_PAIR_RE.sub(lambda m: f"{open_quote}{m.group(1)}{close_quote}", text)
    text = _SINGLE_PAIR_RE.sub(lambda m: f"{open_quote}{m.group(1)}{close_quote}", text)
    return _APOSTROPHE_RE.sub("\u2019", text)
