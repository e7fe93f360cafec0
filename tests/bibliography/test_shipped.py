"""The shipped library formats in every style without an error, and every entry says something."""

from __future__ import annotations

import pytest

from build_kb.bibliography import Formatter
from build_kb.bibliography.exports import references_bibtex, references_csl_json
from build_kb.load.bibtex import parse_bibtex
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style


@pytest.mark.parametrize("name", ["apa", "chicago-author-date", "modern-language-association"])
@pytest.mark.parametrize("locale", ["en-US", "fr-FR"])
def test_every_entry_formats(shipped: dict[str, Reference], name: str, locale: str) -> None:
    assert len(shipped) == 52
    formatter = Formatter(shipped, style(name), locale)
    assert formatter.failures == {}
    assert sorted(formatter.bibliography_keys()) == sorted(shipped)
    for key in shipped:
        assert formatter.reference_text(key).strip(), key
        for text in (f"[@{key}, p. 3]", f"@{key}", f"[-@{key}]"):
            parts = formatter.cite_parts(find_citations(text)[0][0])
            assert parts.parts[0].text.strip(), (key, text)


def test_exports_of_the_shipped_library(shipped: dict[str, Reference]) -> None:
    assert references_csl_json(shipped).count('"id": ') == 52
    back, diagnostics = parse_bibtex(references_bibtex(shipped), "references.bib")
    assert diagnostics == []
    assert {r.key: dict(r.fields) for r in back} == {k: dict(r.fields) for k, r in shipped.items()}
