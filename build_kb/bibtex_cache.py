"""The parsed BibTeX library kept between builds, per file, under a hash of everything it depends on.

bibtexparser's splitter walks every character of a library in Python: about half a
second per 4,000 entries, on every build, although the ``.bib`` files rarely change
between two builds (editing a card changes none). Each file's references and
diagnostics are therefore kept, in memory across ``mkdocs serve`` rebuilds and on disk
in the build cache (:mod:`build_kb.buildcache`), under a hash of the file's text, its
shown path, the ``@string`` macros the files before it define, the versions of
bibtexparser and pylatexenc, and the source of the modules that make references (so a
change to the parsing code never reads an old result).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from build_kb import __version__
from build_kb.bibtex import parse_bibtex_file
from build_kb.buildcache import cache_folder, load, store
from build_kb.diagnostics import Diagnostic, Position, Severity
from build_kb.model import Person, Reference

FORMAT = 2
"""Part of every key: bump it when the stored form changes."""

Parsed = tuple[list[Reference], list[Diagnostic], dict[str, str]]
"""A file's references, its problems and the ``@string`` macros it defines."""

_MEMORY: dict[str, tuple[str, Parsed]] = {}
"""Cache file name -> (key, parse): what this process parsed or read, for ``mkdocs serve``."""


@cache
def _code_digest() -> str:
    """The source of every module whose code shapes a parse: any edit to them is a miss."""
    import bibtexparser
    import pylatexenc.version

    from build_kb import bibtex, bibtex_macros, codes, diagnostics, model

    versions = f"{FORMAT}|{__version__}|{bibtexparser.__version__}|{pylatexenc.version.version_str}"
    digest = hashlib.sha256(versions.encode())
    for module in (bibtex, bibtex_macros, codes, diagnostics, model):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def _key(text: str, shown: str, inherited: Mapping[str, str]) -> str:
    macros = json.dumps(sorted(inherited.items()), ensure_ascii=False)
    return hashlib.sha256(f"{_code_digest()}|{shown}|{macros}|".encode() + text.encode("utf-8")).hexdigest()


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


def _from_json(data: dict[str, Any]) -> Parsed:
    """The parse read back; raises (KeyError, TypeError, ValueError) on anything else, which is a miss."""
    references = []
    for key, entry_type, fields, authors, editors, path, line, raw, written in data["references"]:
        references.append(
            Reference(
                key=str(key),
                entry_type=str(entry_type),
                fields={str(name): str(value) for name, value in fields.items()},
                authors=tuple(Person(*(str(part) for part in person)) for person in authors),
                editors=tuple(Person(*(str(part) for part in person)) for person in editors),
                path=str(path),
                line=int(line),
                raw=str(raw),
                written=None if written is None else {str(name): str(value) for name, value in written.items()},
            )
        )
    diagnostics = [
        Diagnostic(
            str(path),
            Position(int(line), int(column)),
            Severity(severity),
            str(code),
            str(message),
            str(hint),
            tuple(str(item) for item in related),
        )
        for path, line, column, severity, code, message, hint, related in data["diagnostics"]
    ]
    macros = {str(name): str(text) for name, text in data["macros"].items()}
    return references, diagnostics, macros


def _read(file: Path, key: str) -> Parsed | None:
    payload = load(file, key)
    if not isinstance(payload, dict):
        return None
    try:
        return _from_json(payload)
    except (KeyError, TypeError, ValueError):
        return None


def parse_bibtex_cached(text: str, shown: str, root: Path, inherited: Mapping[str, str] | None = None) -> Parsed:
    """:func:`~build_kb.bibtex.parse_bibtex_file` of one file of the project at ``root``, from the cache when it can.

    ``inherited``: the macros the files read before define. Returns fresh lists and a fresh
    dict (the references themselves are shared: they are immutable).
    """
    inherited = inherited or {}
    key = _key(text, shown, inherited)
    name = "bibtex-" + hashlib.sha256(f"{root.resolve()}|{shown}".encode()).hexdigest()[:24] + ".json"
    remembered = _MEMORY.get(name)
    if remembered is not None and remembered[0] == key:
        references, diagnostics, macros = remembered[1]
        return list(references), list(diagnostics), dict(macros)
    folder = cache_folder(root)
    parsed = _read(folder / name, key) if folder is not None else None
    if parsed is None:
        parsed = parse_bibtex_file(text, shown, inherited)
        if folder is not None:
            store(folder / name, key, _to_json(parsed))
    _MEMORY[name] = (key, parsed)
    return list(parsed[0]), list(parsed[1]), dict(parsed[2])
