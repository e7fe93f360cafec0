"""Typed identifiers and the one function for each conversion between them.

Card ids and citation keys come from people's files and end up in URLs and file names,
so every conversion goes through here, where it is checked and cannot escape a folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, NewType

if TYPE_CHECKING:
    from build_kb.model import Person

ConceptId = NewType("ConceptId", str)
"""The id of a concept card: lowercase ASCII kebab-case, equal to its file name."""

CiteKey = NewType("CiteKey", str)
"""A BibTeX entry key, as written after ``@type{``."""

Slug = NewType("Slug", str)
"""A URL path segment made only of ``[a-z0-9-]``."""

RESERVED_NAMES = frozenset({"index"})
"""Names a card id or reference slug cannot take: the section index pages use them."""

CONCEPT_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
LANGUAGE_TAG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A language code as cards and settings write it (``fr``, ``en``, ``pt-BR``): a BCP 47 tag's shape."""
MAX_SLUG_LENGTH = 100
"""A URL segment (and file name) made from a key or a name is at most this long, far under
the 255 bytes a file name may hold: a longer one keeps its start and a digest of the whole."""


def is_language_tag(value: object) -> bool:
    """Tell whether ``value`` is a language code; RDF literals and ``lang`` attributes take only these."""
    return isinstance(value, str) and LANGUAGE_TAG_RE.fullmatch(value) is not None


def is_language_list(values: object) -> bool:
    """Tell whether ``values`` is a non-empty list or tuple of distinct language codes (the ``languages`` setting)."""
    return (
        isinstance(values, list | tuple)
        and bool(values)
        and all(is_language_tag(lang) for lang in values)
        and len(set(values)) == len(values)
    )


def is_concept_id(value: object) -> bool:
    """Tell whether ``value`` is a well-formed card id."""
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH and CONCEPT_ID_RE.match(value) is not None


def slugify(text: str, fallback: str = "x") -> Slug:
    """Turn any text into a safe URL segment (accents folded, ASCII only).

    Args:
        text: Any text, e.g. a BibTeX key or an author's name.
        fallback: Used when nothing of ``text`` survives.

    Returns:
        Lowercase ``[a-z0-9-]`` words joined by single hyphens, never empty, never
        ``.`` or ``..``, so it cannot escape the folder it is joined to, and at most
        :data:`MAX_SLUG_LENGTH` characters, so it is always a valid file name.
    """
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        # Digest of the whole slug, not of the text: two texts share a page exactly when
        # their full slugs are equal, whatever their length (reference-slug-clash).
        digest = hashlib.sha1(slug.encode("ascii"), usedforsecurity=False).hexdigest()[:12]
        return Slug(f"{slug[: MAX_SLUG_LENGTH - 13].rstrip('-')}-{digest}")
    if slug:
        return Slug(slug)
    # Nothing Latin survives (e.g. a name in Arabic or Chinese script): a short digest
    # keeps distinct texts on distinct pages, deterministically.
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return Slug(f"{fallback}-{digest}" if text.strip() else fallback)


def reference_slug(key: CiteKey) -> Slug:
    """The URL segment of a reference page: ``/references/<slug>/``."""
    return slugify(key, fallback="reference")


@lru_cache(maxsize=1 << 16)
def author_slug(person: Person) -> Slug:
    """The URL segment of an author page: ``/authors/<slug>/``.

    Family name first, particle included, then given names: ``Étienne Wenger`` ->
    ``wenger-etienne``, ``Anna van der Berg`` -> ``van-der-berg-anna``. One function, so
    the graph's author IRIs and the site's author pages agree. Cached: a person is
    met in every entry they wrote, by the RDF export and by several pages.
    """
    parts = (person.von, person.last, person.first, person.jr)
    return slugify(" ".join(part for part in parts if part), fallback="author")
