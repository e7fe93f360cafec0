"""A :class:`~build_kb.model.Reference` as CSL-JSON, the data format every CSL processor reads.

One mapping serves the citation engine and the ``references.json`` download, so the
formatted entries and the export cannot disagree. Values are the decoded Unicode text
(LaTeX accents already resolved); keys come out in one fixed order, so the JSON text is
deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from build_kb.bibliography.biblatex import eprint_url, genre
from build_kb.model import Person, Reference
from build_kb.safety import is_safe_url, link_scheme

CslName = dict[str, str]
CslItem = dict[str, Any]
"""One CSL-JSON item: ``{"id": ..., "type": ..., "author": [...], "issued": {...}, ...}``."""

# BibTeX / biblatex entry type -> CSL type (as Zotero and Better BibTeX map them).
TYPE_MAP: dict[str, str] = {
    "article": "article-journal",
    "artwork": "graphic",
    "audio": "song",
    "book": "book",
    "bookinbook": "chapter",
    "booklet": "pamphlet",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
    "collection": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "letter": "personal_communication",
    "manual": "report",
    "mastersthesis": "thesis",
    "misc": "document",
    "movie": "motion_picture",
    "mvbook": "book",
    "mvcollection": "book",
    "mvproceedings": "book",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "reference": "book",
    "report": "report",
    "review": "review",
    "software": "software",
    "standard": "standard",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "video": "motion_picture",
    "www": "webpage",
}
DEFAULT_TYPE = "document"

# babel / polyglossia language names (biblatex ``langid``) -> BCP 47, as CSL expects.
LANGUAGES: dict[str, str] = {
    "american": "en-US",
    "english": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "australian": "en-AU",
    "canadian": "en-CA",
    "french": "fr-FR",
    "francais": "fr-FR",
    "canadien": "fr-CA",
    "acadian": "fr-CA",
    "german": "de-DE",
    "ngerman": "de-DE",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "spanish": "es-ES",
    "catalan": "ca-AD",
    "italian": "it-IT",
    "portuguese": "pt-PT",
    "portuges": "pt-PT",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "dutch": "nl-NL",
    "danish": "da-DK",
    "swedish": "sv-SE",
    "norsk": "nb-NO",
    "norwegian": "nb-NO",
    "finnish": "fi-FI",
    "polish": "pl-PL",
    "czech": "cs-CZ",
    "greek": "el-GR",
    "russian": "ru-RU",
    "turkish": "tr-TR",
    "japanese": "ja-JP",
    "chinese": "zh-CN",
    "chinese-simplified": "zh-CN",
    "chinese-traditional": "zh-TW",
    "arabic": "ar",
    "hebrew": "he-IL",
    "latin": "la",
}
_BCP47_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janvier"),
            ("feb", "february", "fevrier", "février"),
            ("mar", "march", "mars"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juillet"),
            ("aug", "august", "aout", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "decembre", "décembre"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?)?)?$")
"""A date, with the time Zotero exports after it ("2013-10-30T11:20:51-07:00"), which no style prints."""
_YEAR_RE = re.compile(r"^\d{1,4}$")
_RANGE_DASH_RE = re.compile(r"\s*(?:--+|[\u2010-\u2015\u2212])\s*")
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# Fields copied as they are: BibTeX name -> CSL variable, in output order.
_PLAIN_FIELDS = (
    ("edition", "edition"),
    ("isbn", "ISBN"),
    ("issn", "ISSN"),
    ("keywords", "keyword"),
    ("abstract", "abstract"),
    ("note", "note"),
)
_ISSUE_AS_NUMBER = frozenset({"report", "patent", "standard"})
_BOOKLIKE = frozenset({"book", "chapter", "paper-conference", "report"})


def csl_type(entry_type: str) -> str:
    """The CSL type of a BibTeX entry type (``document`` for types CSL has no word for)."""
    return TYPE_MAP.get(entry_type.lower(), DEFAULT_TYPE)


def csl_language(value: str) -> str:
    """A ``langid`` such as ``french`` as BCP 47 (``fr-FR``); codes are kept, unknown names too."""
    text = value.strip()
    mapped = LANGUAGES.get(text.lower())
    if mapped:
        return mapped
    return text if _BCP47_RE.match(text) else text.lower()


def csl_name(person: Person) -> CslName:
    """One person as a CSL name.

    The von part is a ``non-dropping-particle`` (``van der Berg`` sorts under B in styles
    that demote it, and reads "van der Berg" in all). A lone multi-word last name with no
    first name is a name BibTeX kept whole in braces (``{Association Twictée}``): a
    ``literal``, which styles never invert or abbreviate.
    """
    if not person.first and not person.von and not person.jr and " " in person.last.strip():
        return {"literal": person.last.strip()}
    name: CslName = {"family": person.last}
    if person.first:
        name["given"] = person.first
    if person.von:
        name["non-dropping-particle"] = person.von
    if person.jr:
        name["suffix"] = person.jr
    return name


def page_range(value: str) -> str:
    """Pages as CSL-JSON writes them: ranges with a plain hyphen (``133-155``), spaces trimmed."""
    return _RANGE_DASH_RE.sub("-", value.strip())


def bare_doi(value: str) -> str:
    """A DOI without the ``https://doi.org/`` or ``doi:`` people often paste before it."""
    return _DOI_PREFIX_RE.sub("", value.strip())


