"""Year suffixes (2018a, 2018b) for works by the same authors in the same year.

citeproc-py 0.11 does not implement CSL disambiguation (its pull request #215 is still
open), so "(Crinon, 2018)" would point at two different works. We assign the suffixes
ourselves, once for the whole library, and feed them to citeproc as the ``year-suffix``
variable, which styles such as APA print after the year in both the in-text citation
and the bibliography, so the two always agree.

Works share a suffix group when they have the same name list (authors, else editors,
else the title, as APA substitutes) and the same year (or both no date: "n.d.-a").
Within a group, suffixes follow the title, then the key, as APA orders the references.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from build_kb.bibliography.csl_json import CslItem

_NAME_PARTS = ("literal", "family", "given", "non-dropping-particle", "dropping-particle", "suffix")


def suffix_letters(index: int) -> str:
    """The ``index``-th suffix: a ... z, then aa, ab ... (as citeproc-js counts)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _names(item: CslItem) -> tuple[Any, ...]:
    for role in ("author", "editor"):
        people = item.get(role)
        if people:
            return tuple(tuple(str(person.get(part, "")).casefold() for part in _NAME_PARTS) for person in people)
    return (("title", str(item.get("title", "")).casefold()),)


def _year(item: CslItem) -> str:
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or []
    if parts and parts[0]:
        return str(parts[0][0])
    return str(issued.get("literal", "")) or str(item.get("status", ""))


def year_suffixes(items: Mapping[str, CslItem]) -> dict[str, str]:
    """The year suffix of every work that needs one, by key; works alone in their group get none."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for key, item in items.items():
        groups.setdefault((_names(item), _year(item)), []).append(key)
    suffixes: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        ordered = sorted(keys, key=lambda k: (str(items[k].get("title", "")).casefold(), k))
        for index, key in enumerate(ordered):
            suffixes[key] = suffix_letters(index)
    return dict(sorted(suffixes.items()))
