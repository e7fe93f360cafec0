"""Pandoc citation syntax: what a citation is, and how one is recognised in running text.

Supported, as pandoc writes them: ``[@key]``, ``[@key, p. 12]``, ``[see @a; @b, ch. 2]``,
``[-@key]`` (year only), narrative ``@key`` and ``@key [p. 12]``, and ``@{key}`` for keys
with unusual characters. ``\\@`` is a literal at sign.

This module only reads a run of text (:func:`match_bracket`, :func:`match_narrative`);
*where* text is (not code, not a link's destination, not an autolink) is for the one
Markdown reading of :mod:`build_kb.markdown_scan`, which calls these at each ``[`` and
``@`` it meets in text and serves the checker and the renderer alike. The locator of a
suffix (:func:`parse_locator`) is separate from recognition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_kb.locators import split_locator

_KEY = r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*"
_KEY_OR_BRACED = rf"(?:{_KEY}|\{{[^{{}}\s]+\}})"
_ITEM_RE = re.compile(rf"^(?P<prefix>[^@]*?)(?P<minus>-?)@(?P<key>{_KEY_OR_BRACED})(?P<rest>.*)$", re.DOTALL)
_AT_KEY_RE = re.compile(rf"(?<![\w\\])-?@{_KEY_OR_BRACED}")
_NARRATIVE_RE = re.compile(rf"@(?P<key>{_KEY_OR_BRACED})(?:[ ]?\[(?P<locator>[^\[\]@]*)\](?![(\[]))?")
_CODE_RE = re.compile(r"(?ms)^(```|~~~).*?(^\1[^\n]*$|\Z)|(`+)(?:(?!\3).)+?\3")
_CITATION_START_RE = re.compile(r"(?:^|[\s;\[\-])-?@")


@dataclass(frozen=True, slots=True)
class CitationItem:
    """One cited work inside a citation.

    Attributes:
        key: The BibTeX key, without ``@`` or braces.
        prefix: Text before the key, e.g. ``see``.
        suffix: Text after the key, e.g. ``p. 12`` (leading comma removed).
        suppress_author: ``[-@key]``: show the year only.
        start: Offset of the ``@`` in the text.
    """

    key: str
    prefix: str
    suffix: str
    suppress_author: bool
    start: int

    @property
    def locator(self) -> tuple[str, str] | None:
        """The CSL locator ``(label, value)`` of the suffix, e.g. ``("page", "12")``."""
        return parse_locator(self.suffix)


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation: a bracketed group of items, or one narrative item.

    Attributes:
        items: The cited works, in written order.
        narrative: ``@key`` in running text ("Wenger (1998) shows").
        start: Offset of the citation's first character.
        end: Offset just past its last character.
    """

    items: tuple[CitationItem, ...]
    narrative: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CitationProblem:
    """A malformed citation, with where it starts in the text and how to fix it."""

    start: int
    snippet: str
    message: str
    hint: str


def parse_locator(suffix: str) -> tuple[str, str] | None:
    """The CSL locator ``(label, value)`` a suffix such as ``p. 12`` starts with, as pandoc reads it
    (:func:`build_kb.locators.split_locator`, English terms), if it has one."""
    locator, _ = split_locator(suffix)
    return (locator.label, locator.value) if locator is not None and locator.label else None


def mask_code(text: str) -> str:
    """Blank out code spans and fenced code, keeping every offset where it was (for ``{{ kb.* }}`` placeholders)."""
    if "`" not in text and "~~~" not in text:  # No code to find: skip the regex's scan.
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_RE.sub(blank, text)


def _unbrace(key: str) -> str:
    return key[1:-1] if key.startswith("{") else key


