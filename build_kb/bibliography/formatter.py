"""Formatted references and in-text citations for a whole library, in one CSL style and locale.

Build one :class:`Formatter` per knowledge base, style and locale (a bilingual site may
build one per language). Construction formats every entry in one citeproc-py batch,
taking what it can from the cache; citations are formatted on demand and cached too.

A renderer links each cited work to its reference page with :meth:`Formatter.cite_parts`::

    parts = formatter.cite_parts(citation)           # "(Wenger, 1998, p. 47; Clot, 2005)"
    html = parts.to_html(lambda part: f'<a href="{url(part.key)}">{part.html}</a>')
    # -> '(<a href="...">Wenger, 1998, p. 47</a>; <a href="...">Clot, 2005</a>)'

or reads ``parts.open``, ``parts.delimiter``, ``parts.close`` and each part's
``prefix``/``text`` to write Markdown links itself.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cmp_to_key, lru_cache
from pathlib import Path

import citeproc

from build_kb import __version__
from build_kb.bibliography.cache import DEFAULT_CACHE_DIR, FormatCache, Record, shared_cache
from build_kb.bibliography.cite_parts import (
    LOCATOR_SENTINEL,
    CitePart,
    CiteParts,
    joined_suffix,
    locator_variant,
    numbers_print_as_written,
    plain_number,
    with_given,
)
from build_kb.bibliography.csl_json import CslItem
from build_kb.bibliography.disambiguation import primary_givennames, suffixes_in_order
from build_kb.bibliography.engine import Engine, RenderedEntry, SortKeys
from build_kb.bibliography.markup import inline_markdown, link_identifiers, split_author, to_text
from build_kb.bibliography.prepared import (
    RENDER_VERSION,
    Prepared,
    digest,
    entry_input,
    localised_inputs,
    prepare,
)
from build_kb.bibliography.sort_keys import SortKey, compare_keys, plain_keys
from build_kb.bibliography.style import CslStyle, StyleProblem, load_style, style_locale
from build_kb.citations import Citation, CitationItem
from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position
from build_kb.locators import split_locator
from build_kb.model import Reference
from build_kb.parallel import run_parts

BATCH_SIZE = 1000
"""Entries citeproc-py formats per batch (one source, one set of citation objects)."""


@dataclass(frozen=True, slots=True)
class FormatStats:
    """What a formatter cost: entries and citation items rendered by citeproc, and cache hits."""

    rendered: int
    cache_hits: int
    failed: tuple[str, ...]


_OUTPUT_MODULES = (
    "biblatex",
    "cite_parts",
    "csl_json",
    "disambiguation",
    "engine",
    "fixes",
    "markup",
    "patching",
    "prepared",
    "sort_keys",
)
"""The modules whose code shapes formatted output (read by :func:`code_digest`)."""


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The source of the modules that shape formatted output: any edit to them is a cache miss."""
    found = hashlib.sha256(__version__.encode())
    for name in _OUTPUT_MODULES:
        module = importlib.import_module(f"build_kb.bibliography.{name}")
        found.update(Path(str(module.__file__)).read_bytes())
    found.update(Path(__file__).read_bytes())
    return found.hexdigest()


def _unsuffixed(keys: SortKeys, suffix: str | None) -> SortKeys:
    """Sort keys without the year suffix a style's date key prints ("1997b" -> "1997")."""
    if not suffix:
        return keys
    pattern = re.compile(rf"(?<=\d){re.escape(suffix)}(?![a-z])")
    return tuple(None if value is None else pattern.sub("", value) for value in keys)


def _fallback_html(reference: Reference, item: CslItem) -> str:
    """A plain entry for what citeproc cannot format: names, year, title, DOI or URL; never empty."""
    people = reference.authors or reference.editors
    names = "; ".join(person.sort_name for person in people)
    link = f"https://doi.org/{item['DOI']}" if item.get("DOI") else item.get("URL", "")
    parts = [names, f"({reference.year})" if reference.year else "", reference.title.rstrip(".")]
    text = ". ".join(part for part in parts if part) or reference.key
    return html.escape(f"{text}. {link}" if link else text, quote=False)


