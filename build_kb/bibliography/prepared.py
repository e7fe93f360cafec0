"""The locale-free part of a library's formatting, computed once and shared by its formatters:
CSL-JSON, year suffixes, citation numbers, what citeproc reads and each entry's cache key."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from build_kb.bibliography.biblatex import localised_genre
from build_kb.bibliography.csl_json import CslItem, csl_item
from build_kb.bibliography.disambiguation import added_names, suffix_groups, year_suffixes
from build_kb.bibliography.fixes import ET_AL_NAMES
from build_kb.bibliography.style import CslStyle
from build_kb.model import Reference

RENDER_VERSION = "6"
"""Part of every cache key: bump it when a change here changes formatted output."""


def digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Prepared:
    """What every formatter of one library computes the same way, whatever its locale.

    Attributes:
        references: The library, sorted by key.
        csl: CSL-JSON by key; suffixes: year suffixes by key (none if the style has none);
        numbers: citation numbers (key order, from 1).
        inputs: What citeproc reads for each key (CSL-JSON with its year suffix, no id).
        digests: Each entry's cache key (its input and, in a numbered style, its number).
        groups: The works that share names and year, which year suffixes tell apart.
        names: How many names a cite shows where ``disambiguate-add-names`` adds some (:func:`.added_names`).
    """

    references: dict[str, Reference]
    csl: dict[str, CslItem]
    suffixes: dict[str, str]
    numbers: dict[str, int]
    inputs: dict[str, CslItem]
    digests: dict[str, str]
    groups: list[list[str]]
    names: dict[str, int]


_LAST_PREPARED: list[tuple[tuple[tuple[str, Reference], ...], tuple[object, ...], Prepared]] = []
"""The last library prepared (one slot): a site's formatters, one per language, share it."""


def prepare(references: Mapping[str, Reference], style: CslStyle) -> Prepared:
    """The locale-free part of a formatter, reused while the library's entries are the same objects."""
    entries = tuple((key, references[key]) for key in sorted(references))
    flags = (
        style.year_suffix,
        style.numbered,
        style.add_names,
        style.givenname_rule,
        style.et_al_min,
        style.et_al_use_first,
    )
    for known, known_flags, prepared in _LAST_PREPARED:
        same = len(known) == len(entries) and all(
            a[0] == b[0] and a[1] is b[1] for a, b in zip(known, entries, strict=True)
        )
        if same and known_flags == flags:
            return prepared
    sorted_references = dict(entries)
    csl = {key: csl_item(reference) for key, reference in entries}
    groups = suffix_groups(csl) if style.year_suffix else []
    suffixes = year_suffixes(csl, groups) if style.year_suffix else {}
    names = added_names(csl, style.givenname_rule, style.et_al_min, style.et_al_use_first) if style.add_names else {}
    numbers = {key: index for index, (key, _) in enumerate(entries, start=1)}
    inputs: dict[str, CslItem] = {}
    digests: dict[str, str] = {}
    for key, _ in entries:
        inputs[key], digests[key] = entry_input(
            csl[key], suffixes.get(key), numbers[key] if style.numbered else 0, names.get(key, 0)
        )
    prepared = Prepared(sorted_references, csl, suffixes, numbers, inputs, digests, groups, names)
    _LAST_PREPARED[:] = [(entries, flags, prepared)]
    return prepared


def entry_input(item: CslItem, suffix: str | None, number: int, names: int = 0) -> tuple[CslItem, str]:
    """What citeproc reads for an entry (its CSL-JSON with its year suffix, no id), and its cache key.

    ``names``: the names its cite shows, when disambiguation adds some (:data:`ET_AL_NAMES`).
    """
    found = {name: value for name, value in item.items() if name != "id"}
    if suffix:
        found["year-suffix"] = suffix
    if names:
        found[ET_AL_NAMES] = names
    return found, digest([found, number])


def localised_inputs(inputs: dict[str, CslItem], locale: str) -> dict[str, CslItem]:
    """The inputs with biblatex's genres (:func:`~.biblatex.genre`) in the locale's language.

    Only the few items whose genre changes are copied; the others are shared.
    """
    result = inputs
    for key, item in inputs.items():
        value = item.get("genre")
        if isinstance(value, str):
            local = localised_genre(value, locale)
            if local != value:
                if result is inputs:
                    result = dict(inputs)
                result[key] = {**item, "genre": local}
    return result
