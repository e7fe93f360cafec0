"""Citations with a plain page number come from one rendering per work and label: the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.bibliography import CslStyle, FormatCache, Formatter, load_style
from build_kb.bibliography import formatter as formatter_module
from build_kb.citations import Citation
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style

LOCATORS = ["p. 12", "p. 1", "p. 47", "p. 2021", "ch. 3", "para. 10", "p. 12-15", "p. 007", "p. xiv", "sec. 4"]
STYLES = ["apa", "chicago-author-date", "modern-language-association", "harvard-cite-them-right", "ieee"]


def _citations(keys: list[str]) -> list[Citation]:
    found = []
    for key in keys:
        for locator in LOCATORS:
            for text in (f"[@{key}, {locator}]", f"@{key} [{locator}]", f"[-@{key}, {locator}]"):
                citations, problems = find_citations(text)
                assert len(citations) == 1 and not problems
                found.append(citations[0])
    return found


def _rendered(formatter: Formatter, citations: list[Citation]) -> list[str]:
    return [formatter.cite_html(citation) for citation in citations]


def _compare(library: dict[str, Reference], found: CslStyle, monkeypatch: pytest.MonkeyPatch) -> Formatter:
    citations = _citations(sorted(library))
    templated = Formatter(library, found, "en-US")
    expected_formatter = Formatter(library, found, "en-US")
    with monkeypatch.context() as patch:
        patch.setattr(formatter_module, "plain_number", lambda value: False)  # Every locator rendered.
        expected = _rendered(expected_formatter, citations)
    assert _rendered(templated, citations) == expected
    return templated


@pytest.mark.parametrize("name", STYLES)
def test_templates_give_the_text_citeproc_gives(
    name: str, library: dict[str, Reference], monkeypatch: pytest.MonkeyPatch
) -> None:
    templated = _compare(library, style(name), monkeypatch)
    if name != "ieee":  # A numeric style prints no locator in some citations: then no template is kept.
        assert any(variant.endswith(":#") for key in library for variant in templated._records[key].cites)


def test_a_style_that_spells_numbers_out_renders_each_locator(
    library: dict[str, Reference], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xml = style("apa").xml.decode("utf-8")
    citation = xml.index("<citation ")
    head, tail = xml[:citation], xml[citation:]
    ordinal = head + tail.replace('<text macro="label-locator"/>', '<number variable="locator" form="ordinal"/>', 1)
    assert ordinal != xml
    (tmp_path / "ordinal.csl").write_text(ordinal, encoding="utf-8")
    found = load_style("ordinal.csl", tmp_path)
    assert isinstance(found, CslStyle)
    templated = _compare(library, found, monkeypatch)
    assert not any(variant.endswith(":#") for key in library for variant in templated._records[key].cites)
    citations, _ = find_citations("[@wenger1998communities, p. 1; @clot2000genres, p. 12]")
    assert templated.cite(citations[0]) == "(Clot & Faïta, 2000, 12th; Wenger, 1998, 1st)"


def test_templates_are_cached_with_the_entry(library: dict[str, Reference], tmp_path: Path) -> None:
    citations = _citations(["clot2000genres"])
    first = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    text = _rendered(first, citations)
    assert first.save_cache()
    again = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    calls = again.stats.rendered
    assert _rendered(again, citations) == text
    assert again.stats.rendered == calls  # Every citation from the cache, templates included.