def _month(value: str) -> int | None:
    text = value.strip().lower().rstrip(".")
    if text.isascii() and text.isdigit() and len(text) <= 2:
        number = int(text)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(text)


def _date_parts(value: str) -> list[int] | None:
    match = _ISO_DATE_RE.match(value.strip())
    return [int(part) for part in match.groups() if part] if match else None


def edtf_date(value: str) -> dict[str, Any] | None:
    """A biblatex ``date`` (ISO 8601 / EDTF level 1) as a CSL date, or None when it is not one.

    ``2021-06-15``; ranges ``2021-06/2021-07``; open ranges ``2021/..`` or ``2021/``;
    uncertain or approximate dates ``2021?``, ``2021~`` (CSL's ``circa``).
    """
    text = value.strip()
    circa = text.endswith(("?", "~", "%"))
    text = text.rstrip("?~%")
    start, slash, end = text.partition("/")
    first = _date_parts(start)
    if first is None:
        return None
    result: dict[str, Any] = {"date-parts": [first]}
    if slash:
        last = _date_parts(end.rstrip("?~%"))
        if last is not None:
            result["date-parts"].append(last)
        elif end.strip() not in ("", ".."):
            return None
    if circa:
        result["circa"] = True
    return result


def issued(fields: Mapping[str, str]) -> dict[str, Any] | None:
    """The ``issued`` date: from ``date`` (ISO, EDTF ranges), else ``year`` (and ``month``), else None.

    A year that is not a number (``in press``, ``2005/2006``) is kept as a literal date.
    """
    date = fields.get("date", "").strip()
    parsed = edtf_date(date) if date else None
    if parsed is not None:
        return parsed
    year = fields.get("year", "").strip() or date
    if not year:
        return None
    if not _YEAR_RE.match(year):
        return {"literal": year}
    parts = [int(year)]
    month = _month(fields.get("month", ""))
    if month is not None:
        parts.append(month)
    return {"date-parts": [parts]}


def _accessed(value: str) -> dict[str, Any] | None:
    """``urldate``: a day (``2024-03-05``), or the EDTF forms of :func:`edtf_date`."""
    return edtf_date(value) if value.strip() else None


def _title(fields: Mapping[str, str]) -> str:
    title = fields.get("title", "").strip()
    subtitle = fields.get("subtitle", "").strip()
    if title and subtitle:
        return f"{title}: {subtitle}"
    return title or subtitle


def _container(fields: Mapping[str, str]) -> str:
    for name in ("journal", "journaltitle", "booktitle", "maintitle"):
        value = fields.get(name, "").strip()
        if value:
            return value
    return ""


def _publisher(fields: Mapping[str, str]) -> str:
    for name in ("publisher", "school", "institution", "organization"):
        value = fields.get(name, "").strip()
        if value:
            return value
    return ""


