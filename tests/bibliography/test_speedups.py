"""The citeproc-py speed-ups change nothing in the output, and are removed after use."""

from __future__ import annotations

import pytest
from citeproc import model

from build_kb.bibliography import Formatter
from build_kb.bibliography.patching import Patch
from build_kb.bibliography.speedups import StyleMemo
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style

TEXTS = ("[@{key}]", "[@{key}, p. 12-14]", "@{key}", "[-@{key}, ch. 2]")


def everything(formatter: Formatter) -> list[str]:
    out = []
    for key in formatter.bibliography_keys():
        out.append(formatter.reference_html(key))
        out.extend(formatter.cite(find_citations(text.format(key=key))[0][0]) for text in TEXTS)
    return out


@pytest.mark.parametrize("name", ["apa", "chicago-author-date", "modern-language-association"])
def test_memo_does_not_change_output(
    name: str, library: dict[str, Reference], shipped: dict[str, Reference], monkeypatch: pytest.MonkeyPatch
) -> None:
    references = {**shipped, **library}
    fast = everything(Formatter(references, style(name), "en-US"))

    def none(self: StyleMemo) -> list[Patch]:
        return []

    monkeypatch.setattr(StyleMemo, "patches", none)
    assert everything(Formatter(references, style(name), "en-US")) == fast


def test_patches_are_removed_after_use(library: dict[str, Reference]) -> None:
    originals = (model.CitationStylesElement.xpath_search, model.Parent.calls_variable, model.Label.markup)
    memo = StyleMemo()
    with memo.active():
        with memo.active():
            assert model.CitationStylesElement.xpath_search is not originals[0]
        assert model.CitationStylesElement.xpath_search is not originals[0]
    Formatter(library, style("apa"), "en-US")
    assert (model.CitationStylesElement.xpath_search, model.Parent.calls_variable, model.Label.markup) == originals
