"""BibTeX entry rules: required fields, the incomplete flag, DOI, URL, page clashes.

Codes: ``incomplete-reference``, ``stale-incomplete-flag``, ``bad-doi``, ``bad-year``,
``unsafe-link``, ``reference-slug-clash``, and ``unknown-reference`` for a ``crossref`` to
no entry. (Parse errors and duplicate keys are found
while the files are read.)

Failing example::

    @book{huberman1989vie,
      author = {Huberman, Michaël},
      year = {1989}
    }   % incomplete-reference: no title; add it, or write incomplete = {title}
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.bibtex import check_reference
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import RESERVED_NAMES, CiteKey, reference_slug
from build_kb.model import KnowledgeBase
from build_kb.schema import suggest


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Check each entry, then that no two keys share a reference page."""
    slugs: dict[str, str] = {}
    lowered = {key.lower(): key for key in kb.references}
    for key, reference in kb.references.items():
        yield from check_reference(reference)
        parent = reference.fields.get("crossref", "").strip()
        if parent and parent.lower() not in lowered:  # BibTeX matches crossref keys without case.
            yield report(
                "unknown-reference",
                reference.path,
                Position(reference.line),
                f"entry '{key}': crossref '{parent}' is not an entry of the library",
                suggest(parent, kb.references) or "add the entry it refers to, or remove the crossref field",
            )
        slug = reference_slug(CiteKey(key))
        if slug in RESERVED_NAMES:
            yield report(
                "reference-slug-clash",
                reference.path,
                Position(reference.line),
                f"BibTeX key '{key}' would get the page of the bibliography itself",
                "rename the key, e.g. author + year + first word of the title",
            )
        elif slug in slugs:
            yield report(
                "reference-slug-clash",
                reference.path,
                Position(reference.line),
                f"keys '{slugs[slug]}' and '{key}' would share the page /references/{slug}/",
                "rename one key so they differ by more than case or punctuation",
            )
        else:
            slugs[slug] = key
