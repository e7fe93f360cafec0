"""The page of one reference: where a student lands from a citation.

It shows the entry formatted in the project's CSL style (per language), its authors
linked to their pages, its DOI and URL (links only for DOIs and http(s) URLs), abstract
and keywords, a flag when it lacks a field, every card that cites it with the part of
the card and the locator, the BibTeX to copy, and downloads of this entry alone
(``references/<slug>.bib`` and ``.json``, made by :func:`reference_files`); the whole
library's downloads are linked from the bibliography. The page also carries the entry for
reference managers (:mod:`~build_kb.render.citation_meta`): ``citation_*`` meta tags for its
``<head>`` and a COinS span.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import partial

from build_kb.bibliography.biblatex import eprint_label, eprint_url
from build_kb.bibliography.csl_json import csl_item
from build_kb.bibliography.exports import reference_csl_json
from build_kb.model import Reference
from build_kb.render import layout, tags, urls
from build_kb.render.card_page import card_link
from build_kb.render.citation_meta import coins, highwire_meta
from build_kb.render.context import SiteContext
from build_kb.render.entries import author_link, entry_html, gaps_text, identification_text
from build_kb.render.i18n import section_text, word
from build_kb.render.layout import lang_blocks
from build_kb.render.library import Citing
from build_kb.render.markdown import colon
from build_kb.render.page import Page, late
from build_kb.safety import link_scheme

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,;]\s*")
PART_ORDER = ("definition", "claim", "note")
"""The parts every card has, in page order (:attr:`build_kb.usage.CardCitation.part`); the vocabulary's
sections follow, in its order."""
_PART_SECTION = {"definition": "definition", "claim": "research", "note": "research"}
"""The card page section (``#<lang>-<section>``) each part is shown in (a vocabulary section: its own)."""


# The BibTeX block scrolls sideways on a phone: a keyboard must reach it (tabindex) and a
# screen reader name it (a region with a label), axe's scrollable-region-focusable.
_BIBTEX_BLOCK = '<pre tabindex="0" role="region" aria-label="BibTeX">'


def _identifier_links(reference: Reference, lang: str) -> list[str]:
    lines = []
    doi = reference.fields.get("doi", "").strip()
    if _DOI_RE.match(doi):
        lines.append(tags.label("DOI", colon(lang), tags.a(tags.url(f"https://doi.org/{doi}"), tags.text(doi))))
    url = reference.fields.get("url", "").strip()
    if url and link_scheme(url) in ("http", "https"):
        lines.append(tags.label("URL", colon(lang), tags.a(tags.url(url), tags.text(url))))
    eprint = eprint_url(reference.fields)
    if eprint is not None:
        lines.append(
            tags.label("Eprint", colon(lang), tags.a(tags.url(eprint), tags.text(eprint_label(reference.fields))))
        )
    return lines


def _facts(site: SiteContext, reference: Reference, lang: str, uri: str) -> str:
    authors, editors = site.library.people(reference)
    lines = []
    if authors:
        names = ", ".join(author_link(site, slug, uri) for slug in authors)
        lines.append(tags.label(word("authors", lang), colon(lang), names))
    if editors:
        names = ", ".join(author_link(site, slug, uri) for slug in editors)
        lines.append(tags.label(word("editors", lang), colon(lang), names))
    lines.extend(_identifier_links(reference, lang))
    keywords = [k for k in _KEYWORD_SPLIT_RE.split(reference.fields.get("keywords", "").strip()) if k]
    if keywords:
        lines.append(tags.label(word("keywords", lang), colon(lang), ", ".join(tags.text(k) for k in keywords)))
    lines.append(tags.label(word("cite_as", lang), colon(lang), tags.code(f"[@{reference.key}]")))
    return tags.ul(lines)


def _where(site: SiteContext, card_uri: str | None, places: list[Citing], lang: str, uri: str) -> str:
    """``definition (p. 47) · research claim (p. 149)``: each part linked to its section of the card."""
    pieces = []
    sections = {section.name: section for section in site.kb.vocabulary.sections}
    order = (*PART_ORDER, *sections)
    for part in sorted({p.part for p in places}, key=lambda p: order.index(p) if p in order else len(order)):
        if part in sections:
            written = sections[part]
            label = tags.text(section_text(written, "cited_as", lang))
        else:
            label = tags.text(word(f"part_{part}", lang) if part in _PART_SECTION else part)
        if card_uri is not None:
            section = part if part in sections else _PART_SECTION.get(part, "definition")
            label = tags.a(f"{site.href(uri, card_uri)}#{lang}-{section}", label)
        locators = list(dict.fromkeys(p.suffix for p in places if p.part == part and p.suffix))
        pieces.append(f"{label} ({tags.text(', '.join(locators))})" if locators else label)
    return " · ".join(pieces)


def _cited_by(site: SiteContext, key: str, lang: str, uri: str) -> str:
    places = site.library.citing.get(key, ())
    by_card: dict[str, list[Citing]] = {}
    for place in places:
        by_card.setdefault(place.card_id, []).append(place)
    cap = site.options.list_cap
    heading = tags.heading(2, f"{lang}-cited-by", tags.text(word("cited_by", lang)))
    if not by_card:
        return heading + "\n" + tags.p(tags.em(tags.text(word("cited_by_none", lang))))
    lines = []
    for card_id, found in list(by_card.items())[:cap]:
        where = _where(site, site.card_uris.get(card_id), found, lang, uri)
        lines.append(f"{card_link(site, card_id, lang, uri)} — {where}")
    if len(by_card) > cap:
        lines.append(tags.text(word("more", lang, n=len(by_card) - cap)))
    return heading + "\n" + tags.ul(lines)


def _downloads(site: SiteContext, reference: Reference, lang: str, uri: str) -> str:
    links = []
    for extension, label in (("bib", "BibTeX"), ("json", "CSL-JSON")):
        target = urls.reference_file(reference.key, extension)
        if target is not None:
            links.append(tags.a(site.href(uri, target), label))
    if not links:
        return ""
    heading = tags.heading(2, f"{lang}-downloads", tags.text(word("downloads", lang)))
    return heading + "\n" + tags.p(f"{tags.text(word('download_reference', lang))}{colon(lang)}{' · '.join(links)}")


def _reference_html(site: SiteContext, reference: Reference, uri: str) -> str:
    key = reference.key
    short = site.library.short(key, site.languages[0])
    gaps = site.library.gaps.get(key, ())

    def body(lang: str) -> str:
        parts = [tags.p(entry_html(site, key, lang, uri, link=False, flag=False, as_list=False), "kb-reference")]
        if gaps:
            missing = word("missing", lang, fields=gaps_text(gaps, lang))
            parts.append(
                tags.p(
                    f"{tags.strong(tags.text(word('incomplete_entry', lang)))} — {tags.text(missing)}", "kb-incomplete"
                )
            )
        name, meaning = identification_text(reference, lang)
        if name:
            parts.append(tags.p(f"{tags.strong(tags.text(name))} — {tags.text(meaning)}", "kb-identification"))
        parts.append(_facts(site, reference, lang, uri))
        abstract = reference.fields.get("abstract", "").strip()
        if abstract:
            heading = tags.heading(2, f"{lang}-abstract", tags.text(word("abstract", lang)))
            parts.append(heading + "\n" + tags.p(tags.text(abstract)))
        parts.append(late(_cited_by(site, key, lang, uri)))
        parts.append(late(_downloads(site, reference, lang, uri)))
        return tags.join(parts)

    page = [
        layout.title_heading(reference.title or short, "reference-title"),
        coins(csl_item(reference)),
        lang_blocks(site.languages, body),
    ]
    bibtex = site.library.bibtex.get(key, "")
    if bibtex:
        code = html.escape(bibtex.replace("\t", "    ").replace("\r", "").rstrip("\n"), quote=False)
        page.append(late(tags.heading(2, "bibtex", "BibTeX") + f"\n{_BIBTEX_BLOCK}<code>{code}\n</code></pre>"))
    return "\n".join(page)


def reference_page(site: SiteContext, reference: Reference, uri: str) -> Page:
    """The page of ``references/<slug>.md``."""
    short = site.library.short(reference.key, site.languages[0])
    title = f"{short} — {reference.title}" if reference.title else short
    head = partial(highwire_meta, csl_item(reference))
    return Page(title, partial(_reference_html, site, reference, uri), source=reference.path, head=head)


def reference_files(site: SiteContext) -> Iterator[tuple[str, str]]:
    """Each reference's downloads next to its page: ``references/<slug>.bib`` and ``references/<slug>.json``."""
    for key in site.reference_uris:
        reference = site.kb.references[key]
        bib = urls.reference_file(key, "bib")
        json_file = urls.reference_file(key, "json")
        if bib is not None:
            yield bib, site.library.bibtex.get(key, "")
        if json_file is not None:
            yield json_file, reference_csl_json(reference)
