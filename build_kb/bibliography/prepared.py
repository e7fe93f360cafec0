"""The locale-free part of a library's formatting, computed once and shared by its formatters:
CSL-JSON, year suffixes, citation numbers, what citeproc reads and each entry's cache key."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from build_kb.bibliography.biblatex import localised_genre
from build_kb.bibliography.csl_json import CslItem, csl_item
from build_kb.bibliography.disambiguation import suffix_groups, year_suffixes
from build_kb.bibliography.style import CslStyle
from build_kb.model import Reference

RENDER_VERSION = "5"
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
    """

    references: dict[str, Reference]
    csl: dict[str, CslItem]
    suffixes: dict[str, str]
    numbers: dict[str, int]
    inputs: dict[str, CslItem]
    digests: dict[str, str]
    groups: list[list[str]]


_LAST_PREPARED: list[tuple[tuple[tuple[str, Reference], ...], bool, bool, Prepared]] = []
"""The last library prepared (one slot): a site's formatters, one per language, share it."""


def prepare(references: Mapping[str, Reference], style: CslStyle) -> Prepared:
    """The locale-free part of a formatter, reused while the library's entries are the same objects."""
    entries = tuple((key, references[key]) for key in sorted(references))
    flags = (style.year_suffix, style.numbered)
    for known, year_suffix, numbered, prepared in _LAST_PREPARED:
        same = len(known) == len(entries) and all(
            a[0] == b[0] and a[1] is b[1] for a, b in zip(known, entries, strict=True)
        )
        if same and (year_suffix, numbered) == flags:
            return prepared
    sorted_references = dict(entries)
    csl = {key: csl_item(reference) for key, reference in entries}
    groups = suffix_groups(csl) if style.year_suffix else []
    suffixes = year_suffixes(csl, groups) if style.year_suffix else {}
    numbers = {key: index for index, (key, _) in enumerate(entries, start=1)}
    inputs: dict[str, CslItem] = {}
    digests: dict[str, str] = {}
    for key, _ in entries:
        inputs[key], digests[key] = entry_input(csl[key], suffixes.get(key), numbers[key] if style.numbered else 0)
    prepared = Prepared(sorted_references, csl, suffixes, numbers, inputs, digests, groups)
    _LAST_PREPARED[:] = [(entries, *flags, prepared)]
    return prepared


def entry_input(item: CslItem, suffix: str | None, number: int) -> tuple[CslItem, str]:
    """What citeproc reads for an entry (its CSL-JSON with its year suffix, no id), and its cache key."""
    found = {name: value for name, value in item.items() if name != "id"}
    if suffix:
        found["year-suffix"] = suffix
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