def _closing_bracket(text: str, start: int, end: int) -> int:
    """The offset of the ``]`` matching the ``[`` at ``start`` before ``end``, or -1."""
    depth = 0
    index = start
    while index < end:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _parse_group(inner: str, offset: int) -> tuple[list[CitationItem], list[CitationProblem]]:
    items: list[CitationItem] = []
    problems: list[CitationProblem] = []
    position = offset
    for part in inner.split(";"):
        match = _ITEM_RE.match(part)
        stripped = part.strip()
        if match is None:
            if "@" in part:
                message = "'@' is not followed by a citation key"
                hint = "write the key right after '@', as in [@wenger1998communities]"
            else:
                message = f"citation item '{stripped}' has no key"
                hint = "each item separated by ';' needs its own @key"
            problems.append(CitationProblem(position, stripped or inner, message, hint))
        else:
            rest = match.group("rest")
            second = _AT_KEY_RE.search(rest)
            if second:
                problems.append(
                    CitationProblem(
                        position + match.start("rest") + second.start(),
                        stripped,
                        "two keys in one citation item",
                        "separate the works with ';', as in [@a, p. 3; @b]",
                    )
                )
            suffix = rest.strip()
            suffix = suffix[1:].strip() if suffix.startswith(",") else suffix
            items.append(
                CitationItem(
                    key=_unbrace(match.group("key")),
                    prefix=match.group("prefix").strip(),
                    suffix=suffix,
                    suppress_author=bool(match.group("minus")),
                    start=position + match.start("minus"),
                )
            )
        position += len(part) + 1
    return items, problems


@dataclass(frozen=True, slots=True)
class Bracket:
    """What a ``[`` in running text opens, as far as citations go.

    Attributes:
        end: Offset just past what it covers: its ``]``, or the end of the text when it is never closed.
        citation: The bracketed citation, when it is one with at least one key.
        problems: What is malformed in it.
    """

    end: int
    citation: Citation | None
    problems: tuple[CitationProblem, ...]


def match_bracket(text: str, start: int, end: int) -> Bracket | None:
    """Read the ``[`` at ``start`` of ``text[:end]`` (running text): a citation, a malformed one, or neither.

    A bracket followed by ``(`` or ``[``, or after ``!``, is link syntax that did not make a
    link: it is no citation either, and covers its ``@`` (a :class:`Bracket` without citation).
    None: not a citation, and what is inside is read on.
    """
    close = _closing_bracket(text, start, end)
    if close == -1:
        tail = text[start:end]
        if not _CITATION_START_RE.search(tail):
            return None
        problem = CitationProblem(
            start,
            tail.split("\n")[0][:40],
            "citation bracket is never closed",
            "end the citation with ']', as in [@key, p. 12]",
        )
        return Bracket(end, None, (problem,))
    after = text[close + 1 : close + 2] if close + 1 < end else ""
    if after in ("(", "[") or (start > 0 and text[start - 1] == "!"):
        return Bracket(close + 1, None, ())
    inner = text[start + 1 : close]
    if "[" in inner or not _CITATION_START_RE.search(inner):
        return None
    items, problems = _parse_group(inner, start + 1)
    citation = Citation(tuple(items), False, start, close + 1) if items else None
    return Bracket(close + 1, citation, tuple(problems))


_NOT_BEFORE_AT = re.compile(r"[\w@\\\[\-/]")
"""A character after which ``@`` starts no citation: a word (an e-mail address), a path (``/@handle``)."""


def match_narrative(text: str, start: int, end: int) -> Citation | CitationProblem | None:
    """Read the ``@`` at ``start`` of ``text[:end]`` (running text): a narrative citation, a lone ``@``, or neither."""
    if start > 0 and _NOT_BEFORE_AT.match(text, start - 1):
        return None
    match = _NARRATIVE_RE.match(text, start, end)
    if match:
        suffix = (match.group("locator") or "").strip()
        item = CitationItem(_unbrace(match.group("key")), "", suffix, False, start)
        return Citation((item,), True, start, match.end())
    following = text[start + 1 : start + 2] if start + 1 < end else ""
    if following.strip() and not re.match(r"[\w{]", following):
        return CitationProblem(
            start,
            text[start : min(end, start + 10)].split("\n")[0],
            "'@' is not followed by a citation key",
            "write '\\@' for a literal at sign, or a key right after '@'",
        )
    return None
