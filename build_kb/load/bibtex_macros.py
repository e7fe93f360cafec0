"""``@string`` macros and ``#`` concatenation in BibTeX values, resolved as BibTeX does.

bibtexparser 2 replaces a value that is one whole macro name, but leaves a concatenation
(``journal = rfp # " (special issue)"``) as its raw text and an undefined macro as its bare
name (sciunto-org/python-bibtexparser#396): a reference page would show
``rfp # " (special issue)"`` as the journal. This module reads a value as BibTeX's grammar
has it (parts joined by ``#``: ``{braced}``, ``"quoted"``, a number or a macro name) and
replaces it by its text, braced, for bibtexparser's enclosing removal. A macro is one
defined by ``@string`` in the same file, anywhere, or in a file read before it (files are
read in path order, as ``\\bibliography{a,b}`` reads them), or a month (``jan`` ...
``dec``), which BibTeX's styles define. What cannot be resolved is kept as written and
reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bibtexparser.library import Library

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
"""The macros BibTeX's standard styles define."""

_NAME_STOPS = "\"#%'(),={}"
"""What ends a macro name, besides white space."""
_NOT_IN_NAME = frozenset(" \t\r\n" + _NAME_STOPS)
_NAME_RE = re.compile(rf"[^\s{re.escape(_NAME_STOPS)}0-9][^\s{re.escape(_NAME_STOPS)}]*")

Part = tuple[bool, str]
"""One part of a value: (is a macro name, its name or its text)."""


@dataclass(frozen=True, slots=True)
class MacroProblem:
    """A value that cannot be resolved: its diagnostic code, line in the file, message and hint.

    ``name`` is the field or macro name the value belongs to, as written on that line (the
    caller finds its column there: bibtexparser gives lines only).
    """

    code: str
    line: int
    name: str
    message: str
    hint: str


def split_value(value: str) -> list[Part] | None:
    """The parts of a value as written, or None when it is not a BibTeX value expression."""
    parts: list[Part] = []
    index, end = 0, len(value)
    while True:
        while index < end and value[index].isspace():
            index += 1
        if index == end:
            return None  # Empty, or nothing after a "#".
        char = value[index]
        if char in '{"':
            close = (_closing_brace if char == "{" else _closing_quote)(value, index)
            if close is None:
                return None
            parts.append((False, value[index + 1 : close]))
            index = close + 1
        elif char.isdigit():
            start = index
            while index < end and value[index].isdigit():
                index += 1
            parts.append((False, value[start:index]))
        elif char not in _NOT_IN_NAME:
            start = index
            while index < end and value[index] not in _NOT_IN_NAME:
                index += 1
            parts.append((True, value[start:index]))
        else:
            return None
        while index < end and value[index].isspace():
            index += 1
        if index == end:
            return parts
        if value[index] != "#":
            return None
        index += 1


def _parts(value: str) -> list[Part] | None:
    """:func:`split_value` for an entry's value, ``[]`` for one text part (nothing to resolve).

    Most values are one braced or quoted text, which the splitter has already delimited:
    they are told apart without walking their characters (a library holds millions).
    """
    if "#" not in value:
        text = value.strip()
        if not text or text[0] in '{"' or (text.isascii() and text.isdigit()):
            return []
        return [(True, text)] if _NAME_RE.fullmatch(text) else None
    parts = split_value(value)
    return [] if parts is not None and len(parts) == 1 and not parts[0][0] else parts


