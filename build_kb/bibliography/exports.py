"""The library as downloads: ``references.json`` (CSL-JSON) and ``references.bib`` (BibTeX).

Both are pure functions of the references, sorted by key, so two builds write the same
bytes. The BibTeX keeps each value as its author wrote it (LaTeX accents and braces
included, as the loader's one parse read them), normalised: lowercase type and field
names, values in braces, one field per line in a stable order. Only a value built from a
``@string`` macro, which an entry's text cannot resolve alone, is written from its
decoded Unicode text instead (month macros ``jan`` ... ``dec`` stay as they are: every
BibTeX tool knows them).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Mapping
from json.encoder import encode_basestring

from bibtexparser import entrypoint

from build_kb.bibliography.csl_json import exported_item
from build_kb.load.bibtex import written_values
from build_kb.load.bibtex_macros import MONTHS
from build_kb.model import Person, Reference

FIELD_ORDER = (
    "author",
    "editor",
    "title",
    "subtitle",
    "shorttitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "edition",
    "volume",
    "number",
    "pages",
    "year",
    "month",
    "date",
    "publisher",
    "school",
    "institution",
    "organization",
    "address",
    "location",
    "type",
    "isbn",
    "issn",
    "doi",
    "url",
    "urldate",
    "langid",
    "language",
    "keywords",
    "abstract",
    "note",
)
_RANK = {name: index for index, name in enumerate(FIELD_ORDER)}
_NUMBER_RE = re.compile(r"^\d+$")


class _NotPlain(Exception):  # A signal to fall back, not an error.
    """A value :func:`_json` leaves to :func:`json.dumps`."""


def _json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` and a newline, the same bytes, faster.

    With ``indent`` json falls back to its pure-Python encoder, which made writing
    ``references.json`` (and each reference's ``.json``) cost more than building it.
    Plain JSON values (text, integers, finite floats, booleans, None, lists and dicts
    keyed by text: all CSL-JSON holds) are written here; anything else goes to json.
    """
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    parts.append("\n")
    return "".join(parts)


def _write(value: object, newline: str, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif type(value) is int:
        parts.append(int.__repr__(value))
    elif type(value) is float and math.isfinite(value):
        parts.append(float.__repr__(value))
    elif type(value) is list or type(value) is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif type(value) is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotPlain
            parts.append(separator + encode_basestring(key) + ": ")
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    else:
        raise _NotPlain


def reference_csl_json(reference: Reference) -> str:
    """One reference as a CSL-JSON document (a one-item array, as CSL tools import it)."""
    return _json([exported_item(reference)])


def references_csl_json(references: Mapping[str, Reference]) -> str:
    """``references.json``: the whole library as a CSL-JSON array, sorted by key."""
    return _json([exported_item(references[key]) for key in sorted(references)])


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _braced(text: str) -> str:
    """Decoded text as a braced BibTeX value (braces it cannot balance are escaped)."""
    if not _balanced(text):
        text = text.replace("{", "\\{").replace("}", "\\}")
    return "{" + text + "}"


def _quote_at_top(text: str) -> bool:
    """Whether a double quote stands outside every brace group (``"a" # "b"`` once unquoted)."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            return True
    return False


def _as_written(value: str) -> str | None:
    """A value as written, normalised to braces; None when it uses a macro or ``#``."""
    value = value.strip()
    if len(value) >= 2 and value[0] == "{" and value[-1] == "}" and _balanced(value[1:-1]):
        return value
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        inner = value[1:-1]
        return "{" + inner + "}" if _balanced(inner) and not _quote_at_top(inner) else None
    if _NUMBER_RE.match(value):
        return "{" + value + "}"
    if value.lower() in MONTHS:
        return value.lower()
    return None


def _person(person: Person) -> str:
    parts = [" ".join(p for p in (person.von, person.last) if p)]
    if person.jr:
        parts.append(person.jr)
    if person.first:
        parts.append(person.first)
    return ", ".join(parts)


def _decoded(reference: Reference, name: str) -> str:
    if name in ("author", "editor"):
        people = reference.authors if name == "author" else reference.editors
        return " and ".join(_person(person) for person in people)
    return reference.fields.get(name, "")


def _written_fields(raws: Iterable[str]) -> dict[str, dict[str, str]]:
    """Field values as written, by entry key then lowercase field name, from entries' own text."""
    parser_logger = logging.getLogger("bibtexparser.splitter")
    was_disabled, parser_logger.disabled = parser_logger.disabled, True
    try:
        library = entrypoint.parse_string("\n\n".join(raws), parse_stack=[])
    except Exception:  # bibtexparser gives up on some inputs; fall back to decoded values.
        return {}
    finally:
        parser_logger.disabled = was_disabled
    result: dict[str, dict[str, str]] = {}
    for entry in library.entries:
        result.setdefault(entry.key, written_values(entry))
    return result


def written_fields(references: Iterable[Reference]) -> dict[str, Mapping[str, str]]:
    """Each reference's values as written, by key: kept from loading, else parsed from ``raw`` (one parse for all)."""
    known: dict[str, Mapping[str, str]] = {}
    unknown: list[Reference] = []
    for reference in references:
        if reference.written is not None:
            known[reference.key] = reference.written
        else:
            unknown.append(reference)
    if unknown:
        parsed = _written_fields(reference.raw for reference in unknown)
        for reference in unknown:
            known[reference.key] = parsed.get(reference.key, {})
    return known


def _entry(reference: Reference, written: Mapping[str, str]) -> str:
    names = set(written) | set(reference.fields)
    if reference.authors:
        names.add("author")
    if reference.editors:
        names.add("editor")
    lines = []
    for name in sorted(names, key=lambda n: (_RANK.get(n, len(_RANK)), n)):
        value = _as_written(written[name]) if name in written else None
        if value is None:
            value = _braced(_decoded(reference, name))
        lines.append(f"  {name} = {value}")
    body = ",\n".join(lines)
    return f"@{reference.entry_type}{{{reference.key},\n{body}\n}}\n"


def reference_bibtex(reference: Reference) -> str:
    """One entry as normalised BibTeX, for "copy the BibTeX" on its reference page."""
    return _entry(reference, written_fields([reference])[reference.key])


def bibtex_entries(references: Mapping[str, Reference]) -> dict[str, str]:
    """Every entry as normalised BibTeX, by key, sorted: one parse for the whole library.

    What reference pages should use: :func:`reference_bibtex` parses its entry alone.
    """
    keys = sorted(references)
    written = written_fields(references[key] for key in keys)
    return {key: _entry(references[key], written[key]) for key in keys}


def references_bibtex(references: Mapping[str, Reference]) -> str:
    """``references.bib``: every entry, normalised, one per key, sorted by key."""
    return "\n".join(bibtex_entries(references).values())
