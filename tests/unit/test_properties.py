"""Property tests: no input, however broken, makes the checker raise.

Random YAML text, random BibTeX text, and random mutations of valid cards go through
the same entry points the CLI uses; each must come back as diagnostics.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_kb.load.bibtex import _decode_slow, decode_latex, parse_bibtex
from build_kb.load.cards import parse_card
from build_kb.markdown_scan import find_citations, findings
from build_kb.pipeline import load_project

BASE = Path(__file__).parents[1] / "scenarios" / "_base"
VALID_CARD = (BASE / "concepts" / "alpha.yaml").read_text(encoding="utf-8")
VALID_BIB = (BASE / "references" / "library.bib").read_text(encoding="utf-8")

YAML_ALPHABET = st.sampled_from([*list("abc:- \n\t[]{}'\"#&*!|>?@,%`\\0é"), "  ", ": ", "- ", "\n  "])
BIB_ALPHABET = st.sampled_from([*list("@{}=,\"\\ \n#%abcé'`~$-"), "@article{", "author = ", " and ", "{\\'e}"])
LATEX_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        " ",
        "é",
        "-",
        "--",
        "---",
        "{\\'e}",
        '{\\"\\i}',
        "{\\c c}",
        "{\\oe}",
        "{\\guillemotleft}",
        "~",
        "{",
        "}",
        "\\",
        "\\'e",
        "$x$",
        "%",
        "&",
        "'",
        "''",
        "`",
        "``",
        "{\\textbackslash}",
        "{Van Wyk}",
        "\n",
    ]
)

fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(st.lists(YAML_ALPHABET, max_size=80).map("".join))
def test_random_yaml_gives_diagnostics_not_exceptions(text: str) -> None:
    _card, diagnostics = parse_card(text, "concepts/x.yaml", "x")
    assert all(d.path == "concepts/x.yaml" for d in diagnostics)


@fast
@given(st.lists(BIB_ALPHABET, max_size=80).map("".join))
def test_random_bibtex_gives_diagnostics_not_exceptions(text: str) -> None:
    _references, diagnostics = parse_bibtex(text, "references/x.bib")
    assert all(d.position.line >= 1 for d in diagnostics)


@fast
@given(st.data())
def test_mutated_cards_give_diagnostics_not_exceptions(data: st.DataObject) -> None:
    text = VALID_CARD
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        if action == "delete":
            end = data.draw(st.integers(position, min(len(text), position + 20)))
            text = text[:position] + text[end:]
        else:
            piece = data.draw(st.lists(YAML_ALPHABET, min_size=1, max_size=6).map("".join))
            end = position + (len(piece) if action == "replace" else 0)
            text = text[:position] + piece + text[end:]
    _card, diagnostics = parse_card(text, "concepts/alpha.yaml", "alpha")
    for diagnostic in diagnostics:
        assert diagnostic.position.line <= text.count("\n") + 2


@settings(max_examples=25, deadline=None)
@given(card=st.lists(YAML_ALPHABET, max_size=60).map("".join), bib=st.lists(BIB_ALPHABET, max_size=60).map("".join))
def test_whole_pipeline_never_raises(card: str, bib: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(BASE, root, dirs_exist_ok=True)
        (root / "concepts" / "broken.yaml").write_text(card, encoding="utf-8")
        (root / "references" / "broken.bib").write_text(bib, encoding="utf-8")
        loaded = load_project(root)
        assert all(d.position.line >= 1 for d in loaded.diagnostics)


@settings(max_examples=400, deadline=None)
@given(st.lists(LATEX_PIECES, max_size=12).map("".join))
def test_fast_latex_decoding_equals_pylatexenc(text: str) -> None:
    try:
        expected = _decode_slow(text)
    except ValueError:
        return  # Undecodable text: both paths report it.
    assert decode_latex(text) == expected


@fast
@given(st.text(max_size=120))
def test_citation_and_safety_scanners_never_raise(text: str) -> None:
    for page in (False, True):  # card text, and a hand-written page
        citations, _problems = find_citations(text, page)
        for citation in citations:
            assert 0 <= citation.start < citation.end <= len(text)
            assert all(text[item.start : item.start + 1] in "-@" for item in citation.items)
    for finding in findings(text):
        assert text[finding.start : finding.start + len(finding.snippet)] == finding.snippet


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LATEX_PIECES, min_size=1, max_size=12).map("".join))
def test_our_pylatexenc_setup_decodes_as_bibtexparsers_middleware(text: str) -> None:
    """Our decoder is built from pylatexenc's public API; it must read a value as bibtexparser's
    own ``LatexDecodingMiddleware`` does. bibtexparser's public parser gives the value as it
    splits it (without the middleware) and decoded (with it): we decode the first, and compare."""
    if text.count("{") != text.count("}") or "@" in text or "#" in text:
        return  # not a value BibTeX can hold in braces
    source = "@misc{k, title = {" + text + "}}"
    plain = parse_string(source)
    decoded = parse_string(source, append_middleware=[LatexDecodingMiddleware()])
    if plain.failed_blocks or not plain.entries or not decoded.entries:
        return
    raw = plain.entries[0].fields_dict["title"].value
    expected = decoded.entries[0].fields_dict["title"].value
    try:
        ours = _decode_slow(raw)
    except ValueError:
        assert expected == raw  # the middleware keeps a value it cannot decode
        return
    assert ours == expected