def _closing_brace(value: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(value)):
        if value[index] == "{":
            depth += 1
        elif value[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


def _closing_quote(value: str, start: int) -> int | None:
    """The quote that ends a quoted part: the next one outside braces and not after a backslash.

    BibTeX itself would end the part at ``\\"``; bibtexparser's splitter reads it as content
    (``"M\\"uller"``), and so does this, to read every value the splitter accepted.
    """
    depth = 0
    for index in range(start + 1, len(value)):
        char = value[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == '"' and depth == 0 and value[index - 1] != "\\":
            return index
    return None


MAX_EXPANSION = 100_000
"""The most characters one macro, or one value made of macros, may expand to."""
BASE_BUDGET = 1_000_000
"""Characters every file may produce by expanding macros, besides twice its own size."""


@dataclass(slots=True)
class _Expansion:
    """The macros known while one file is read, and what expanding them may still cost.

    Each value is measured before its text is made (the lengths of its parts add up), so
    a definition that would be too long costs nothing: ``m1 = m0 # m0 # m0`` nested eight
    levels deep asks for hundreds of millions of characters from a few hundred bytes.
    """

    macros: dict[str, str]
    budget: int
    refused: dict[str, int]
    """Macros not expanded (too large), by lowercase name, with the line of their definition."""

    def find(self, name: str) -> str | None:
        """A macro's text by lowercase name; None when undefined or refused (a refused ``jan`` is no month)."""
        return None if name in self.refused else self.macros.get(name, MONTHS.get(name))

    def measure(self, parts: list[Part]) -> tuple[int, list[str], list[str]]:
        """The length of the value's text, the undefined names it uses, and the refused ones."""
        length, unknown, refused = 0, [], []
        for is_name, text in parts:
            if not is_name:
                length += len(text)
                continue
            found = self.find(text.lower())
            if found is not None:
                length += len(found)
            elif text.lower() in self.refused:
                refused.append(text)
            else:
                unknown.append(text)
                length += len(text)  # Kept as written, and reported.
        return length, unknown, refused

    def join(self, parts: list[Part]) -> str:
        """The value's text (measured first: see :meth:`measure`)."""
        texts = []
        for is_name, text in parts:
            found = self.find(text.lower()) if is_name else None
            texts.append(text if found is None else found)
        return "".join(texts)


def _too_large(line: int, owner: str, where: str, length: int, budget: bool) -> MacroProblem:
    limit = "what macros may add to one file" if budget else f"the limit of {MAX_EXPANSION:,} characters"
    return MacroProblem(
        "macro-too-large",
        line,
        owner,
        f"{where} would expand to {length:,} characters, past {limit}; it is not expanded",
        "write the text out, or use fewer nested macros",
    )


def _uses_refused(line: int, owner: str, names: list[str], where: str, refused: dict[str, int]) -> MacroProblem:
    listed = ", ".join(f"'{name}' (line {refused[name.lower()]})" for name in dict.fromkeys(names))
    outcome = "it is not defined" if where.startswith("@string") else "it is kept as written"
    return MacroProblem(
        "macro-too-large",
        line,
        owner,
        f"{where} uses {listed}, too large to expand; {outcome}",
        "write the text out, or use fewer nested macros",
    )


def _undefined(line: int, owner: str, names: list[str], where: str) -> MacroProblem:
    listed = ", ".join(f"'{name}'" for name in names)
    return MacroProblem(
        "undefined-macro",
        line,
        owner,
        f"{where} uses {listed}, which no @string defines",
        f"define it before use, e.g. @string{{{names[0]} = {{...}}}}, or write the text in braces",
    )


def _unreadable(line: int, owner: str, where: str, value: str) -> MacroProblem:
    shown = " ".join(value.split())[:60]
    return MacroProblem(
        "bibtex-value",
        line,
        owner,
        f"{where} is not a BibTeX value: {shown}",
        'write {text} or "text", a number or a @string name, joined by #',
    )


def resolve_macros(library: Library, inherited: Mapping[str, str]) -> tuple[dict[str, str], list[MacroProblem]]:
    """Resolve the ``@string`` definitions and the entries' values of one parsed file, in place.

    Run after splitting, before bibtexparser's middlewares (its own string resolution is
    then not needed). ``inherited`` holds the macros of the files read before, by lowercase
    name. Returns this file's own definitions, resolved, and what could not be resolved.
    Every value is measured before it is expanded: one over :data:`MAX_EXPANSION`
    characters, or past the file's budget (:data:`BASE_BUDGET` and twice the file's
    size), is not expanded but reported (``macro-too-large``).
    """
    size = sum(len(str(block.raw or "")) for block in library.blocks)
    state = _Expansion(dict(inherited), BASE_BUDGET + 2 * size, {})
    defined: dict[str, str] = {}
    problems: list[MacroProblem] = []
    for string in library.strings:  # In file order: a definition uses those before it.
        where = f"@string '{string.key}'"
        line = (string.start_line or 0) + 1
        raw = str(string.value)
        parts = split_value(raw)
        if parts is None:
            problems.append(_unreadable(line, string.key, where, raw))
            continue
        name = string.key.lower()
        length, unknown, refused = state.measure(parts)
        if unknown:
            problems.append(_undefined(line, string.key, unknown, where))
        if refused or length > MAX_EXPANSION or length > state.budget:
            if not refused:
                problems.append(_too_large(line, string.key, where, length, length <= MAX_EXPANSION))
            else:
                problems.append(_uses_refused(line, string.key, refused, where, state.refused))
            state.macros.pop(name, None)
            defined.pop(name, None)
            state.refused[name] = line
            continue
        state.budget -= length
        text = state.join(parts)
        state.refused.pop(name, None)
        state.macros[name] = defined[name] = text
        string.value = "{" + text + "}"
    for entry in library.entries:
        for field in entry.fields:
            if not isinstance(field.value, str):
                continue
            parts = _parts(field.value)
            if parts == []:
                continue  # One braced, quoted or numeric value: as bibtexparser reads it.
            where = f"entry '{entry.key}', field '{field.key}'"
            line = (field.start_line or entry.start_line or 0) + 1
            if parts is None:
                problems.append(_unreadable(line, field.key, where, field.value))
                continue
            month = parts[0][1].lower()
            if len(parts) == 1 and month in MONTHS and month not in state.macros and month not in state.refused:
                continue  # month = jan: kept as the month macro every BibTeX tool knows.
            length, unknown, refused = state.measure(parts)
            if unknown:
                problems.append(_undefined(line, field.key, unknown, where))
                continue  # Kept as written.
            if refused:
                problems.append(_uses_refused(line, field.key, refused, where, state.refused))
                continue
            if length > MAX_EXPANSION or length > state.budget:
                problems.append(_too_large(line, field.key, where, length, length <= MAX_EXPANSION))
                continue
            state.budget -= length
            field.value = "{" + state.join(parts) + "}"
    return defined, problems
