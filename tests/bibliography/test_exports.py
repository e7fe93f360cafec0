"""references.json and references.bib: sorted, deterministic, faithful to what was written."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.bibliography import to_csl_json
from build_kb.bibliography.exports import (
    _json,
    bibtex_entries,
    reference_bibtex,
    reference_csl_json,
    references_bibtex,
    references_csl_json,
)
from build_kb.load.bibtex import parse_bibtex
from build_kb.model import Reference


def test_csl_json_is_the_sorted_library(library: dict[str, Reference]) -> None:
    text = references_csl_json(library)
    data = json.loads(text)
    assert [item["id"] for item in data] == sorted(library)
    assert data == [to_csl_json(library[key]) for key in sorted(library)]
    assert text.endswith("]\n") and text == references_csl_json(dict(reversed(list(library.items()))))
    assert json.loads(reference_csl_json(library["clot2000genres"])) == [to_csl_json(library["clot2000genres"])]


def test_bibtex_reads_back_as_the_same_library(library: dict[str, Reference]) -> None:
    text = references_bibtex(library)
    back, diagnostics = parse_bibtex(text, "references.bib")
    assert diagnostics == []
    assert [r.key for r in back] == sorted(library)
    for reference in back:
        original = library[reference.key]
        assert (reference.entry_type, reference.authors, reference.editors) == (
            original.entry_type,
            original.authors,
            original.editors,
        )
        assert dict(reference.fields) == dict(original.fields)
    assert text == references_bibtex(dict(reversed(list(library.items()))))


def test_bibtex_keeps_latex_and_normalises_layout(library: dict[str, Reference]) -> None:
    assert reference_bibtex(library["clot2000genres"]) == (
        "@article{clot2000genres,\n"
        '  author = {Clot, Yves and Fa{\\"\\i}ta, Daniel},\n'
        "  title = {Genres et styles en analyse du travail},\n"
        "  journal = {Travailler},\n"
        "  volume = {4},\n"
        "  number = {2},\n"
        "  pages = {7--42},\n"
        "  year = {2000},\n"
        "  month = mar,\n"
        "  doi = {https://doi.org/10.3917/trav.004.0007},\n"
        "  langid = {french}\n"
        "}\n"
    )


def test_bibtex_resolves_macros_it_cannot_keep(library: dict[str, Reference]) -> None:
    text = reference_bibtex(library["string2019macro"])
    assert "  journal = {Journal of Teacher Practice},\n" in text  # @string jtp, decoded.
    assert "  year = {2019},\n" in text and "  month = jan,\n" in text
    assert text.endswith('  note = {Quoted {"}value{"}}\n}\n')
    assert text.startswith("@article{string2019macro,\n  author = {Macro, Mary},\n")


def test_bibtex_concatenation_keeps_what_the_loader_read() -> None:
    text = '@article{cat, author = {Doe, Jane}, title = "Part one" # " and two", year = {2020}}'
    references, diagnostics = parse_bibtex(text, "x.bib")
    assert diagnostics == [] and references[0].title == "Part one and two"
    assert "  title = {Part one and two},\n" in reference_bibtex(references[0])  # A "#" is written as what it reads.
    back, _ = parse_bibtex(reference_bibtex(references[0]), "y.bib")
    assert back[0].fields == references[0].fields


def test_bibtex_entries_match_single_entries(library: dict[str, Reference]) -> None:
    entries = bibtex_entries(library)
    assert list(entries) == sorted(library)
    assert entries == {key: reference_bibtex(reference) for key, reference in sorted(library.items())}
    assert references_bibtex(library) == "\n".join(entries.values())


def _without_written(references: dict[str, Reference]) -> dict[str, Reference]:
    return {key: dataclasses.replace(reference, written=None) for key, reference in references.items()}


def test_values_kept_from_loading_match_a_parse_of_each_entry(
    library: dict[str, Reference], shipped: dict[str, Reference]
) -> None:
    # The loader keeps each value as written so that exports need no second parse; reading
    # them again from each entry's own text (what the exports did) must give the same bytes.
    for references in (library, shipped):
        assert all(reference.written is not None for reference in references.values())
        assert bibtex_entries(references) == bibtex_entries(_without_written(references))
    for key, reference in library.items():
        assert reference_bibtex(reference) == reference_bibtex(_without_written({key: reference})[key])


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # NaN and infinities included: those go to json.
        st.text(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers(0, 3)), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES)
def test_json_writer_gives_json_dumps_bytes(value: object) -> None:
    # references.json is written by build_kb's own indenting writer, for speed.
    assert _json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_csl_json_bytes_are_json_dumps_bytes(library: dict[str, Reference]) -> None:
    items = [to_csl_json(library[key]) for key in sorted(library)]
    assert references_csl_json(library) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
