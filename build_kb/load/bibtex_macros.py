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

import hashlib
import json
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
"""The most characters one value made of macros may expand to."""
BASE_BUDGET = 1_000_000
"""Characters (and steps) every file may spend expanding macros, besides twice its own size."""
_CAP = MAX_EXPANSION + 1
"""Lengths are counted up to here: past it, only "too large" matters (no huge integers)."""

Piece = str | tuple[str]
"""One part of a definition: its text, or ``(key,)``: the definition of a macro it uses."""


@dataclass(frozen=True, slots=True)
class _Definition:
    """A macro as defined: its parts, each macro it uses bound to the definition in force then.

    ``length``: its text's length, counted up to :data:`_CAP`. Nothing is expanded here:
    ``m1 = m0 # m0 # m0`` nested eight levels deep would be hundreds of millions of
    characters from a few hundred bytes, and no entry need use it.
    """

    length: int
    pieces: tuple[Piece, ...]

    def encode(self) -> str:
        return json.dumps([self.length, [list(piece) if isinstance(piece, tuple) else piece for piece in self.pieces]])


def _decode(text: str) -> _Definition | None:
    """A definition from :meth:`_Definition.encode`; None when it is not one (a damaged cache, say)."""
    try:
        length, pieces = json.loads(text)
    except (ValueError, TypeError):
        return None
    if not isinstance(length, int) or not isinstance(pieces, list):
        return None
    decoded: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            decoded.append(piece)
        elif isinstance(piece, list) and len(piece) == 1 and isinstance(piece[0], str):
            decoded.append((piece[0],))
        else:
            return None
    return _Definition(min(max(length, 0), _CAP), tuple(decoded))


class _TooMuch(Exception):
    """Expanding a value would spend more than the file's budget."""


class _Macros:
    """The macros known while one file is read; a macro's text is made only for a value that uses it.

    Macros travel from file to file as one mapping of strings (kept in the parse cache):
    a name (lowercase, no white space) maps to the key of its definition in force, and a
    key (the name, a space, a digest of the definition) to the definition
    (:meth:`_Definition.encode`). A definition names the definitions it uses by key, so a
    later ``@string`` of the same name, in this file or another, changes what entries
    read, not what earlier macros hold (BibTeX resolves a macro where it is defined).
    """

    def __init__(self, inherited: Mapping[str, str], budget: int) -> None:
        self.inherited = inherited
        self.names: dict[str, str] = {}
        self.definitions: dict[str, _Definition | None] = {}
        self.lines: dict[str, int] = {}
        self.budget = budget
        self.exported: dict[str, str] = {}

    def key(self, name: str) -> str | None:
        """The key of the definition of ``name`` (lowercase) in force; None when undefined."""
        found = self.names.get(name)
        if found is None and " " not in name:
            found = self.inherited.get(name)
        return found if found is not None and self.definition(found) is not None else None

    def definition(self, key: str) -> _Definition | None:
        if key not in self.definitions:
            text = self.inherited.get(key) if " " in key else None
            self.definitions[key] = _decode(text) if text is not None else None
        return self.definitions[key]

    def bind(self, parts: list[Part]) -> tuple[list[Piece], int, list[str]]:
        """A value's parts bound to the definitions in force: its pieces, its length (to the cap), the undefined names.

        An undefined name is kept as written (and reported); a month not defined by
        ``@string`` is its English name, as BibTeX's styles define it.
        """
        pieces: list[Piece] = []
        length, unknown = 0, []
        for is_name, text in parts:
            key = self.key(text.lower()) if is_name else None
            if key is not None:
                pieces.append((key,))
                length += self.lengths(key)
                continue
            if is_name and text.lower() in MONTHS:
                text = MONTHS[text.lower()]
            elif is_name:
                unknown.append(text)
            pieces.append(text)
            length += len(text)
        return pieces, min(length, _CAP), unknown

    def lengths(self, key: str) -> int:
        found = self.definition(key)
        return found.length if found is not None else 0

    def define(self, name: str, parts: list[Part], line: int) -> list[str]:
        """Define ``name`` (lowercase) as ``parts``; returns the undefined names it uses."""
        pieces, length, unknown = self.bind(parts)
        definition = _Definition(length, tuple(pieces))
        encoded = definition.encode()
        key = f"{name} {hashlib.sha256(encoded.encode()).hexdigest()[:16]}"
        self.definitions[key] = definition
        self.lines.setdefault(key, line)
        self.names[name] = self.exported[name] = key
        self.exported[key] = encoded
        return unknown

    def line(self, key: str) -> int | None:
        """The line of a definition made in this file; None for one from a file before."""
        return self.lines.get(key)

    def text(self, pieces: list[Piece]) -> str:
        """The text of bound pieces, measured first (:meth:`bind`); every step and character is paid from the budget.

        No macro's text is kept from one value to the next: a chain ``m2 = m1 # {x}``,
        ``m3 = m2 # {x}``... would otherwise keep every prefix. A macro of length 0 is skipped,
        so each step adds a character or more (or walks a one-part chain, also paid).
        """
        out: list[str] = []
        stack: list[Piece] = list(reversed(pieces))
        spent = 0
        while stack:
            piece = stack.pop()
            spent += 1
            if isinstance(piece, str):
                out.append(piece)
                spent += len(piece)
            else:
                found = self.definition(piece[0])
                if found is not None and found.length:
                    stack.extend(reversed(found.pieces))
            if spent > self.budget:
                raise _TooMuch
        self.budget -= spent
        return "".join(out)


