"""BibTeX entry rules: required fields, the incomplete flag, DOI, URL, page clashes.

Codes: ``incomplete-reference``, ``stale-incomplete-flag``, ``bad-doi``, ``bad-year``,
``unsafe-link`` and ``reference-slug-clash``. (Parse errors and duplicate keys are found
while the files are read; a ``crossref`` to no entry, ``unknown-crossref``, when the
library is prepared: bibliography/biblatex.py.)

Failing example::

    @book{huberman1989vie,
      author = {Huberman, Michaël},
      year = {1989}
    }   % incomplete-reference: no title; add it, or write incomplete = {title}
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import RESERVED_NAMES, CiteKey, reference_slug
from build_kb.load.bibtex import check_reference
from build_kb.model import KnowledgeBase


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Check each entry, then that no two keys share a reference page."""
    slugs: dict[str, str] = {}
    for key, reference in kb.references.items():
        yield from check_reference(reference)
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
