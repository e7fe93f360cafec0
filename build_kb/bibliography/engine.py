"""citeproc-py behind one small interface: entries and citation items in, marked HTML out.

Everything citeproc-specific lives here. The style is parsed twice, lazily (only a
cache miss pays for it): once as written, for bibliography entries and sort keys; once
with every ``cs:names`` of the citation wrapped in author marks and the citation
layout's own affixes removed, so each cited item renders alone and the caller joins
items with the style's punctuation ("(", "; ", ")"). Each citation renders as the first
cite of a document (no "ibid."), so its text depends on nothing but the item.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter, model
from citeproc import source as citeproc_source
from citeproc.source.json import CiteProcJSON

from build_kb.bibliography.csl_json import CslItem
from build_kb.bibliography.fixes import ET_AL_NAMES, CiteprocFixes
from build_kb.bibliography.markup import AUTHOR_CLOSE, AUTHOR_OPEN, finish, protect, typographic
from build_kb.bibliography.patching import require
from build_kb.bibliography.speedups import StyleMemo
from build_kb.bibliography.style import CSL_NS, CslStyle

TARGETS = ("Layout.render_bibliography", "Key.sort_keys", "Citation.render", "CitationStylesElement.get_term")
"""What the engine calls on citeproc's elements beyond its documented entry points: checked at import."""
require(model, TARGETS, __name__)
require(citeproc_source, ("CitationItem.reference", "CitationItem.number", "CitationItem.is_bad"), __name__)

SortKeys = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    """One bibliography entry as finished HTML (no links yet) with its sort keys, or an error."""

    html: str
    bib_sort: SortKeys
    cite_sort: SortKeys
    error: str = ""


class _Item(CitationItem):  # type: ignore[misc]
    """A citation item that knows its reference and number, sparing citeproc a lookup per variable."""

    def __init__(self, key: str, reference: Any, number: int, **options: Any) -> None:
        super().__init__(key, **options)
        object.__setattr__(self, "_reference", reference)
        object.__setattr__(self, "_number", number)

    @property
    def reference(self) -> Any:
        return self._reference

    @property
    def number(self) -> int:
        return int(self._number)

    def is_bad(self) -> bool:
        return False


def _protected(value: Any) -> Any:
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, list):
        return [_protected(v) for v in value]
    if isinstance(value, dict):
        return {k: _protected(v) for k, v in value.items()}
    return value


QUOTE_OPEN, QUOTE_CLOSE = "\ue107", "\ue108"
"""Where the data's own quotation marks open and close, through citeproc (whose title case would lose
the no-break space of « »), until :meth:`Engine._quoted` gives them the locale's marks at their depth."""
DATA_NBSP = "\ue109"
"""A no-break space of the data while it goes through citeproc (see :func:`_typeset`)."""
_VERBATIM = frozenset({"id", "URL", "DOI", "ISBN", "ISSN", "language", "status"})
"""CSL variables whose text is an identifier or a code, never typeset."""


def _typeset(value: Any, open_quote: str, close_quote: str, name: str = "", spacing: bool = True) -> Any:
    """:func:`~.markup.typographic` on every text of an item but identifiers (names keep their spaces)."""
    if isinstance(value, str):
        if name in _VERBATIM:
            return value
        # Guillemets written in the data keep their place at any depth (as pandoc keeps them): their
        # no-break spaces are hidden so the locale's own marks, the same characters, are not taken for them.
        return typographic(value, open_quote, close_quote, spacing).replace("\u00a0", DATA_NBSP)
    if isinstance(value, list):
        return [_typeset(v, open_quote, close_quote, name, spacing and name not in _NAMES) for v in value]
    if isinstance(value, dict):
        return {k: _typeset(v, open_quote, close_quote, k, spacing) for k, v in value.items()}
    return value


_NAMES = frozenset({"author", "editor", "translator", "container-author", "collection-editor", "composer", "director"})
"""CSL name variables: pandoc typesets their quotes and apostrophes but not their spacing."""


_APOSTROPHE_RE = re.compile(r"(?<=\w)'")
"""An apostrophe after a letter ("l'adresse"): typographic in the terms of a locale."""

UNDETERMINED = "und"
"""BCP 47's "undetermined language", given to citeproc for an entry that names none."""

STATUS_TERMS = {"forthcoming": "forthcoming", "inpress": "in press", "prepublished": "preprint"}
"""biblatex ``pubstate`` keys (spaces and hyphens dropped) and the CSL term that names each:
printed in the page's language ("à paraître", "sous presse"). Other values are printed as written."""


def _sort_value(value: Any) -> str | None:
    return None if value is None else str(value)


