"""The one reading of card Markdown: what is a citation, a link, an image or raw HTML.

``python -m build_kb check`` and the renderer both call :func:`scan` (cached by text), so
they cannot disagree: what the checker reports is what the renderer neutralises. The
reading is markdown-it-py's CommonMark (plus tables) with the ``html`` option off, and:

- citations are recognised (:func:`~build_kb.citations.match_bracket`,
  :func:`~build_kb.citations.match_narrative`) only where markdown-it reads running text:
  never in code, a link's destination, an autolink, a link's text or an image;
- raw HTML stays text; each tag is recorded, for the ``raw-html`` diagnostic;
- every link, autolink and reference definition (in a list item or a quote too) is read
  by markdown-it itself; one whose URL is not http(s), mailto or relative
  (:func:`~build_kb.safety.is_safe_href`) is recorded and loses its link, its text stays;
- an image never loads: one with a safe URL becomes a link to it (recorded, for a
  warning), any other its alt text.

Offsets are into the text as given (``\\r\\n`` included), for ``path:line:col`` and for
hand-written pages, whose citations are replaced in place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, image, link
from markdown_it.token import Token

from build_kb.citations import Citation, CitationItem, CitationProblem, match_bracket, match_narrative
from build_kb.safety import is_safe_href

_ENV_KEY = "build_kb.scan"
_NEWLINE_RE = re.compile(r"\r\n?|\x00|[\ue210\ue211]")
"""What markdown-it would rewrite (line breaks, NUL) and the renderer's private citation marks."""
_REFDEF_DEST_RE = re.compile(r"(?<!\\)\]:[ \t]*(?:\n[ \t>]*)?(?P<dest><[^<>\n]*>|\S+)")


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in card text the checker reports and the renderer neutralises.

    Attributes:
        start: Offset in the text.
        snippet: The text itself (a tag, a URL, an image), at most 60 characters.
        kind: ``html`` (raw HTML, shown as text), ``link`` (a URL that is not http(s),
            mailto or relative: its link is dropped) or ``image`` (shown as a link).
    """

    start: int
    snippet: str
    kind: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What a text holds, for the checker: citations, malformed ones, findings; each in text order."""

    citations: tuple[Citation, ...]
    problems: tuple[CitationProblem, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Scan:
    """A text read once: markdown-it's tokens (never changed after) and its :class:`Summary`."""

    tokens: tuple[Token, ...]
    summary: Summary


EMPTY = Summary((), (), ())


class _Reading:
    """The state of one scan, kept in markdown-it's ``env``: what was found and where text stands."""

    def __init__(self, source: str, original: Callable[[int], int]) -> None:
        self.source = source
        self.original = original
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", source))]
        self.citations: list[Citation] = []
        self.problems: list[CitationProblem] = []
        self.findings: list[Finding] = []
        self.image_depth = 0
        self._taken: list[tuple[int, int]] = []
        self._inline: Token | None = None
        self._lines: list[tuple[int, int, int]] | None = None

    def enter(self, token: Token) -> None:
        """Start on the content of a new inline token (a paragraph, a heading, a cell)."""
        self._inline = token
        self._lines = None
        self._taken = []

    def take(self, start: int, end: int) -> None:
        """Mark content offsets ``start:end`` as link syntax, where ``@`` starts no citation."""
        self._taken.append((start, end))

    def taken(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self._taken)

    def at(self, pos: int) -> int:
        """The offset in the text of offset ``pos`` of the current inline content."""
        if self._lines is None:
            self._lines = self._map_lines()
        index = bisect.bisect_right(self._lines, (pos, 1 << 62, 0)) - 1
        content_start, lead, source_start = self._lines[max(index, 0)]
        return self.original(source_start + max(0, pos - content_start - lead))

    def _map_lines(self) -> list[tuple[int, int, int]]:
        """Each content line's offset, its added indent, and where its text starts in the source.

        A content line is the end of its source line (markdown-it strips the container
        markers and indentation before it), so it is found from the right.
        """
        token = self._inline
        assert token is not None
        first = token.map[0] if token.map else 0
        lines: list[tuple[int, int, int]] = []
        content_start = 0
        for number, line in enumerate(token.content.split("\n"), start=first):
            number = min(number, len(self.line_starts) - 1)
            line_start = self.line_starts[number]
            following = self.line_starts[number + 1] - 1 if number + 1 < len(self.line_starts) else len(self.source)
            core = line.lstrip(" \t")
            found = self.source.rfind(core, line_start, following) if core else -1
            lines.append((content_start, len(line) - len(core), found if found >= 0 else line_start))
            content_start += len(line) + 1
        return lines

    def record(self, pos: int, snippet: str, kind: str) -> None:
        self.findings.append(Finding(self.at(pos), snippet[:60], kind))

    def cite(self, citation: Citation) -> Citation:
        items = tuple(
            CitationItem(item.key, item.prefix, item.suffix, item.suppress_author, self.at(item.start))
            for item in citation.items
        )
        placed = Citation(items, citation.narrative, self.at(citation.start), self.at(citation.end))
        self.citations.append(placed)
        return placed

    def problem(self, problem: CitationProblem) -> None:
        self.problems.append(replace(problem, start=self.at(problem.start)))


def _reading(state: StateInline) -> _Reading | None:
    found = state.env.get(_ENV_KEY)
    return found if isinstance(found, _Reading) else None


def _inline(state: StateCore) -> None:
    """markdown-it's core "inline" rule, telling the reading which text it is in."""
    reading = state.env.get(_ENV_KEY)
    for token in state.tokens:
        if token.type == "inline":
            if isinstance(reading, _Reading):
                reading.enter(token)
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _raw_html(state: StateInline, silent: bool) -> bool:
    """A tag (the html option is off): kept whole as text, and recorded."""
    if state.src[state.pos] != "<":
        return False
    match = HTML_TAG_RE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    reading = _reading(state)
    if not silent:
        state.pending += match.group(0)
        if reading is not None and not reading.image_depth:
            reading.record(state.pos, match.group(0), "html")
    state.pos = match.end()
    return True


def _opening(tokens: Sequence[Token], kind: str) -> Token:
    """The first ``kind`` token a rule pushed (pending text may come before it)."""
    return next(token for token in tokens if token.type == kind)


def _inline_destination(state: StateInline, label_start: int) -> tuple[int, int] | None:
    """Where the destination of the inline link whose label opens at ``label_start`` is; None for a reference link."""
    label_end = state.md.helpers.parseLinkLabel(state, label_start, True)
    pos = label_end + 1
    if label_end < 0 or state.src[pos : pos + 1] != "(":
        return None  # A reference link: its definition is what is reported.
    pos += 1
    while pos < state.posMax and state.src[pos] in " \t\n":
        pos += 1
    result = state.md.helpers.parseLinkDestination(state.src, pos, state.posMax)
    return (pos, result.pos) if result.ok else None


def _link(state: StateInline, silent: bool) -> bool:
    """markdown-it's link rule; a link to an unsafe URL is marked and recorded."""
    start, count = state.pos, len(state.tokens)
    if not link(state, silent):
        return False
    if not silent:
        opening = _opening(state.tokens[count:], "link_open")
        if not is_safe_href(str(opening.attrs.get("href", ""))):
            opening.meta["unsafe"] = True
            reading = _reading(state)
            span = _inline_destination(state, start)
            if reading is not None and not reading.image_depth and span is not None:
                reading.record(span[0], state.src[span[0] : span[1]], "link")
    return True


def _autolink(state: StateInline, silent: bool) -> bool:
    """markdown-it's autolink rule; an autolink to an unsafe URL is marked and recorded."""
    start, count = state.pos, len(state.tokens)
    if not autolink(state, silent):
        return False
    if not silent:
        opening = _opening(state.tokens[count:], "link_open")
        if not is_safe_href(str(opening.attrs.get("href", ""))):
            opening.meta["unsafe"] = True
            reading = _reading(state)
            if reading is not None and not reading.image_depth:
                reading.record(start + 1, state.src[start + 1 : state.pos - 1], "link")
    return True


def _image(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule; nothing in the alt text is read as a citation or recorded."""
    start, count = state.pos, len(state.tokens)
    reading = _reading(state)
    if reading is not None:
        reading.image_depth += 1
    try:
        found = image(state, silent)
    finally:
        if reading is not None:
            reading.image_depth -= 1
    if found and not silent:
        token = _opening(state.tokens[count:], "image")
        safe = is_safe_href(str(token.attrs.get("src", "")))
        token.meta["unsafe"] = not safe
        if reading is not None and not reading.image_depth:
            if safe:
                reading.record(start, state.src[start : state.pos], "image")
            elif (span := _inline_destination(state, start + 1)) is not None:
                reading.record(span[0], state.src[span[0] : span[1]], "link")
    return found


def _bracket_citation(state: StateInline, silent: bool) -> bool:
    """``[@key, p. 3]`` in running text (after markdown-it's link and image rules have had their say)."""
    if state.src[state.pos] != "[" or state.linkLevel:
        return False
    reading = _reading(state)
    if reading is None or reading.image_depth:
        return False
    found = match_bracket(state.src, state.pos, state.posMax)
    if found is None:
        return False
    if not silent:
        for problem in found.problems:
            reading.problem(problem)
        if found.citation is None:
            reading.take(state.pos, found.end)
        else:
            state.push("kb_cite", "", 0).meta["citation"] = reading.cite(found.citation)
    if found.citation is None:
        return False
    state.pos = found.end
    return True


def _narrative_citation(state: StateInline, silent: bool) -> bool:
    """``@key`` (and ``@key [p. 3]``) in running text."""
    if state.src[state.pos] != "@" or state.linkLevel:
        return False
    reading = _reading(state)
    if reading is None or reading.image_depth or reading.taken(state.pos):
        return False
    found = match_narrative(state.src, state.pos, state.posMax)
    if found is None:
        return False
    if isinstance(found, CitationProblem):
        if not silent:
            reading.problem(found)
        return False
    if not silent:
        state.push("kb_cite", "", 0).meta["citation"] = reading.cite(found)
    state.pos = found.end
    return True


def _alt_text(tokens: Sequence[Token] | None) -> str:
    """An image's alt text, as markdown-it writes it into ``alt``."""
    parts: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_alt_text(token.children))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _neutralised(children: Sequence[Token]) -> Iterator[Token]:
    """An inline token's children with unsafe links unwrapped and images made links or text."""
    dropping = False
    in_link = False
    for token in children:
        if token.type == "link_open":
            dropping = bool(token.meta.get("unsafe"))
            in_link = True
            if dropping:
                continue
        elif token.type == "link_close":
            in_link = False
            if dropping:
                dropping = False
                continue
        elif token.type == "image":
            alt = _alt_text(token.children)
            if token.meta.get("unsafe") or in_link:
                yield _text(alt)
                continue
            opening = Token("link_open", "a", 1)
            opening.attrs = {"href": token.attrs["src"]}
            if token.attrs.get("title"):
                opening.attrs["title"] = token.attrs["title"]
            yield opening
            yield _text(alt)
            yield Token("link_close", "a", -1)
            continue
        yield token


def _neutralise(state: StateCore) -> None:
    """After inline parsing: no unsafe link, no image, and unsafe reference definitions recorded."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = list(_neutralised(token.children))
    reading = state.env.get(_ENV_KEY)
    if isinstance(reading, _Reading):
        _record_definitions(state.env, reading)


def _record_definitions(env: Mapping[str, Any], reading: _Reading) -> None:
    """Every reference definition (in a list item or a quote too) whose URL is unsafe."""
    definitions = [*env.get("references", {}).values(), *env.get("duplicate_refs", ())]
    for definition in definitions:
        if is_safe_href(str(definition.get("href", ""))):
            continue
        first, last = definition["map"]
        start = reading.line_starts[min(first, len(reading.line_starts) - 1)]
        end = reading.line_starts[last] if last < len(reading.line_starts) else len(reading.source)
        match = _REFDEF_DEST_RE.search(reading.source, start, end)
        offset = match.start("dest") if match else start
        snippet = match.group("dest") if match else reading.source[start:end].split("\n")[0]
        reading.findings.append(Finding(reading.original(offset), snippet[:60], "link"))


class _Reader(MarkdownIt):
    """markdown-it that reads every URL as a link: :func:`~build_kb.safety.is_safe_href` judges them after."""

    def validateLink(self, url: str) -> bool:
        return True


def _parser(page: bool) -> MarkdownIt:
    """One markdown-it for the process (making one costs more than a parse)."""
    md = _Reader("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
    if page:
        # Hand-written pages go through Python-Markdown, whose extensions (admonitions,
        # md_in_html) indent Markdown: an indented line is not code there.
        md.disable("code")
    md.core.ruler.at("inline", _inline)
    md.core.ruler.after("inline", "kb_neutralise", _neutralise)
    md.inline.ruler.at("link", _link)
    md.inline.ruler.at("image", _image)
    md.inline.ruler.at("autolink", _autolink)
    md.inline.ruler.at("html_inline", _raw_html)
    md.inline.ruler.after("image", "kb_cite_bracket", _bracket_citation)
    md.inline.ruler.after("kb_cite_bracket", "kb_cite_narrative", _narrative_citation)
    return md


CARD_PARSER = _parser(page=False)
PAGE_PARSER = _parser(page=True)


def _normalise(text: str) -> tuple[str, Callable[[int], int]]:
    """The text as markdown-it reads it, and the map from its offsets back to the text's."""
    if not _NEWLINE_RE.search(text):
        return text, lambda offset: offset
    removed: list[int] = []  # Offsets (in the new text) where a "\r\n" became one "\n".

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        if found == "\r\n":
            removed.append(match.start() - len(removed))
            return "\n"
        return "\n" if found == "\r" else "\ufffd"

    normal = _NEWLINE_RE.sub(swap, text)
    if not removed:
        return normal, lambda offset: offset
    return normal, lambda offset: offset + bisect.bisect_left(removed, offset)


@lru_cache(maxsize=2048)
def scan(text: str, page: bool = False) -> Scan:
    """Read ``text`` once: its tokens for the renderer, and what the checker reports.

    Args:
        text: Card text (or, with ``page``, a hand-written page).
        page: Read it as a hand-written page (an indented line is not code).
    """
    source, original = _normalise(text)
    reading = _Reading(source, original)
    tokens = (PAGE_PARSER if page else CARD_PARSER).parse(source, {_ENV_KEY: reading})
    summary = Summary(
        tuple(sorted(reading.citations, key=lambda c: c.start)),
        tuple(sorted(reading.problems, key=lambda p: p.start)),
        tuple(sorted(reading.findings, key=lambda f: f.start)),
    )
    return Scan(tuple(tokens), summary)


_NEEDS_READING_RE = re.compile(r"[`<\\|\t\r\x00\ue210\ue211]")
_NEEDS_READING = ("](", "][", "]:", "![", "~~~", "    ")
"""What can make Markdown read a ``[`` or an ``@`` otherwise than as running text: code,
an autolink or raw HTML, an escape, a table, a link, an image, a definition, indented code
(four spaces or a tab, after a list marker or a ``>`` too)."""
_CITATION_CHAR_RE = re.compile(r"[\[@]")


def _plain_summary(text: str) -> Summary | None:
    """The summary of a text where every ``[`` and ``@`` is running text, found without Markdown; else None.

    Without any of :data:`_NEEDS_READING_RE` and :data:`_NEEDS_READING`, markdown-it gives these characters to the
    citation rules exactly where they stand, so reading them here gives what :func:`scan`
    gives (``tests/unit/test_markdown_scan.py`` checks it), at a fraction of the cost. A
    citation over two lines (a paragraph could end between) or a malformed one is left to
    :func:`scan`.
    """
    if _NEEDS_READING_RE.search(text) or any(marker in text for marker in _NEEDS_READING):
        return None
    citations: list[Citation] = []
    position = 0
    for match in _CITATION_CHAR_RE.finditer(text):
        start = match.start()
        if start < position:
            continue
        found: Citation | CitationProblem | None
        if text[start] == "[":
            bracket = match_bracket(text, start, len(text))
            if bracket is None:
                continue
            if bracket.problems or bracket.citation is None:
                return None
            found = bracket.citation
        else:
            found = match_narrative(text, start, len(text))
            if found is None:
                continue
            if isinstance(found, CitationProblem):
                return None
        if "\n" in text[found.start : found.end]:
            return None
        citations.append(found)
        position = found.end
    return Summary(tuple(citations), (), ())


@lru_cache(maxsize=65_536)
def summary(text: str, page: bool = False) -> Summary:
    """What the checker needs of ``text``: a text without ``@``, ``[`` or ``<`` has none of it."""
    if "@" not in text and "[" not in text and "<" not in text:
        return EMPTY
    plain = _plain_summary(text)
    return plain if plain is not None else scan(text, page).summary


def find_citations(text: str, page: bool = False) -> tuple[list[Citation], list[CitationProblem]]:
    """Every citation in ``text`` and every malformed one, in text order (:func:`scan`)."""
    if "@" not in text:  # Every citation and every problem holds an "@".
        return [], []
    found = summary(text, page)
    return list(found.citations), list(found.problems)


def findings(text: str) -> tuple[Finding, ...]:
    """Raw HTML, unsafe URLs and images in card ``text``, in text order (:func:`scan`)."""
    return summary(text, False).findings  # The arguments as find_citations passes them: one cache entry.


def citation_items(citations: Sequence[Citation]) -> list[CitationItem]:
    """The cited works of ``citations``, in order, repeats kept."""
    return [item for citation in citations for item in citation.items]


def _render_citation(self: Any, tokens: Sequence[Token], index: int, options: Any, env: dict[str, Any]) -> str:
    cite = env["cite"]
    return str(cite(tokens[index].meta["citation"]))


CARD_PARSER.add_render_rule("kb_cite", _render_citation)


def to_html(tokens: Sequence[Token], cite: Callable[[Citation], str]) -> str:
    """Tokens of :func:`scan` as HTML, each citation as ``cite(citation)`` (trusted: the caller cleans it)."""
    return str(CARD_PARSER.renderer.render(tokens, CARD_PARSER.options, {"cite": cite}))
