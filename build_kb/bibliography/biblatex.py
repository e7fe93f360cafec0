"""A library as biber would hand it to a style: private fields gone, ``crossref``/``xdata`` resolved.

Zotero's Better BibTeX exports what a contributor's Zotero holds, including what must
never reach a public site (``file = {/home/user/Zotero/storage/...}``, ``annotation``).
:func:`prepare_library` runs once, right after loading, so that every later stage (checks,
formatted entries, reference pages, ``references.bib``/``.json`` and each entry's own
downloads) sees the same cleaned entries; nothing downstream has to remember to filter.

- **Private fields** (:data:`PRIVATE_FIELDS`, extended by the ``private_fields`` setting)
  are removed from the decoded fields, from the values as written and from the entry's
  raw text.
- **xdata** then **crossref** are resolved as biber does by default: a child keeps its own
  fields and takes the parent's others, with biber's renamings for the common types (a
  book's ``title`` becomes an inbook's ``booktitle``, a proceedings' ``title`` an
  inproceedings' ``booktitle``, an mvbook's ``title`` a book's ``maintitle``...) and
  without the fields biber never inherits (``ids``, ``crossref``, ``shorthand``...).
  ``@xdata`` entries are data containers, not works: they leave the library once used.
- **Localised types** (``type = {phdthesis}``, ``@techreport``) and **eprints**
  (``eprinttype = {arXiv}``) are read by :func:`genre` and :func:`eprint_url`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.model import Person, Reference

PRIVATE_FIELDS = frozenset(
    {
        "file",  # Zotero / BBT / JabRef: paths of attached files on the contributor's disk
        "annotation",  # biblatex: personal notes (BBT exports Zotero notes there)
        "annote",  # BibTeX's name for the same
        "pdf",
        "local-url",
        "owner",  # JabRef
        "timestamp",  # JabRef
        "groups",  # JabRef
        "mendeley-groups",
        "mendeley-tags",
    }
)
"""Fields never published; the ``private_fields`` setting adds to them."""
_PRIVATE_PREFIXES = ("bdsk-file-",)  # BibDesk's attachments: bdsk-file-1, bdsk-file-2...

NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
    }
)
"""Fields biber never copies from a parent (biblatex manual, appendix B, ``* -> *``)."""

_TITLE_PARTS = ("title", "subtitle", "titleaddon")
_NO_TITLE = {"shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None}


def _titles(prefix: str) -> dict[str, str | None]:
    """``title -> <prefix>title``, ``subtitle -> <prefix>subtitle``...; short and sort titles not inherited."""
    return {part: prefix + part for part in _TITLE_PARTS} | _NO_TITLE


# (parent types, child types, renamings): biber's default inheritance (biblatex manual, B.1).
_RULES: tuple[tuple[frozenset[str], frozenset[str], dict[str, str | None]], ...] = (
    (frozenset({"mvbook", "book"}), frozenset({"inbook", "bookinbook", "suppbook"}), {"author": "bookauthor"}),
    (frozenset({"mvbook"}), frozenset({"book", "inbook", "bookinbook", "suppbook"}), _titles("main")),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}),
        _titles("main"),
    ),
    (frozenset({"mvproceedings"}), frozenset({"proceedings", "inproceedings"}), _titles("main")),
    (frozenset({"book"}), frozenset({"inbook", "bookinbook", "suppbook"}), _titles("book")),
    (
        frozenset({"collection", "reference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        _titles("book"),
    ),
    (frozenset({"proceedings"}), frozenset({"inproceedings"}), _titles("book")),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}), _titles("journal")),
)

_KEY_SPLIT_RE = re.compile(r"\s*,\s*")


def is_private(name: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a field (lowercase name) is one that is never published."""
    return name in PRIVATE_FIELDS or name in extra or name.startswith(_PRIVATE_PREFIXES)


def _strip_raw(raw: str, written: Mapping[str, str], names: Iterable[str]) -> str:
    """The entry's text without the given fields (as their values were written)."""
    for name in names:
        value = written.get(name)
        if value is None:
            return ""  # Cannot find it as written: publish no raw text rather than a private value.
        pattern = re.compile(rf"(?im)^[ \t]*{re.escape(name)}\s*=\s*{re.escape(value)}\s*,?[ \t]*\n?")
        raw, found = pattern.subn("", raw, count=1)
        if not found:
            return ""
    return raw