class Formatter:
    """Every reference of a library formatted in one style and locale, and citations of them.

    Args:
        references: The library, by key.
        style: The style (see :func:`~build_kb.bibliography.style.load_style`).
        locale: A CSL locale such as ``en-US`` or ``fr-FR`` (or a language, ``fr``); the
            style's default, else en-US, when None.
        cache: Where formatted output is kept between builds; memory only when None.

    Raises:
        ValueError: for a locale citeproc-py has no terms for (check it with
            :func:`~build_kb.bibliography.style.style_locale` first).
    """

    def __init__(
        self,
        references: Mapping[str, Reference],
        style: CslStyle,
        locale: str | None = None,
        cache: FormatCache | None = None,
    ) -> None:
        resolved = style_locale(style, locale)
        if isinstance(resolved, StyleProblem):
            raise ValueError(resolved.message)
        self.style = style
        self.locale = resolved
        self._lang = resolved.split("-")[0].lower()
        prepared = prepare(references, style)
        self._references = prepared.references
        self._csl = prepared.csl
        self._suffixes = prepared.suffixes
        self._numbers = prepared.numbers
        self._inputs = localised_inputs(prepared.inputs, self.locale)
        self._digests = prepared.digests
        self._engine = Engine(style, self.locale)
        namespace = digest([RENDER_VERSION, code_digest(), citeproc.__version__, style.digest, self.locale])
        self._table = (cache or FormatCache()).table(namespace)
        self._records: dict[str, Record] = {}
        self._untemplated: set[tuple[str, str]] = set()
        self._texts: dict[str, str] = {}
        self._hits = 0
        self._library_rank = {key: index for index, key in enumerate(references)}
        self._format_all(self._references)
        self._givennames = primary_givennames(
            prepared.csl, style.givenname_rule, style.et_al_min, style.et_al_use_first
        )
        self._order = self._bibliography_order()
        self._rank = {key: index for index, key in enumerate(self._order)}
        self._suffixes_in_bibliography_order(prepared)

    def _suffixes_in_bibliography_order(self, prepared: Prepared) -> None:
        """Year suffixes in the order of the bibliography, the entries whose suffix moves rendered again.

        Each group is ordered by the style's sort keys as if no work had a suffix yet (Chicago
        sorts by the printed date, "1997b"), ties in the library's order.
        """
        descending = self.style.bib_sort
        if not prepared.groups or descending is None:
            return
        library = self._library_rank
        rank: dict[str, int] = {}
        for keys in prepared.groups:
            sort = {key: SortKey(_unsuffixed(self._records[key].bib_sort, self._suffixes.get(key))) for key in keys}

            def compare(a: str, b: str, sort: dict[str, SortKey] = sort) -> int:
                return compare_keys(sort[a], sort[b], descending) or library[a] - library[b]

            rank.update((key, index) for index, key in enumerate(sorted(keys, key=cmp_to_key(compare))))
        suffixes = suffixes_in_order(prepared.groups, rank)
        moved = [key for key, suffix in suffixes.items() if self._suffixes.get(key) != suffix]
        if not moved:
            return
        self._suffixes = suffixes
        self._inputs, self._digests = dict(self._inputs), dict(self._digests)
        for key in moved:
            number = self._numbers[key] if self.style.numbered else 0
            base, self._digests[key] = entry_input(self._csl[key], suffixes[key], number, prepared.names.get(key, 0))
            self._inputs[key] = localised_inputs({key: base}, self.locale)[key]
        self._format_all(moved)
        self._order = self._bibliography_order()
        self._rank = {key: index for index, key in enumerate(self._order)}

    def _format_all(self, keys: Iterable[str]) -> None:
        missing: list[str] = []
        for key in keys:
            record = self._table.get(self._digests[key])
            if record is None:
                missing.append(key)
            else:
                self._records[key] = record
                self._hits += 1
        if not missing:
            return
        # Bounded batches bound citeproc's memory; each is formatted alone, so other cores can take some.
        batches = [missing[start : start + BATCH_SIZE] for start in range(0, len(missing), BATCH_SIZE)]

        def batch(index: int) -> list[RenderedEntry]:
            return self._engine.render_entries([(self._inputs[k], self._numbers[k]) for k in batches[index]])

        rendered_entries = [entry for done in run_parts(batch, len(batches)) for entry in done]
        for key, rendered in zip(missing, rendered_entries, strict=True):
            item = self._csl[key]
            entry_html = rendered.html if not rendered.error else _fallback_html(self._references[key], item)
            entry_html = link_identifiers(entry_html, item.get("DOI"), item.get("URL"))
            record = Record(entry_html, rendered.bib_sort, rendered.cite_sort, {}, rendered.error)
            self._records[key] = record
            self._table.put(self._digests[key], record)
        self._table.save(prune=False)

    def _bibliography_order(self) -> list[str]:
        descending = self.style.bib_sort
        if descending is None:
            return list(self._references)
        keys = {key: SortKey(record.bib_sort) for key, record in self._records.items()}
        library = self._library_rank  # Ties in the library's order, as pandoc keeps them.
        plain = plain_keys(keys, descending, library)
        if plain is not None:
            return sorted(self._references, key=plain.__getitem__)

        def compare(a: str, b: str) -> int:
            return compare_keys(keys[a], keys[b], descending) or library[a] - library[b]

        return sorted(self._references, key=cmp_to_key(compare))

    # Entries.

    def typeset(self, text: str) -> str:
        """Data text as entries print it (typographic quotes and apostrophes, French spacing), e.g. to find a title."""
        return self._engine.typeset(text)

    def bibliography_keys(self) -> list[str]:
        """Every key, in the style's bibliography order (key order for a style without one)."""
        return list(self._order)

    def __contains__(self, key: object) -> bool:
        return key in self._records

    def reference_html(self, key: str) -> str:
        """The full bibliography entry of ``key``, safe HTML: BibTeX text escaped, DOI/URL linked.

        Raises:
            KeyError: for a key that is not in the library.
        """
        return self._records[key].html

    def reference_text(self, key: str) -> str:
        """The full bibliography entry of ``key`` as plain text."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = to_text(self._records[key].html)
        return text

    def csl_json(self, key: str) -> CslItem:
        """The CSL-JSON of ``key`` (as exported; without the computed year suffix)."""
        return self._csl[key]

    def year_suffix(self, key: str) -> str:
        """The disambiguating year suffix of ``key`` ("a", "b", ...), or ""."""
        return self._suffixes.get(key, "")

    @property
    def failures(self) -> dict[str, str]:
        """Keys citeproc-py could not format (they read as a plain fallback), with why."""
        return {key: record.error for key, record in self._records.items() if record.error}

    @property
    def stats(self) -> FormatStats:
        return FormatStats(self._engine.calls, self._hits, tuple(sorted(self.failures)))

    # Citations.

    def _from_template(self, key: str, record: Record, locator: tuple[str, str]) -> str | None:
        """A cited item with a plain page (or other) number, from one rendering per work and label.

        Citations cite one work at many pages ("p. 12", "p. 13"): instead of a citeproc call
        for each, the work is rendered once with :data:`LOCATOR_SENTINEL` as its locator
        (kept in the cache as ``label:#``) and the real number put in its place. Used only
        where that is exact: a value of plain digits, a style that prints such values as
        written, and a rendering that holds the sentinel once; anything else is rendered.
        """
        label, value = locator
        if not plain_number(value) or not numbers_print_as_written(self.style.xml):
            return None
        variant = f"{label}:#"
        template = record.cites.get(variant)
        if template is None:
            if (key, label) in self._untemplated:
                return None
            template = self._engine.render_cite(self._inputs[key], self._numbers[key], (label, LOCATOR_SENTINEL))
            if template.count(LOCATOR_SENTINEL) != 1:
                self._untemplated.add((key, label))
                return None
            if not record.error:
                record.cites[variant] = template
                self._table.mark_dirty()
        return template.replace(LOCATOR_SENTINEL, value)

    def _item_html(self, item: CitationItem, narrative: bool) -> str:
        key = item.key
        record = self._records[key]
        found, tail = split_locator(item.suffix, self._lang)
        locator: tuple[str, str] | None = None
        if found is not None and found.label:
            locator = (found.label, found.value)
        elif found is not None:  # {ii, A, D-Z}: a value with no label, printed bare as pandoc does.
            tail = f", {found.value}{tail}"
        variant = locator_variant(locator)
        marked = record.cites.get(variant)
        if marked is None and locator is not None:
            marked = self._from_template(key, record, locator)
        if marked is None:
            marked = self._engine.render_cite(self._inputs[key], self._numbers[key], locator)
            if marked and not record.error:
                record.cites[variant] = marked
                self._table.mark_dirty()
        if not marked:
            marked = html.escape(key, quote=False)
        full, author, rest = split_author(marked)
        full = self._engine.quote_punctuation(full)  # (“Title,” n.d.): the author marks kept the comma out.
        given = self._givennames.get(key)
        if given and author:
            full, author = (with_given(part, self._csl[key], given) for part in (full, author))
        extra = inline_markdown(joined_suffix(tail, locator is not None))
        if narrative:
            return f"{author} ({rest}{extra})" if author and to_text(rest).strip() else full + extra
        if item.suppress_author and to_text(rest).strip():
            return rest + extra
        return full + extra

    def cite_parts(self, citation: Citation) -> CiteParts:
        """A citation split into works (to link each) and the style's punctuation.

        Works are ordered as the style sorts citations; when it sorts them by its
        bibliography's keys, as APA does, in the reference list's order (APA 7, 8.12:
        "Lave & Wenger, 1991; Lave et al., 2020" when Wenger sorts before the second author
        of the 2020 work); ties, such as 2018a and 2018b, in bibliography order. Works
        whose key is not in the library come last, as ``key?``. ``[-@key]`` drops the
        names ("(1998)"); a narrative citation reads "Wenger (1998, p. 47)"; a locator
        (``p. 47``) is printed with the style's label; any other suffix follows the work.
        """
        parts = []
        unknown = []
        for item in citation.items:
            if item.key in self._records:
                markup = self._item_html(item, citation.narrative)
                parts.append((item, CitePart(item.key, True, item.prefix, markup, to_text(markup))))
            else:
                text = f"{item.key}?"
                unknown.append(CitePart(item.key, False, item.prefix, html.escape(text, quote=False), text))
        descending = self.style.cite_sort
        if self.style.cites_in_bibliography_order and len(parts) > 1:
            rank = self._rank
            parts.sort(key=lambda part: rank[part[0].key])
        elif descending is not None and len(parts) > 1:
            keys = {id(item): SortKey(self._records[item.key].cite_sort) for item, _ in parts}
            rank = self._rank

            def compare(a: tuple[CitationItem, CitePart], b: tuple[CitationItem, CitePart]) -> int:
                first, second = rank[a[0].key], rank[b[0].key]
                return compare_keys(keys[id(a[0])], keys[id(b[0])], descending) or (first > second) - (first < second)

            parts.sort(key=cmp_to_key(compare))
        ordered = tuple(part for _, part in parts) + tuple(unknown)
        if citation.narrative:
            return CiteParts("", "", "", ordered)
        return CiteParts(self.style.cite_open, self.style.cite_delimiter, self.style.cite_close, ordered)

    def cite(self, citation: Citation) -> str:
        """The citation as plain text: "(Wenger, 1998, p. 47)", "Wenger (1998)", "(1998)"."""
        return self.cite_parts(citation).to_text()

    def cite_html(self, citation: Citation) -> str:
        """The citation as safe HTML, without links."""
        return self.cite_parts(citation).to_html()

    def absorb_cache(self) -> None:
        """Take the citation renderings another process added to the cache file (:meth:`CacheTable.absorb`)."""
        self._table.absorb()

    def save_cache(self) -> bool:
        """Write the citations formatted since construction, and drop cache records no longer used.

        Call it once at the end of a build. Returns False when the cache could not be written.
        """
        return self._table.save(prune=True)


def make_formatter(
    references: Mapping[str, Reference],
    config: ProjectConfig,
    lang: str | None = None,
    cache: FormatCache | None = None,
) -> tuple[Formatter | None, list[Diagnostic]]:
    """The formatter of a project in its configured style, or the diagnostic saying why not.

    Args:
        references: The library.
        config: The project's settings (``csl_style``, relative to ``config.root``).
        lang: The page language (``fr``, ``en``) or a CSL locale; the style's default when None.
        cache: The cache to use; by default the process-wide one of ``<root>/.cache/build_kb``.

    Returns:
        The formatter and no diagnostic, or None and an ``unknown-style`` diagnostic.
    """
    style = load_style(config.csl_style, config.root)
    if isinstance(style, StyleProblem):
        return None, [report("unknown-style", "mkdocs.yml", Position(), style.message, style.hint)]
    locale = style_locale(style, lang)
    if isinstance(locale, StyleProblem):
        return None, [report("unknown-style", "mkdocs.yml", Position(), locale.message, locale.hint)]
    if cache is None:
        cache = shared_cache(Path(config.root) / DEFAULT_CACHE_DIR)
    return Formatter(references, style, locale, cache), []
