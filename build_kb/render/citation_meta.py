"""What reference managers read from a reference page: Highwire Press ``citation_*`` meta tags and COinS.

Zotero's browser connector (its "Embedded Metadata" translator) and Google Scholar read
``<meta name="citation_title" ...>`` and its siblings in a page's ``<head>``; Zotero, Mendeley
and others also find a COinS ``<span class="Z3988">`` (an OpenURL ContextObject) in its body.
Both are made here from the CSL-JSON item the formatter uses, so they say what the page shows;
the plugin only puts the meta tags in ``<head>``. Only what the entry has is written; values
are escaped for attributes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from build_kb.bibliography.csl_json import CslItem
from build_kb.render import tags

_CONTAINER_TAG = {
    "article-journal": "citation_journal_title",
    "article-magazine": "citation_journal_title",
    "article-newspaper": "citation_journal_title",
    "chapter": "citation_inbook_title",
    "paper-conference": "citation_conference_title",
    "entry-encyclopedia": "citation_inbook_title",
}
_PUBLISHER_TAG = {"thesis": "citation_dissertation_institution", "report": "citation_technical_report_institution"}


def _name(person: dict[str, str]) -> str:
    """``Family, Given`` (with the particle), or the literal name."""
    if "literal" in person:
        return person["literal"]
    family = " ".join(p for p in (person.get("non-dropping-particle", ""), person.get("family", "")) if p)
    return f"{family}, {person['given']}" if person.get("given") else family


def _date(item: CslItem) -> str:
    """``2021/06/15``, ``2021/06`` or ``2021``, as Highwire writes dates; "" when undated."""
    parts = (item.get("issued") or {}).get("date-parts") or []
    if not parts or not parts[0]:
        return ""
    return "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts[0]))


def _pages(item: CslItem) -> tuple[str, str]:
    first, _, last = str(item.get("page", "")).partition("-")
    return first.strip(), last.strip()


def _pairs(item: CslItem) -> Iterator[tuple[str, str]]:
    if item.get("title"):
        yield "citation_title", str(item["title"])
    for person in item.get("author", []):
        yield "citation_author", _name(person)
    for person in item.get("editor", []):
        yield "citation_editor", _name(person)
    date = _date(item)
    if date:
        yield "citation_publication_date", date
    item_type = str(item.get("type", ""))
    if item.get("container-title"):
        yield _CONTAINER_TAG.get(item_type, "citation_journal_title"), str(item["container-title"])
    for variable, name in (("volume", "citation_volume"), ("issue", "citation_issue")):
        if item.get(variable):
            yield name, str(item[variable])
    first, last = _pages(item)
    if first:
        yield "citation_firstpage", first
    if last:
        yield "citation_lastpage", last
    if item.get("publisher"):
        yield _PUBLISHER_TAG.get(item_type, "citation_publisher"), str(item["publisher"])
    if item_type == "report" and item.get("number"):
        yield "citation_technical_report_number", str(item["number"])
    for variable, name in (("DOI", "citation_doi"), ("ISBN", "citation_isbn"), ("ISSN", "citation_issn")):
        if item.get(variable):
            yield name, str(item[variable])
    if item.get("URL"):
        yield "citation_public_url", str(item["URL"])
    if item.get("language"):
        yield "citation_language", str(item["language"])
    if item.get("keyword"):
        yield "citation_keywords", str(item["keyword"])


def highwire_meta(item: CslItem) -> str:
    """The ``<meta name="citation_...">`` tags of one entry, one per line ("" when it has nothing)."""
    return "".join(f'<meta name="{name}" content="{tags.attr(value)}">\n' for name, value in _pairs(item))


def _coins_fields(item: CslItem) -> list[tuple[str, Any]]:
    item_type = str(item.get("type", ""))
    journal = item_type.startswith("article")
    fields: list[tuple[str, Any]] = [("ctx_ver", "Z39.88-2004")]
    fields.append(("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{'journal' if journal else 'book'}"))
    genre = {"chapter": "bookitem", "paper-conference": "proceeding", "report": "report", "thesis": "document"}
    fields.append(("rft.genre", "article" if journal else genre.get(item_type, "book")))
    title = str(item.get("title", ""))
    container = str(item.get("container-title", ""))
    if journal or item_type in ("chapter", "paper-conference"):
        if title:
            fields.append(("rft.atitle", title))
        if container:
            fields.append(("rft.jtitle" if journal else "rft.btitle", container))
    elif title:
        fields.append(("rft.btitle", title))
    for person in item.get("author", []):
        if "literal" in person:
            fields.append(("rft.aucorp", person["literal"]))
        else:
            fields.append(("rft.aulast", person.get("family", "")))
            if person.get("given"):
                fields.append(("rft.aufirst", person["given"]))
    date = _date(item).replace("/", "-")
    if date:
        fields.append(("rft.date", date))
    for variable, key in (("volume", "rft.volume"), ("issue", "rft.issue"), ("page", "rft.pages")):
        if item.get(variable):
            fields.append((key, item[variable]))
    for variable, key in (("publisher", "rft.pub"), ("publisher-place", "rft.place"), ("ISBN", "rft.isbn")):
        if item.get(variable):
            fields.append((key, item[variable]))
    if item.get("ISSN"):
        fields.append(("rft.issn", item["ISSN"]))
    if item.get("DOI"):
        fields.append(("rft_id", f"info:doi/{item['DOI']}"))
    if item.get("URL"):
        fields.append(("rft_id", item["URL"]))
    return fields


def coins(item: CslItem) -> str:
    """The entry as a COinS span (empty, for machines): Zotero and Mendeley find it in the page body."""
    return f'<span class="Z3988" title="{tags.attr(urlencode(_coins_fields(item)))}"></span>'