def web_url(value: str) -> str | None:
    """The URL if it is an absolute http(s) link, the only kind a page may link to; else None."""
    url = value.strip()
    if url and is_safe_url(url) and link_scheme(url) in ("http", "https"):
        return url
    return None


def to_csl_json(reference: Reference) -> CslItem:
    """The CSL-JSON item of one reference, keys in a fixed order.

    Only http(s) URLs are kept (anything else, such as ``javascript:``, is dropped); a
    DOI is written bare. Fields that are empty or that CSL has no variable for are left out.
    """
    fields = reference.fields
    item_type = csl_type(reference.entry_type)
    subtype = fields.get("entrysubtype", "").strip().lower()
    if item_type == "article-journal" and subtype in ("magazine", "newspaper"):
        item_type = f"article-{subtype}"
    item: CslItem = {"id": reference.key, "type": item_type}
    if reference.authors:
        item["author"] = [csl_name(p) for p in reference.authors]
    if reference.editors:
        item["editor"] = [csl_name(p) for p in reference.editors]
    date = issued(fields)
    if date is not None:
        item["issued"] = date
    title = _title(fields)
    if title:
        item["title"] = title
    if fields.get("shorttitle", "").strip():
        item["title-short"] = fields["shorttitle"].strip()
    container = _container(fields)
    if container:
        item["container-title"] = container
    series = fields.get("series", "").strip()
    if series:
        item["collection-title"] = series
    for name, variable in (("volume", "volume"), ("pages", "page")):
        value = fields.get(name, "").strip()
        if value:
            item[variable] = page_range(value) if variable == "page" else value
    number = (fields.get("number", "") or fields.get("issue", "")).strip()
    if number:
        if item_type in _ISSUE_AS_NUMBER:
            item["number"] = number
        elif item_type in _BOOKLIKE and series:
            item["collection-number"] = number
        else:
            item["issue"] = number
    kind = genre(reference.entry_type, fields)
    if kind:
        item["genre"] = kind
    publisher = _publisher(fields)
    if publisher:
        item["publisher"] = publisher
    place = (fields.get("address", "") or fields.get("location", "")).strip()
    if place:
        item["publisher-place"] = place
    status = fields.get("pubstate", "").strip()
    if status:
        item["status"] = status
    doi = bare_doi(fields.get("doi", ""))
    if doi:
        item["DOI"] = doi
    url = web_url(fields.get("url", "")) or eprint_url(fields)
    if url:
        item["URL"] = url
    accessed = _accessed(fields.get("urldate", ""))
    if accessed and url:
        item["accessed"] = accessed
    for name, variable in _PLAIN_FIELDS:
        value = fields.get(name, "").strip()
        if value:
            item[variable] = value
    language = (fields.get("langid", "") or fields.get("language", "")).strip()
    if language:
        item["language"] = csl_language(language)
    return item


_MEMO = "_build_kb_csl_json"


def csl_item(reference: Reference) -> CslItem:
    """:func:`to_csl_json`, computed once per reference object (a build asks for it several
    times: both formatters, ``references.json``, each reference's own ``.json``).

    The item is shared: read it, do not change it.
    """
    memo = vars(reference)  # A frozen dataclass's own dict, as functools.cached_property uses.
    item: CslItem | None = memo.get(_MEMO)
    if item is None:
        item = memo[_MEMO] = to_csl_json(reference)
    return item


def exported_item(reference: Reference) -> CslItem:
    """The CSL-JSON a download holds: :func:`csl_item`, with an ``identification`` field said in its note.

    CSL has no variable for "this entry is the probable identification of what the source
    cites", so ``identification = {probable}`` travels as ``note``, before the entry's own
    note: "identification: probable; <note>". The items the formatter reads are left as
    they are, so no style prints it in a reference list.
    """
    item = csl_item(reference)
    identification = reference.identification
    if not identification:
        return item
    note = item.get("note", "")
    return {**item, "note": f"identification: {identification}" + (f"; {note}" if note else "")}
