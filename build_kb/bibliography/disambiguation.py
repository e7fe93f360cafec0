"""Year suffixes (2018a, 2018b) for works by the same authors in the same year, and given names
for authors who share a family name ("J. Crinon" when the library also has another "Crinon").

citeproc-py 0.11 does not implement CSL disambiguation (its pull request #215 is still
open), so "(Crinon, 2018)" would point at two different works. We assign the suffixes
ourselves, once for the whole library, and feed them to citeproc as the ``year-suffix``
variable, which styles such as APA print after the year in both the in-text citation
and the bibliography, so the two always agree.

Works share a suffix group when they have the same name list (authors, else editors,
else the title, as APA substitutes) and the same year (or both no date: "n.d.-a").
Within a group, suffixes follow the bibliography's order, as CSL assigns them: the
formatter renders the entries, sorts them with the style's keys (ties in the library's
order, as pandoc keeps them) and renders again the few whose suffix that changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from build_kb.bibliography.collation import collation_key
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
    if parts and parts[0]:  # A range's years both ("1984/1986" is not "1984").
        return "/".join(dict.fromkeys(str(part[0]) for part in parts if part))
    return str(issued.get("literal", "")) or str(item.get("status", ""))


def suffix_groups(items: Mapping[str, CslItem]) -> list[list[str]]:
    """The works that need a year suffix, by group (same names, same year), each in key order."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for key, item in items.items():
        groups.setdefault((_names(item), _year(item)), []).append(key)
    return [sorted(keys) for keys in groups.values() if len(keys) > 1]


def year_suffixes(items: Mapping[str, CslItem], groups: list[list[str]] | None = None) -> dict[str, str]:
    """A first year suffix of every work that needs one, by key; works alone in their group get none.

    Within a group, suffixes follow the title, then the key: the order of the bibliography
    when its sort ends with the title. :func:`suffixes_in_order` gives the style's own.
    """
    suffixes: dict[str, str] = {}
    for keys in suffix_groups(items) if groups is None else groups:
        ordered = sorted(keys, key=lambda k: (collation_key(str(items[k].get("title", ""))), k))
        for index, key in enumerate(ordered):
            suffixes[key] = suffix_letters(index)
    return dict(sorted(suffixes.items()))


def suffixes_in_order(groups: list[list[str]], rank: Mapping[str, int]) -> dict[str, str]:
    """Year suffixes given in the bibliography's order (``rank`` of each key), as CSL assigns them.

    The style's sort decides ("2018" before "2018-02-15" in APA, by title in Chicago),
    where a sort by title alone would not.
    """
    suffixes: dict[str, str] = {}
    for keys in groups:
        for index, key in enumerate(sorted(keys, key=rank.__getitem__)):
            suffixes[key] = suffix_letters(index)
    return dict(sorted(suffixes.items()))


def _initials(given: str) -> str:
    """``Jacques`` -> ``J.``, ``Jean-Marie`` -> ``J.-M.``, ``Deborah L.`` -> ``D. L.`` (APA's initialize-with ". ")."""
    words = []
    for word in given.split():
        parts = [part for part in word.split("-") if part]
        words.append("-".join(f"{part[0]}." for part in parts))
    return " ".join(words)


def _rendered_family(person: Mapping[str, Any]) -> str:
    return " ".join(p for p in (str(person.get("non-dropping-particle", "")), str(person.get("family", ""))) if p)


def primary_givennames(items: Mapping[str, CslItem], rule: str, et_al_min: int, use_first: int) -> dict[str, str]:
    """The given name to print before each cite's first name, by key, where CSL's given-name
    disambiguation asks for it (``primary-name`` and ``primary-name-with-initials``, APA's and
    Chicago's rules; citeproc-py implements none).

    A name is ambiguous when the names the citations show (all of a cite's names, or its
    first ``et-al-use-first`` when it has ``et-al-min`` or more) hold the same family name
    with different given names, a missing given name counting as one: "Crinon" (a work whose
    given name is unknown) makes "Crinon, Jacques" read "J. Crinon". Only a cite's first name
    is expanded, and only when it has a given name, to its initials.
    """
    if rule not in ("primary-name", "primary-name-with-initials"):
        return {}
    shown: dict[str, set[str]] = {}
    primaries: dict[str, Mapping[str, Any]] = {}
    for key, item in items.items():
        people = [p for p in (item.get("author") or item.get("editor") or []) if "family" in p]
        if not people:
            continue
        primaries[key] = people[0]
        if et_al_min and use_first and len(people) >= et_al_min:
            people = people[:use_first]
        for person in people:
            shown.setdefault(_rendered_family(person).casefold(), set()).add(str(person.get("given", "")).casefold())
    result: dict[str, str] = {}
    for key, person in primaries.items():
        given = str(person.get("given", "")).strip()
        if given and len(shown.get(_rendered_family(person).casefold(), ())) > 1:
            # Initials first, as CSL expands names (they already tell "J. Crinon" from a "Crinon"
            # whose given name is unknown, and pandoc stops there for both rules).
            result[key] = _initials(given)
    return dict(sorted(result.items()))


def _compared(person: Mapping[str, Any], first: bool, rule: str) -> tuple[str, ...]:
    """A name as given-name disambiguation sees it: family parts, and the first name's given name
    (its initials under ``primary-name-with-initials``) when the rule shows it."""
    parts = tuple(str(person.get(part, "")).casefold() for part in _NAME_PARTS if part != "given")
    if not first or rule not in ("primary-name", "primary-name-with-initials"):
        return parts
    given = str(person.get("given", ""))
    return (*parts, (_initials(given) if rule == "primary-name-with-initials" else given).casefold())


def added_names(items: Mapping[str, CslItem], rule: str, et_al_min: int, use_first: int) -> dict[str, int]:
    """How many names each cite shows where CSL's ``disambiguate-add-names`` adds some, by key.

    Works whose citations read the same ("Ramsauer et al., 2020" for two works whose 8th
    authors differ) get names added one by one, all of them together, until some read
    differently; those leave the set, the others go on (as pandoc's citeproc does): both
    Ramsauer works then show eight names. Works whose names never differ keep the names
    where the last of the others left, and get a year suffix. Only counts above
    ``et-al-use-first`` are given: the others print as the style says.
    """
    if not et_al_min or not use_first:
        return {}
    givens = primary_givennames(items, rule, et_al_min, use_first)
    groups: dict[tuple[Any, ...], list[tuple[str, list[Mapping[str, Any]]]]] = {}
    for key, item in items.items():
        people = [p for p in (item.get("author") or item.get("editor") or []) if "family" in p or "literal" in p]
        if len(people) < et_al_min or len(people) <= use_first:
            continue  # Not abbreviated: nothing to add.
        shown = tuple(_compared(p, False, "") for p in people[:use_first])
        groups.setdefault((shown, givens.get(key, ""), _year(item)), []).append((key, people))
    counts: dict[str, int] = {}
    for members in groups.values():
        remaining = sorted(members)
        most = max(len(people) for _, people in remaining)
        for count in range(1, most + 1):
            if len(remaining) < 2:
                break
            seen = [tuple(_compared(p, i == 0, rule) for i, p in enumerate(people[:count])) for _, people in remaining]
            told = [i for i, names in enumerate(seen) if seen.count(names) == 1]
            if told:
                for key, _ in remaining:
                    counts[key] = count
                remaining = [member for i, member in enumerate(remaining) if i not in told]
    return {key: count for key, count in sorted(counts.items()) if count > use_first}
