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


def _joined(parts: list[Part], macros: Mapping[str, str]) -> tuple[str, list[str]]:
    """The text of a value's parts, and the names of the macros it uses that are not defined."""
    texts, unknown = [], []
    for is_name, text in parts:
        if not is_name:
            texts.append(text)
            continue
        name = text.lower()
        found = macros.get(name, MONTHS.get(name))
        if found is None:
            unknown.append(text)
            texts.append(text)  # Kept as written, and reported.
        else:
            texts.append(found)
    return "".join(texts), unknown


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
    """
    macros = dict(inherited)
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
        text, unknown = _joined(parts, macros)
        if unknown:
            problems.append(_undefined(line, string.key, unknown, where))
        macros[string.key.lower()] = defined[string.key.lower()] = text
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
            if len(parts) == 1 and parts[0][1].lower() in MONTHS and parts[0][1].lower() not in macros:
                continue  # month = jan: kept as the month macro every BibTeX tool knows.
            text, unknown = _joined(parts, macros)
            if unknown:
                problems.append(_undefined(line, field.key, unknown, where))
                continue  # Kept as written.
            field.value = "{" + text + "}"
    return defined, problems