def _too_large(line: int, owner: str, where: str, length: int, budget: bool) -> MacroProblem:
    size = f"more than {MAX_EXPANSION:,}" if length > MAX_EXPANSION else f"{length:,}"
    limit = "what macros may add to one file" if budget else f"the limit of {MAX_EXPANSION:,} characters"
    return MacroProblem(
        "macro-too-large",
        line,
        owner,
        f"{where} would expand to {size} characters, past {limit}; it is kept as written",
        "write the text out, or use fewer nested macros",
    )


def _uses_too_large(line: int, owner: str, where: str, names: list[tuple[str, int | None]]) -> MacroProblem:
    listed = ", ".join(f"'{name}'" + (f" (line {at})" if at else "") for name, at in dict.fromkeys(names))
    return MacroProblem(
        "macro-too-large",
        line,
        owner,
        f"{where} uses {listed}, which would expand to more than {MAX_EXPANSION:,} characters; it is kept as written",
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
    """Resolve the entries' values of one parsed file in place, with its ``@string`` definitions.

    Run after splitting, before bibtexparser's middlewares (its own string resolution is
    then not needed). ``inherited``: what the files read before returned, merged. Returns
    this file's definitions, to merge for the files after it (see :class:`_Macros`), and
    what could not be resolved. A definition is only bound, never expanded; a value is
    measured before it is expanded: one over :data:`MAX_EXPANSION` characters, or past the
    file's budget (:data:`BASE_BUDGET` and twice the file's size), is kept as written and
    reported (``macro-too-large``). So a macro no entry uses costs its definition only.
    """
    size = sum(len(str(block.raw or "")) for block in library.blocks)
    macros = _Macros(inherited, BASE_BUDGET + 2 * size)
    problems: list[MacroProblem] = []
    for string in library.strings:  # In file order: a definition uses those before it.
        where = f"@string '{string.key}'"
        line = (string.start_line or 0) + 1
        raw = str(string.value)
        parts = split_value(raw)
        if parts is None:
            problems.append(_unreadable(line, string.key, where, raw))
            continue
        if not string.key or any(char in _NOT_IN_NAME for char in string.key):
            continue  # No value can name it (bibtexparser reads such a key; BibTeX would not).
        unknown = macros.define(string.key.lower(), parts, line)
        if unknown:
            problems.append(_undefined(line, string.key, unknown, where))
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
            if len(parts) == 1 and month in MONTHS and macros.key(month) is None:
                continue  # month = jan: kept as the month macro every BibTeX tool knows.
            pieces, length, unknown = macros.bind(parts)
            if unknown:
                problems.append(_undefined(line, field.key, unknown, where))
                continue  # Kept as written.
            large = [
                (text, macros.line(piece[0]))
                for (is_name, text), piece in zip(parts, pieces, strict=True)
                if is_name and isinstance(piece, tuple) and macros.lengths(piece[0]) > MAX_EXPANSION
            ]
            if large:
                problems.append(_uses_too_large(line, field.key, where, large))
                continue
            if length > MAX_EXPANSION or length > macros.budget:
                problems.append(_too_large(line, field.key, where, length, length <= MAX_EXPANSION))
                continue
            try:
                field.value = "{" + macros.text(pieces) + "}"
            except _TooMuch:
                problems.append(_too_large(line, field.key, where, length, True))
    return macros.exported, problems