def strip_private(reference: Reference, extra: frozenset[str] = frozenset()) -> Reference:
    """The reference without its private fields (the same object when it has none)."""
    written = reference.written or {}
    private = sorted({n for n in (*reference.fields, *written) if is_private(n, extra)})
    if not private:
        return reference
    fields = {n: v for n, v in reference.fields.items() if n not in private}
    kept = None if reference.written is None else {n: v for n, v in written.items() if n not in private}
    raw = _strip_raw(reference.raw, written, private) if reference.written is not None else ""
    return replace(reference, fields=fields, written=kept, raw=raw)


def _renamings(parent_type: str, child_type: str) -> dict[str, str | None]:
    result: dict[str, str | None] = {}
    for parents, children, renames in _RULES:
        if parent_type in parents and child_type in children:
            for source, target in renames.items():
                result.setdefault(source, target)
    return result


def inherit(child: Reference, parent: Reference, *, renaming: bool = True) -> Reference:
    """``child`` completed from ``parent`` as biber does: the child's own fields always win."""
    renames = _renamings(parent.entry_type, child.entry_type) if renaming else {}
    fields = dict(child.fields)
    taken: dict[str, str] = {}
    for name, value in parent.fields.items():
        if name in NOT_INHERITED:
            continue
        target = renames.get(name, name)
        if target is not None and target not in fields and target not in taken:
            taken[target] = value
    authors, editors = child.authors, child.editors
    if renames.get("author") == "bookauthor" and parent.authors and "bookauthor" not in fields:
        taken["bookauthor"] = people_text(parent.authors)
    if not authors and parent.authors:
        authors = parent.authors
    if not editors and parent.editors:
        editors = parent.editors
    if not taken and authors is child.authors and editors is child.editors:
        return child
    fields.update(taken)
    return replace(child, fields=fields, authors=authors, editors=editors)


def _parents(reference: Reference, name: str) -> list[str]:
    value = reference.fields.get(name, "").strip()
    return [key for key in _KEY_SPLIT_RE.split(value) if key] if value else []


def _missing(reference: Reference, field: str, key: str, keys: Iterable[str]) -> Diagnostic:
    from build_kb.load.schema import suggest  # did-you-mean, only when something is missing

    return report(
        "unknown-crossref",
        reference.path,
        Position(reference.line),
        f"entry '{reference.key}': {field} '{key}' is not an entry of the library; nothing is inherited from it",
        suggest(key, keys) or "add the parent entry to a .bib file, or correct the key",
    )


def prepare_library(
    references: Mapping[str, Reference], private_fields: Iterable[str] = ()
) -> tuple[dict[str, Reference], list[Diagnostic]]:
    """The library as published: private fields removed, xdata and crossref resolved (one level
    of crossref, as biber's default; xdata entries may themselves use xdata).

    Returns the references (same order, ``@xdata`` entries removed) and a diagnostic per
    crossref or xdata key that is not in the library.
    """
    extra = frozenset(name.lower() for name in private_fields)
    cleaned = {key: strip_private(reference, extra) for key, reference in references.items()}
    diagnostics: list[Diagnostic] = []
    resolved: dict[str, Reference] = {}

    def with_xdata(key: str, seen: tuple[str, ...]) -> Reference:
        if key in resolved:
            return resolved[key]
        reference = cleaned[key]
        for parent_key in _parents(reference, "xdata"):
            if parent_key in seen:
                continue
            if parent_key not in cleaned:
                diagnostics.append(_missing(reference, "xdata", parent_key, references))
                continue
            reference = inherit(reference, with_xdata(parent_key, (*seen, parent_key)), renaming=False)
        resolved[key] = reference
        return reference

    for key in cleaned:
        with_xdata(key, (key,))
    result: dict[str, Reference] = {}
    for key, reference in resolved.items():
        if reference.entry_type == "xdata":
            continue
        for parent_key in _parents(reference, "crossref")[:1]:
            parent = resolved.get(parent_key)
            if parent is None or parent_key == key:
                diagnostics.append(_missing(reference, "crossref", parent_key, references))
            else:
                reference = inherit(reference, parent)
        result[key] = reference
    return result, diagnostics


