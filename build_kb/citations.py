"""Pandoc citation syntax: find citations in Markdown and report malformed ones.

Supported, as pandoc writes them: ``[@key]``, ``[@key, p. 12]``, ``[see @a; @b, ch. 2]``,
``[-@key]`` (year only), narrative ``@key`` and ``@key [p. 12]``, and ``@{key}`` for keys
with unusual characters. ``\\@`` is a literal at sign. Code spans and fenced code are
ignored. The same parser serves the checker and the renderer, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from build_kb.locators import split_locator

_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*"
_KEY_OR_BRACED = rf"(?:{_KEY}|\{{[^{{}}\s]+\}})"
_ITEM_RE = re.compile(rf"^(?P<prefix>[^@]*?)(?P<minus>-?)@(?P<key>{_KEY_OR_BRACED})(?P<rest>.*)$", re.DOTALL)
_AT_KEY_RE = re.compile(rf"(?<![\w\\])-?@{_KEY_OR_BRACED}")
_NARRATIVE_RE = re.compile(rf"(?<![\w@\\\[\-])@(?P<key>{_KEY_OR_BRACED})(?:[ ]?\[(?P<locator>[^\[\]@]*)\](?![(\[:]))?")
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
    """Blank out code spans and fenced code, keeping every offset where it was."""
    if "`" not in text and "~~~" not in text:  # No code to find: skip the regex's scan.
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_RE.sub(blank, text)


def _unbrace(key: str) -> str:
    return key[1:-1] if key.startswith("{") else key


def _closing_bracket(text: str, start: int) -> int:
    """The offset of the ``]`` matching the ``[`` at ``start``, or -1."""
    depth = 0
    index = start
    while index < len(text):
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
        elif char == "\n" and text.startswith("\n", index + 1):
            return -1  # A blank line ends the paragraph, and so the bracket.
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


def find_citations(text: str) -> tuple[list[Citation], list[CitationProblem]]:
    """Find every citation in Markdown ``text``, and every malformed one.

    The checker and the renderer both ask for the same texts, so answers are cached
    (text without ``@`` has neither).

    Returns:
        The citations in text order, and the problems in text order.
    """
    if "@" not in text:  # Every citation and every problem found below holds an "@".
        return [], []
    citations, problems = _find_citations(text)
    return list(citations), list(problems)


@lru_cache(maxsize=65_536)
def _find_citations(text: str) -> tuple[tuple[Citation, ...], tuple[CitationProblem, ...]]:
    masked = mask_code(text)
    citations: list[Citation] = []
    problems: list[CitationProblem] = []
    taken = bytearray(len(masked))  # 1 where a citation or a link stands; set by slices.
    index = masked.find("[")
    while index != -1:
        if index > 0 and masked[index - 1] == "\\":
            index = masked.find("[", index + 1)
            continue
        close = _closing_bracket(masked, index)
        if close == -1:
            tail = masked[index : masked.find("\n\n", index) if "\n\n" in masked[index:] else None]
            if _CITATION_START_RE.search(tail):
                problems.append(
                    CitationProblem(
                        index,
                        tail.split("\n")[0][:40],
                        "citation bracket is never closed",
                        "end the citation with ']', as in [@key, p. 12]",
                    )
                )
                taken[index : index + len(tail)] = b"\x01" * len(tail)
            index = masked.find("[", index + 1)
            continue
        inner = masked[index + 1 : close]
        after = masked[close + 1 : close + 2]
        is_link = after in ("(", "[", ":") or (index > 0 and masked[index - 1] == "!")
        if not is_link and _CITATION_START_RE.search(inner) and "[" not in inner:
            items, group_problems = _parse_group(inner, index + 1)
            problems.extend(group_problems)
            if items:
                citations.append(Citation(tuple(items), False, index, close + 1))
            taken[index : close + 1] = b"\x01" * (close + 1 - index)
            index = masked.find("[", close + 1)
            continue
        if is_link:
            taken[index : close + 1] = b"\x01" * (close + 1 - index)
        index = masked.find("[", index + 1)

    for match in _NARRATIVE_RE.finditer(masked):
        if taken[match.start()]:
            continue
        suffix = (match.group("locator") or "").strip()
        item = CitationItem(_unbrace(match.group("key")), "", suffix, False, match.start())
        citations.append(Citation((item,), True, match.start(), match.end()))
    for match in re.finditer(r"(?<![\w@\\\[\-])@(?![\w{])", masked):
        if not taken[match.start()] and masked[match.start() + 1 : match.start() + 2].strip():
            problems.append(
                CitationProblem(
                    match.start(),
                    masked[match.start() : match.start() + 10].split("\n")[0],
                    "'@' is not followed by a citation key",
                    "write '\\@' for a literal at sign, or a key right after '@'",
                )
            )
    citations.sort(key=lambda c: c.start)
    problems.sort(key=lambda p: p.start)
    return tuple(citations), tuple(problems)


def cited_keys(text: str) -> list[str]:
    """Every key cited in ``text``, in order, repeats kept."""
    citations, _ = find_citations(text)
    return [item.key for citation in citations for item in citation.items]
