"""The page of one reference: where a student lands from a citation.

It shows the entry formatted in the project's CSL style (per language), its authors
linked to their pages, its DOI and URL (links only for DOIs and http(s) URLs), abstract
and keywords, a flag when it lacks a field, every card that cites it with the part of
the card and the locator, the BibTeX to copy, and downloads of this entry alone
(``references/<slug>.bib`` and ``.json``, made by :func:`reference_files`); the whole
library's downloads are linked from the bibliography.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from build_kb.bibliography.exports import reference_csl_json
from build_kb.model import Reference
from build_kb.render import urls
from build_kb.render.card_page import card_link
from build_kb.render.context import SiteContext
from build_kb.render.entries import author_link, entry_html, gaps_text
from build_kb.render.i18n import word
from build_kb.render.layout import lang_blocks
from build_kb.render.library import Citing
from build_kb.render.markdown import colon, escape_text, front_matter, heading1, indent, markdown_proof, url_link
from build_kb.safety import link_scheme

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,;]\s*")
PART_ORDER = ("definition", "claim", "note", "implications")
"""The parts of a card, in page order (:attr:`build_kb.usage.CardCitation.part`)."""
_PART_SECTION = {"definition": "definition", "claim": "research", "note": "research", "implications": "implications"}
"""The card page section (``#<lang>-<section>``) each part is shown in."""


def _identifier_links(reference: Reference, lang: str) -> list[str]:
    lines = []
    doi = reference.fields.get("doi", "").strip()
    if _DOI_RE.match(doi):
        lines.append(f"- **DOI**{colon(lang)}{url_link(escape_text(doi), f'https://doi.org/{doi}')}")
    url = reference.fields.get("url", "").strip()
    if url and link_scheme(url) in ("http", "https"):
        lines.append(f"- **URL**{colon(lang)}{url_link(escape_text(url), url)}")
    return lines


def _facts(site: SiteContext, reference: Reference, lang: str, uri: str) -> str:
    authors, editors = site.library.people(reference)
    lines = []
    if authors:
        names = ", ".join(author_link(site, slug, uri) for slug in authors)
        lines.append(f"- **{word('authors', lang)}**{colon(lang)}{names}")
    if editors:
        names = ", ".join(author_link(site, slug, uri) for slug in editors)
        lines.append(f"- **{word('editors', lang)}**{colon(lang)}{names}")
    lines.extend(_identifier_links(reference, lang))
    keywords = [k for k in _KEYWORD_SPLIT_RE.split(reference.fields.get("keywords", "").strip()) if k]
    if keywords:
        lines.append(f"- **{word('keywords', lang)}**{colon(lang)}{', '.join(escape_text(k) for k in keywords)}")
    cite = markdown_proof(f"<code>[@{html.escape(reference.key)}]</code>")
    lines.append(f"- **{word('cite_as', lang)}**{colon(lang)}{cite}")
    return "\n".join(lines)


def _where(site: SiteContext, card_uri: str | None, places: list[Citing], lang: str, uri: str) -> str:
    """``definition (p. 47) · research claim (p. 149)``: each part linked to its section of the card."""
    pieces = []
    for part in sorted({p.part for p in places}, key=lambda p: PART_ORDER.index(p) if p in PART_ORDER else 9):
        label = escape_text(word(f"part_{part}", lang) if part in _PART_SECTION else part)
        if card_uri is not None:
            section = _PART_SECTION.get(part, "definition")
            label = f"[{label}]({urls.link(uri, card_uri)}#{lang}-{section})"
        locators = list(dict.fromkeys(p.suffix for p in places if p.part == part and p.suffix))
        pieces.append(f"{label} ({escape_text(', '.join(locators))})" if locators else label)
    return " · ".join(pieces)


def _cited_by(site: SiteContext, key: str, lang: str, uri: str) -> str:
    places = site.library.citing.get(key, ())
    by_card: dict[str, list[Citing]] = {}
    for place in places:
        by_card.setdefault(place.card_id, []).append(place)
    cap = site.options.list_cap
    lines = [f"## {word('cited_by', lang)} {{#{lang}-cited-by}}", ""]
    for card_id, found in list(by_card.items())[:cap]:
        where = _where(site, site.card_uris.get(card_id), found, lang, uri)
        lines.append(f"- {card_link(site, card_id, lang, uri)} — {where}")
    if len(by_card) > cap:
        lines.append(f"- {escape_text(word('more', lang, n=len(by_card) - cap))}")
    if not by_card:
        lines.append(f"*{escape_text(word('cited_by_none', lang))}*")
    return "\n".join(lines)


def _downloads(reference: Reference, lang: str, uri: str) -> str:
    links = []
    for extension, label in (("bib", "BibTeX"), ("json", "CSL-JSON")):
        target = urls.reference_file(reference.key, extension)
        if target is not None:
            links.append(f"[{label}]({urls.link(uri, target)})")
    if not links:
        return ""
    heading = f"## {word('downloads', lang)} {{#{lang}-downloads}}"
    return f"{heading}\n\n{escape_text(word('download_reference', lang))}{colon(lang)}{' · '.join(links)}"


def reference_page(site: SiteContext, reference: Reference, uri: str) -> str:
    """The Markdown of ``references/<slug>.md``."""
    key = reference.key
    short = site.library.short(key, site.languages[0])
    gaps = site.library.gaps.get(key, ())

    def body(lang: str) -> str:
        parts = [f'<p class="kb-reference">{entry_html(site, key, lang, uri, link=False, flag=False)}</p>']
        if gaps:
            missing = word("missing", lang, fields=gaps_text(gaps, lang))
            flag = f"**{word('incomplete_entry', lang)}** — {escape_text(missing)}"
            parts.append(f"{flag}\n{{: .kb-incomplete }}")
        parts.append(_facts(site, reference, lang, uri))
        abstract = reference.fields.get("abstract", "").strip()
        if abstract:
            parts.append(f"## {word('abstract', lang)} {{#{lang}-abstract}}\n\n{escape_text(abstract)}")
        parts.append(_cited_by(site, key, lang, uri))
        parts.append(_downloads(reference, lang, uri))
        return "\n\n".join(part for part in parts if part)

    page = [
        front_matter(f"{short} — {reference.title}" if reference.title else short),
        heading1(reference.title or short, "reference-title") + "\n",
        lang_blocks(site.languages, body),
    ]
    bibtex = site.library.bibtex.get(key, "")
    if bibtex:
        code = indent(bibtex.replace("\t", "    ").replace("\r", "").rstrip("\n"), 4)
        page.append(f"## BibTeX {{#bibtex}}\n\n{code}\n")
    return "\n".join(page)


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
