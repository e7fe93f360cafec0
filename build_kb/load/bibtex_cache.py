"""The parsed BibTeX library kept between builds, per file, under a hash of everything it depends on.

bibtexparser's splitter walks every character of a library in Python: about half a
second per 4,000 entries, on every build, although the ``.bib`` files rarely change
between two builds (editing a card changes none). Each file's references and
diagnostics are therefore kept, in memory across ``mkdocs serve`` rebuilds and in the
build cache (:mod:`build_kb.store`), under the fingerprint of the file's text, its shown
path and the ``@string`` macros the files before it define. What is read back is checked
field by field: anything of another shape is a miss.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from build_kb.diagnostics import Diagnostic, Position, Severity
from build_kb.load.bibtex import parse_bibtex_file
from build_kb.model import Person, Reference
from build_kb.store import cache_folder, fingerprint, open_store, read_json, write_json

KIND = "bibtex"

Parsed = tuple[list[Reference], list[Diagnostic], dict[str, str]]
"""A file's references, its problems and the ``@string`` macros it defines."""

_MEMORY: dict[str, tuple[str, Parsed]] = {}
"""Entry name -> (key, parse): what this process parsed or read, for ``mkdocs serve``."""


def _key(text: str, shown: str, inherited: Mapping[str, str]) -> str:
    macros = json.dumps(sorted(inherited.items()), ensure_ascii=False)
    return fingerprint(KIND, shown, macros, text)


def _to_json(parsed: Parsed) -> dict[str, Any]:
    references, diagnostics, macros = parsed
    return {
        "macros": dict(macros),
        "references": [
            [
                r.key,
                r.entry_type,
                dict(r.fields),
                [[p.first, p.von, p.last, p.jr] for p in r.authors],
                [[p.first, p.von, p.last, p.jr] for p in r.editors],
                r.path,
                r.line,
                r.raw,
                None if r.written is None else dict(r.written),
            ]
            for r in references
        ],
        "diagnostics": [
            [d.path, d.position.line, d.position.column, d.severity.value, d.code, d.message, d.hint, list(d.related)]
            for d in diagnostics
        ],
    }


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("not a string")
    return value


def _list(value: Any, size: int | None = None) -> list[Any]:
    if type(value) is not list or (size is not None and len(value) != size):
        raise ValueError("not a list of the right size")
    return value


def _texts(value: Any) -> dict[str, str]:
    if type(value) is not dict or any(type(item) is not str for item in value.values()):
        raise ValueError("not a mapping of strings")
    return value


def _line(value: Any) -> int:
    if type(value) is not int or value < 1:
        raise ValueError("not a line number")
    return value


def _person(value: Any) -> Person:
    return Person(*(_str(part) for part in _list(value, 4)))


def _from_json(data: Any) -> Parsed:
    """The parse read back; raises ValueError on anything of another shape or type (a miss)."""
    if type(data) is not dict:
        raise ValueError("not a mapping")
    references = []
    for item in _list(data.get("references")):
        key, entry_type, fields, authors, editors, path, line, raw, written = _list(item, 9)
        references.append(
            Reference(
                key=_str(key),
                entry_type=_str(entry_type),
                fields=_texts(fields),
                authors=tuple(_person(person) for person in _list(authors)),
                editors=tuple(_person(person) for person in _list(editors)),
                path=_str(path),
                line=_line(line),
                raw=_str(raw),
                written=None if written is None else _texts(written),
            )
        )
    diagnostics = []
    for item in _list(data.get("diagnostics")):
        path, line, column, severity, code, message, hint, related = _list(item, 8)
        position, level, others = Position(_line(line), _line(column)), Severity(_str(severity)), _list(related)
        diagnostics.append(
            Diagnostic(_str(path), position, level, _str(code), _str(message), _str(hint), tuple(map(_str, others)))
        )
    return references, diagnostics, _texts(data.get("macros"))


def parse_bibtex_cached(text: str, shown: str, root: Path, inherited: Mapping[str, str] | None = None) -> Parsed:
    """:func:`~build_kb.load.bibtex.parse_bibtex_file` of one file of the project at ``root``, from the cache if it can.

    ``inherited``: the macros the files read before define. Returns fresh lists and a fresh
    dict (the references themselves are shared: they are immutable).
    """
    inherited = inherited or {}
    key = _key(text, shown, inherited)
    name = hashlib.sha256(f"{root.resolve()}|{shown}".encode()).hexdigest()[:24]
    remembered = _MEMORY.get(name)
    if remembered is not None and remembered[0] == key:
        references, diagnostics, macros = remembered[1]
        return list(references), list(diagnostics), dict(macros)
    store = open_store(cache_folder(root))
    parsed = None
    stored = read_json(store, KIND, name, key)
    if stored is not None:
        try:
            parsed = _from_json(stored)
        except ValueError as error:
            store.miss(KIND, f"not a parse ({error})")  # type: ignore[union-attr]
    if parsed is None:
        parsed = parse_bibtex_file(text, shown, inherited)
        write_json(store, KIND, name, key, _to_json(parsed))
    _MEMORY[name] = (key, parsed)
    return list(parsed[0]), list(parsed[1]), dict(parsed[2])