class Engine:
    """One style in one locale, rendering with citeproc-py."""

    def __init__(self, style: CslStyle, locale: str) -> None:
        self.style = style
        self.locale = locale
        self.memo = StyleMemo()
        self.fixes = CiteprocFixes(locale)
        self.calls = 0
        """How many entries and citation items citeproc rendered (tests count cache misses with it)."""

    def _parse(self, xml: bytes) -> Any:
        style = CitationStylesStyle(io.BytesIO(xml), locale=self.locale, validate=False)
        # citeproc-py ignores the disambiguate condition, so it always holds: MLA would print
        # every work's title in every citation. We disambiguate by year suffix only, so a
        # condition that never holds is added beside it (false under any, all and none).
        for element in style.root.xpath("//*[@disambiguate='true']"):
            del element.attrib["disambiguate"]
            test = "type" if "type" not in element.attrib else "variable"
            element.set(test, " ".join(filter(None, (element.get(test), "bkb-never"))))
        # Terms are typeset like data ("à l’adresse", as pandoc prints APA's French "à l'adresse").
        for locale in style.root.locales:
            for term in locale.iter(f"{{{CSL_NS}}}term", f"{{{CSL_NS}}}single", f"{{{CSL_NS}}}multiple"):
                if term.text and "'" in term.text:
                    term.text = _APOSTROPHE_RE.sub("\u2019", term.text)
        return style

    def _entry(self, item: CslItem, entry_id: str) -> dict[str, Any]:
        """A fresh, protected copy of ``item`` for citeproc (which, and the locator fix, may change it).

        An entry without a language is formatted as written. CSL takes such an entry to be in
        the style's default locale, English for APA, and title-cases its titles ("Revue Des
        Sciences De L'éducation"); a library of several languages cannot assume that, and
        casing changed on a guess rewrites what its author wrote. ``langid = {english}``
        gives English casing. A ``pubstate`` biblatex names is put in this locale's words.
        """
        entry: dict[str, Any] = _protected(_typeset(item, QUOTE_OPEN, QUOTE_CLOSE))
        entry["id"] = entry_id
        entry.pop(ET_AL_NAMES, None)
        entry.setdefault("language", UNDETERMINED)
        status = entry.get("status")
        if isinstance(status, str):
            entry["status"] = self._status_words.get(re.sub(r"[\s-]", "", status.lower()), status)
        return entry

    def typeset(self, text: str) -> str:
        """:func:`~.markup.typographic` of one text with this locale's quotation marks (as outer quotes)."""
        return typographic(text, *self._quotes)

    def _quoted(self, text: str) -> str:
        """Quotation marks as CSL processors finish them: the data's (marked by :data:`QUOTE_OPEN`,
        :data:`QUOTE_CLOSE`) take the locale's marks, a quotation inside another takes the inner
        marks (“Teachers ‘liking’ their work”), and, where the locale asks for
        ``punctuation-in-quote`` (en-US), a period or comma after a closing mark goes inside it."""
        open_quote, close_quote = self._quotes
        if open_quote not in text and QUOTE_OPEN not in text:
            return text.replace(DATA_NBSP, "\u00a0")
        open_inner, close_inner = self._inner_quotes
        tokens = (open_quote, close_quote, QUOTE_OPEN, QUOTE_CLOSE)
        parts = re.split("(" + "|".join(re.escape(token) for token in tokens) + ")", text)
        depth = 0
        for index in range(1, len(parts), 2):
            if parts[index] in (open_quote, QUOTE_OPEN):
                depth += 1
                parts[index] = open_quote if depth % 2 else open_inner
            else:
                parts[index] = close_quote if depth % 2 or depth == 0 else close_inner
                depth = max(depth - 1, 0)
        text = "".join(parts)
        text = self.quote_punctuation(text)
        # "?" or "!" ends the sentence: no period after the closing mark ("(Ad)venture? »", not "? ».").
        text = re.sub(
            f"([?!](?:</[a-z]+>)*(?:{re.escape(close_quote)}|{re.escape(close_inner)})(?:</[a-z]+>)*)\\.", r"\1", text
        )
        return text.replace(DATA_NBSP, "\u00a0")

    def quote_punctuation(self, text: str) -> str:
        """Where the locale asks for ``punctuation-in-quote`` (en-US), a period or comma after a
        closing mark put inside it (also after a cited title, once the author marks are gone)."""
        if not self._punctuation_in_quote:
            return text
        closing = f"(?:{re.escape(self._quotes[1])}|{re.escape(self._inner_quotes[1])})"
        return re.sub(f"({closing}+)((?:</[a-z]+>)*)([.,])", r"\3\1\2", text)

    @cached_property
    def _inner_quotes(self) -> tuple[str, str]:
        return self._term("open-inner-quote") or "\u2018", self._term("close-inner-quote") or "\u2019"

    @cached_property
    def _punctuation_in_quote(self) -> bool:
        try:
            value = self._bib_style.root.get_locale_option("punctuation-in-quote")
        except (KeyError, IndexError, AttributeError):
            return False
        return str(value).lower() == "true"

    @cached_property
    def _quotes(self) -> tuple[str, str]:
        """The locale's quotation marks (“ ” in English, « » with no-break spaces in French)."""
        return self._term("open-quote") or "\u201c", self._term("close-quote") or "\u201d"

    def _term(self, name: str) -> str:
        """A locale term's text as the style's locale files give it ("" for none).

        A term without forms has its text; one with forms, its singular.
        """
        term = self._bib_style.root.get_term(name)
        text = term is not None and (term.single or term.text)
        return text if isinstance(text, str) else ""

    @cached_property
    def _status_words(self) -> dict[str, str]:
        """:data:`STATUS_TERMS` in this locale, as the style's locale files name them."""
        words = {}
        for key, name in STATUS_TERMS.items():
            text = self._term(name).strip()
            if text:
                words[key] = protect(text)
        return words

    @cached_property
    def _bib_style(self) -> Any:
        return self._parse(self.style.xml)

    @cached_property
    def _cite_style(self) -> Any:
        style = self._parse(self.style.xml)
        ns = {"cs": CSL_NS}
        for names in style.root.xpath("//cs:names[not(ancestor::cs:substitute)]", namespaces=ns):
            names.set("prefix", AUTHOR_OPEN + names.get("prefix", ""))
            names.set("suffix", names.get("suffix", "") + AUTHOR_CLOSE)
        citation = style.root.citation
        for name in ("prefix", "suffix", "delimiter"):
            if name in citation.layout.attrib:
                del citation.layout.attrib[name]
        sort = citation.find("cs:sort", ns)
        if sort is not None:  # One item needs no sorting; the caller sorts with cached keys.
            citation.remove(sort)
        return style

    def _bibliography(self, style: Any, source: Any) -> Any:
        return CitationStylesBibliography(style, source, formatter.html)

    def render_entries(self, items: Sequence[tuple[CslItem, int]]) -> list[RenderedEntry]:
        """Format bibliography entries in one batch (one parsed style, one source).

        Args:
            items: Engine input (CSL-JSON with ``year-suffix`` when needed) and citation number.

        Returns:
            One result per item, in order; an item citeproc fails on gets ``error`` set.
        """
        if not items:
            return []
        style = self._bib_style
        data = []
        for index, (item, _) in enumerate(items):
            data.append(self._entry(item, f"r{index}"))
        with self.memo.active(), self.fixes.active():
            source = CiteProcJSON(data)
            bibliography = self._bibliography(style, source)
            cites = [_Item(f"r{index}", source[f"r{index}"], number) for index, (_, number) in enumerate(items)]
            citation = Citation(cites)
            citation.bibliography = bibliography
            bibliography.keys = [cite.key for cite in cites]
            bibliography.items = cites
            layout = style.root.bibliography.layout
            with self.fixes.sort_keys():
                bib_keys = _sort_keys(style.root.bibliography, layout, cites)
                cite_keys = _sort_keys(style.root.citation, style.root.citation.layout, cites)
            results = []
            for index, cite in enumerate(cites):
                self.calls += 1
                self.fixes.et_al_names = int(items[index][0].get(ET_AL_NAMES, 0))
                try:
                    rendered = layout.render_bibliography([cite])
                    text = self._quoted(str(rendered[0])) if rendered else ""
                    results.append(
                        RenderedEntry(finish(text), bib_keys[index], cite_keys[index], "" if text else "empty")
                    )
                except Exception as error:  # citeproc-py fails on some data; one entry must not stop a build.
                    results.append(
                        RenderedEntry("", bib_keys[index], cite_keys[index], f"{type(error).__name__}: {error}")
                    )
                finally:
                    self.fixes.et_al_names = 0
        return results

    def render_cite(self, item: CslItem, number: int, locator: tuple[str, str] | None) -> str:
        """One cited item, alone, as finished HTML with author marks ("" when citeproc fails)."""
        style = self._cite_style
        entry = self._entry(item, "r0")
        self.calls += 1
        with self.memo.active(), self.fixes.active():
            source = CiteProcJSON([entry])
            if locator:  # citeproc-py's is-numeric="locator" reads the reference; without this APA drops "Chapter".
                source["r0"]["locator"] = protect(locator[1])
            bibliography = self._bibliography(style, source)
            options = {"locator": Locator(locator[0], protect(locator[1]))} if locator else {}
            cite = _Item("r0", source["r0"], number, **options)
            citation = Citation([cite])
            citation.bibliography = bibliography
            bibliography.keys = ["r0"]
            self.fixes.et_al_names = int(item.get(ET_AL_NAMES, 0))
            try:
                text = style.root.citation.render(citation, [], lambda _: None)
            except Exception:  # citeproc-py fails on some data; the caller falls back to the key.
                return ""
            finally:
                self.fixes.et_al_names = 0
        return finish(self._quoted(str(text))) if text else ""


def _sort_keys(section: Any, layout: Any, cites: list[Any]) -> list[SortKeys]:
    """Each item's sort keys for a citation or bibliography section (empty when it has no sort)."""
    sort = section.find("cs:sort", {"cs": CSL_NS}) if section is not None else None
    if sort is None:
        return [() for _ in cites]
    columns = []
    for key in sort.findall("cs:key", {"cs": CSL_NS}):
        try:
            # A macro that prints nothing is an empty key, first; a missing variable sorts last (pandoc).
            empty = "" if key.get("macro") else None
            columns.append([empty if v is None else _sort_value(v) for v in key.sort_keys(cites, layout)])
        except Exception:  # A key citeproc cannot compute sorts nothing.
            columns.append([None for _ in cites])
    return [tuple(column[index] for column in columns) for index in range(len(cites))]
