"""How a reference reads: in-text labels ("Wenger, 1998") and the full entry.

Kept in one small module so a CSL engine (citeproc-py) can replace it: callers only
use :func:`author_label`, :func:`year_label`, :func:`format_reference`,
:func:`reference_heading` and :func:`sort_key`. The output is Markdown in which every
BibTeX text is escaped, and the only links are DOIs and http(s) URLs.
"""

from __future__ import annotations

import re
import unicodedata

from build_kb.model import Person, Reference
from build_kb.render.markdown import escape_text, url_link
from build_kb.safety import link_scheme

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_ITALIC_TYPES = frozenset({"book", "mvbook", "phdthesis", "mastersthesis", "thesis", "report", "techreport", "misc"})
_NO_DATE = {"fr": "s. d.", "en": "n.d."}


def _people(reference: Reference) -> tuple[tuple[Person, ...], bool]:
    """The authors, else the editors (and whether they are editors)."""
    if reference.authors:
        return reference.authors, False
    return reference.editors, bool(reference.editors)


def _surname(person: Person) -> str:
    return " ".join(part for part in (person.von, person.last) if part) or person.first


def author_label(reference: Reference) -> str:
    """Surnames as an in-text citation shows them: ``Wenger``, ``Lave & Wenger``, ``Crinon et al.``.

    Plain text, not escaped. Falls back to the title, then the key.
    """
    people, _ = _people(reference)
    if len(people) == 1:
        return _surname(people[0])
    if len(people) == 2:
        return f"{_surname(people[0])} & {_surname(people[1])}"
    if people:
        return f"{_surname(people[0])} et al."
    return reference.title or reference.key


def year_label(reference: Reference, lang: str) -> str:
    """The year, or "n.d." in the reader's language."""
    return reference.year or _NO_DATE.get(lang, _NO_DATE["en"])


def _initials(first: str) -> str:
    words = []
    for word in first.split():
        parts = [part for part in word.split("-") if part]
        words.append("-".join(f"{part[0]}." if not part.endswith(".") else part for part in parts))
    return " ".join(words)


def _name(person: Person) -> str:
    initials = _initials(person.first)
    name = _surname(person) + (f", {initials}" if initials else "")
    return name + (f", {person.jr}" if person.jr else "")


def _names(people: tuple[Person, ...]) -> str:
    names = [_name(person) for person in people]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def reference_links(reference: Reference) -> list[str]:
    """The DOI and URL of an entry as Markdown links, only for DOIs and http(s) URLs."""
    links = []
    doi = reference.fields.get("doi", "").strip()
    if _DOI_RE.match(doi):
        links.append(url_link(escape_text(f"https://doi.org/{doi}"), f"https://doi.org/{doi}"))
    url = reference.fields.get("url", "").strip()
    if url and link_scheme(url) in ("http", "https"):
        links.append(url_link(escape_text(url), url))
    return links


def format_reference(reference: Reference, page_link: str = "") -> str:
    """The full entry, APA-like, as one line of escaped Markdown with its DOI or URL linked.

    Args:
        reference: The entry.
        page_link: A relative link to the entry's own page, put on its title.
    """
    fields = reference.fields
    people, editors = _people(reference)
    parts: list[str] = []
    if people:
        suffix = (" (Eds.)" if len(people) > 1 else " (Ed.)") if editors else ""
        parts.append(escape_text(_names(people) + suffix))
    parts.append(f"({escape_text(year_label(reference, 'en'))}).")
    title = reference.title.rstrip(".")
    if title:
        text = escape_text(title)
        text = f"*{text}*" if reference.entry_type in _ITALIC_TYPES else text
        parts.append(f"[{text}]({page_link})." if page_link else f"{text}.")
    elif page_link:
        parts[0] = f"[{parts[0]}]({page_link})"
    container = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle", "")
    if container:
        detail = f"*{escape_text(container)}*"
        if fields.get("volume"):
            detail += f", *{escape_text(fields['volume'])}*"
            if fields.get("number"):
                detail += f"({escape_text(fields['number'])})"
        elif fields.get("number"):
            detail += f", {escape_text(fields['number'])}"
        if fields.get("pages"):
            detail += f", {escape_text(fields['pages'].replace('--', '–'))}"
        parts.append(detail + ".")
    publisher = fields.get("publisher") or fields.get("school") or fields.get("institution", "")
    if publisher:
        parts.append(escape_text(publisher) + ".")
    parts.extend(reference_links(reference))
    return " ".join(parts)


def reference_heading(reference: Reference) -> str:
    """A plain-text name for the entry's page: its title, else "Author (year)"."""
    return reference.title or f"{author_label(reference)} ({year_label(reference, 'en')})"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sort_key(reference: Reference) -> tuple[str, str, str, str]:
    """Bibliography order: first author's surname, year, title, key (accents folded)."""
    people, _ = _people(reference)
    first = _fold(_surname(people[0])) if people else _fold(reference.title)
    return (first, reference.year, _fold(reference.title), reference.key)
