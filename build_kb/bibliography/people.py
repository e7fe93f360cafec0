"""One person, one page: which names of a library are the same person.

A library names one person several ways: "Crinon" in an entry whose given name is unknown,
"Crinon, J." in another, "Crinon, Jacques" in a third. Names are the same person when they
have the same family name, particle and suffix, and compatible given names: equal word for
word, or an initial standing for a word ("J." for "Jacques", "J.-M." for "Jean-Marie"), or
missing (a name with no given name, or fewer given names). Each person is then known by the
fullest form (the one with the most letters). A name that fits two people who are not
compatible with each other ("Crinon" when the library has both "Crinon, Jacques" and
"Crinon, Marie") is *ambiguous*: it keeps its own page, and the data-quality page lists it
with the people it may be. An ORCID given in the library (``orcid`` field, see
:func:`orcids`) is an identity: names with different ORCIDs are never merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from build_kb.bibliography.collation import collation_key, fold
from build_kb.ids import Slug, author_slug
from build_kb.model import Person, Reference

_TOKEN_RE = re.compile(r"[^\s.\-]+\.?")
_ORCID_RE = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")


@dataclass(frozen=True, slots=True)
class Identities:
    """The persons of a library.

    Attributes:
        canonical: Slug of every name -> slug of the person it is (itself when alone).
        persons: Slug of each person -> the fullest name they go by.
        ambiguous: Slug of an ambiguous name -> slugs of the persons it may be.
        orcid: Slug of a person -> their ORCID, when the library gives one.
    """

    canonical: Mapping[str, Slug]
    persons: Mapping[str, Person]
    ambiguous: Mapping[str, tuple[Slug, ...]]
    orcid: Mapping[str, str]

    def of(self, person: Person) -> Slug:
        """The slug of the person a name is."""
        slug = author_slug(person)
        return self.canonical.get(slug, slug)


def _tokens(given: str) -> list[str]:
    return [token.casefold() for token in _TOKEN_RE.findall(fold(given))]


def _token_fits(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short.endswith(".") and len(short) == 2 and long.startswith(short[0])


def compatible(a: str, b: str) -> bool:
    """Whether two given names can be the same person's ("J." and "Jacques", "" and anything)."""
    left, right = _tokens(a), _tokens(b)
    return all(_token_fits(x, y) for x, y in zip(left, right, strict=False))


def _letters(given: str) -> int:
    return sum(1 for char in given if char.isalpha())


def orcids(reference: Reference) -> dict[str, str]:
    """ORCIDs an entry gives, by family name as written: ``orcid = {Crinon: 0000-0002-1825-0097}``
    (several separated by ``;``); a lone ORCID belongs to the first author."""
    value = reference.fields.get("orcid", "").strip()
    result: dict[str, str] = {}
    for part in (p.strip() for p in value.split(";") if p.strip()):
        match = _ORCID_RE.search(part)
        if match is None:
            continue
        name = part[: match.start()].strip().rstrip(":=").strip()
        if not name and reference.authors:
            name = reference.authors[0].last
        result[fold(name)] = match.group(1)
    return result


def identities(references: Iterable[Reference]) -> Identities:
    """Group every author and editor of the library into persons (see the module's rules)."""
    groups: dict[tuple[str, str, str], dict[str, Person]] = {}
    orcid_of: dict[str, str] = {}
    for reference in references:
        ids = orcids(reference)
        for person in (*reference.authors, *reference.editors):
            family = (fold(person.von), fold(person.last), fold(person.jr))
            groups.setdefault(family, {}).setdefault(person.first.strip(), person)
            found = ids.get(fold(person.last))
            if found:
                orcid_of.setdefault(author_slug(person), found)
    canonical: dict[str, Slug] = {}
    persons: dict[str, Person] = {}
    ambiguous: dict[str, tuple[Slug, ...]] = {}
    orcid: dict[str, str] = {}
    for _, forms in sorted(groups.items()):
        # Fullest forms first: each starts a person or joins the one person it fits.
        ordered = sorted(forms, key=lambda given: (-_letters(given), collation_key(given)))
        clusters: list[list[str]] = []
        for given in ordered:
            slug = author_slug(forms[given])
            mine = orcid_of.get(slug)
            fits = [
                c
                for c in clusters
                if all(compatible(given, other) for other in c)
                and all(orcid_of.get(author_slug(forms[other]), mine) == mine for other in c if mine)
            ]
            if len(fits) == 1:
                fits[0].append(given)
            elif not fits:
                clusters.append([given])
            else:
                ambiguous[slug] = tuple(author_slug(forms[c[0]]) for c in fits)
                clusters.append([given])  # Its own page, listed on the data-quality page.
        for cluster in clusters:
            head = author_slug(forms[cluster[0]])
            persons[head] = forms[cluster[0]]
            for given in cluster:
                slug = author_slug(forms[given])
                canonical[slug] = head
                if slug in orcid_of:
                    orcid.setdefault(head, orcid_of[slug])
    return Identities(dict(sorted(canonical.items())), dict(sorted(persons.items())), ambiguous, orcid)
