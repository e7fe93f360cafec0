"""The markdown-it rules behind :mod:`build_kb.markdown_scan`: what they record, and what they neutralise.

Each rule wraps one of markdown-it's own (link, image, autolink) or takes the place of one
(raw HTML, the core "inline" rule), so markdown-it still decides what the text is; the
rules only note where each thing stands in the text, in a :class:`Reading` kept in
markdown-it's ``env``. Citations are read by :mod:`build_kb.citations` at each ``[`` and
``@`` of running text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, image, link
from markdown_it.token import Token

from build_kb.citations import Citation, CitationProblem, match_bracket, match_narrative
from build_kb.safety import is_safe_href

ENV_KEY = "build_kb.scan"
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


class Reading:
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
        """Whether content offset ``pos`` is inside link syntax marked by :meth:`take`."""
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
        markers and indentation before it), so it is found from the right. Lines of
        whitespace alone (U+2028, no-break spaces) at a paragraph's start are trimmed
        away, so the first line is looked for from the paragraph's first line on.
        """
        token = self._inline
        assert token is not None
        lines_of_text = token.content.split("\n")
        first = token.map[0] if token.map else 0
        last = min(token.map[1] if token.map else first + 1, len(self.line_starts))
        head = lines_of_text[0].lstrip(" \t")
        while head and first + 1 < last and self._find(head, first) < 0:
            first += 1
        lines: list[tuple[int, int, int]] = []
        content_start = 0
        for number, line in enumerate(lines_of_text, start=first):
            number = min(number, len(self.line_starts) - 1)
            core = line.lstrip(" \t")
            found = self._find(core, number) if core else -1
            lines.append((content_start, len(line) - len(core), found if found >= 0 else self.line_starts[number]))
            content_start += len(line) + 1
        return lines

    def _find(self, text: str, number: int) -> int:
        """Where ``text`` ends source line ``number`` (its last occurrence there), or -1."""
        start = self.line_starts[number]
        end = self.line_starts[number + 1] - 1 if number + 1 < len(self.line_starts) else len(self.source)
        return self.source.rfind(text, start, end)

    def record(self, pos: int, snippet: str, kind: str) -> None:
        """Record a finding at offset ``pos`` of the current inline content."""
        self.findings.append(Finding(self.at(pos), snippet[:60], kind))

    def cite(self, citation: Citation) -> Citation:
        """Record ``citation`` (offsets in the current inline content) with offsets in the text."""
        items = tuple(replace(item, start=self.at(item.start)) for item in citation.items)
        placed = replace(citation, items=items, start=self.at(citation.start), end=self.at(citation.end))
        self.citations.append(placed)
        return placed

    def problem(self, problem: CitationProblem) -> None:
        """Record a malformed citation (offset in the current inline content)."""
        self.problems.append(replace(problem, start=self.at(problem.start)))


def _reading(state: StateInline) -> Reading | None:
    found = state.env.get(ENV_KEY)
    return found if isinstance(found, Reading) else None


def _inline(state: StateCore) -> None:
    """markdown-it's core "inline" rule, telling the reading which text it is in."""
    reading = state.env.get(ENV_KEY)
    for token in state.tokens:
        if token.type == "inline":
            if isinstance(reading, Reading):
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


def _mark_unsafe(state: StateInline, count: int) -> bool:
    """Mark the link the rule just opened (its tokens from ``count`` on) if its URL is unsafe; say whether it was."""
    opening = _opening(state.tokens[count:], "link_open")
    if is_safe_href(str(opening.attrs.get("href", ""))):
        return False
    opening.meta["unsafe"] = True
    return True


def _record_link(state: StateInline, span: tuple[int, int]) -> None:
    """Record an unsafe link's destination (``span`` in the source) for ``check``, unless inside an image."""
    reading = _reading(state)
    if reading is not None and not reading.image_depth:
        reading.record(span[0], state.src[span[0] : span[1]], "link")


def _link(state: StateInline, silent: bool) -> bool:
    """markdown-it's link rule; a link to an unsafe URL is marked and recorded."""
    start, count = state.pos, len(state.tokens)
    if not link(state, silent):
        return False
    if not silent and _mark_unsafe(state, count):
        span = _inline_destination(state, start)
        if span is not None:
            _record_link(state, span)
    return True


def _autolink(state: StateInline, silent: bool) -> bool:
    """markdown-it's autolink rule; an autolink to an unsafe URL is marked and recorded."""
    start, count = state.pos, len(state.tokens)
    if not autolink(state, silent):
        return False
    if not silent and _mark_unsafe(state, count):
        _record_link(state, (start + 1, state.pos - 1))
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
    dropped: list[bool] = []  # One entry per open link: was its opening dropped?
    for token in children:
        if token.type == "link_open":
            dropped.append(bool(token.meta.get("unsafe")))
            if dropped[-1]:
                continue
        elif token.type == "link_close":
            if dropped and dropped.pop():
                continue
        elif token.type == "image":
            alt = _alt_text(token.children)
            if token.meta.get("unsafe") or dropped:  # No link inside a link: the alt text alone.
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
    reading = state.env.get(ENV_KEY)
    if isinstance(reading, Reading):
        _record_definitions(state.env, reading)


def _record_definitions(env: Mapping[str, Any], reading: Reading) -> None:
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


def make_parser(page: bool) -> MarkdownIt:
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
    md.add_render_rule("kb_cite", _render_citation)  # The caller's env["cite"] writes each citation.
    return md


def _render_citation(self: Any, tokens: Sequence[Token], index: int, options: Any, env: dict[str, Any]) -> str:
    cite = env["cite"]
    return str(cite(tokens[index].meta["citation"]))