# biblatex's localisation keys used as ``type`` values, and the entry types that imply one,
# with their long forms in english.lbx and french.lbx (the styles capitalise as they wish).
GENRES: dict[str, dict[str, str]] = {
    "phdthesis": {"en": "PhD thesis", "fr": "thèse de doctorat"},
    "mathesis": {"en": "Master’s thesis", "fr": "mémoire de master"},
    "candthesis": {"en": "Candidate thesis", "fr": "thèse de candidature"},
    "techreport": {"en": "technical report", "fr": "rapport technique"},
    "resreport": {"en": "research report", "fr": "rapport de recherche"},
    "software": {"en": "computer software", "fr": "logiciel"},
    "datacd": {"en": "CD-ROM", "fr": "cédérom"},
    "audiocd": {"en": "audio CD", "fr": "disque compact audio"},
}
_TYPE_GENRE = {"phdthesis": "phdthesis", "mastersthesis": "mathesis", "techreport": "techreport"}
_ENGLISH = {forms["en"]: key for key, forms in GENRES.items()}
_TYPE_ALIASES = {"masterthesis": "mathesis", "mastersthesis": "mathesis", "phd": "phdthesis"}


def genre(entry_type: str, fields: Mapping[str, str]) -> str:
    """The CSL ``genre`` of an entry, in English: ``type = {phdthesis}`` or ``@phdthesis`` -> "PhD thesis".

    A ``type`` that is not a biblatex key (``Mémoire de master 2``) is kept as written.
    """
    written = fields.get("type", "").strip()
    key = _TYPE_ALIASES.get(written.lower(), written.lower()) if written else _TYPE_GENRE.get(entry_type, "")
    if key in GENRES:
        return GENRES[key]["en"]
    return written


def localised_genre(value: str, locale: str) -> str:
    """A genre from :func:`genre` in the locale's language (``fr-FR``: "thèse de doctorat"), else as it is."""
    key = _ENGLISH.get(value)
    if key is None:
        return value
    return GENRES[key].get(locale.split("-")[0].lower(), value)


_EPRINT_URLS = {
    "arxiv": "https://arxiv.org/abs/{}",
    "pubmed": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmcid": "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/",
    "hal": "https://hal.science/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "googlebooks": "https://books.google.com/books?id={}",
    "handle": "https://hdl.handle.net/{}",
    "ssrn": "https://ssrn.com/abstract={}",
    "cinii": "https://ci.nii.ac.jp/naid/{}",
}
_EPRINT_ID_RE = re.compile(r"^[A-Za-z0-9._:/\-]+$")


def eprint_url(fields: Mapping[str, str]) -> str | None:
    """The web page of an ``eprint`` (``eprinttype = {arXiv}``, ``{PubMed}``, ``{HAL}``...), or None.

    ``archiveprefix``/``primaryclass`` (arXiv's own BibTeX) are read as ``eprinttype``.
    An identifier with characters no such archive uses gives no link.
    """
    identifier = fields.get("eprint", "").strip()
    kind = (fields.get("eprinttype", "") or fields.get("archiveprefix", "")).strip().lower()
    if not identifier or not _EPRINT_ID_RE.match(identifier):
        return None
    if not kind and re.match(r"^\d{4}\.\d{4,5}(v\d+)?$", identifier):
        kind = "arxiv"  # arXiv's new-style identifiers are unmistakable
    template = _EPRINT_URLS.get(kind)
    return template.format(identifier) if template else None


def eprint_label(fields: Mapping[str, str]) -> str:
    """``arXiv:2101.00001 [cs.CL]``: how an eprint is named, with its class when given."""
    identifier = fields.get("eprint", "").strip()
    kind = (fields.get("eprinttype", "") or fields.get("archiveprefix", "")).strip()
    cls = (fields.get("eprintclass", "") or fields.get("primaryclass", "")).strip()
    label = f"{kind}:{identifier}" if kind else identifier
    return f"{label} [{cls}]" if cls else label


def people_text(people: tuple[Person, ...]) -> str:
    """Names joined as BibTeX writes them (``A and B``)."""
    return " and ".join(person.display for person in people)
