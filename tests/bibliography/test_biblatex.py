"""A Better BibTeX (biblatex) export as it comes: private fields, crossref/xdata, dates, types, eprints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_kb.bibliography import FormatCache, make_formatter
from build_kb.bibliography.biblatex import eprint_url, genre, localised_genre, prepare_library
from build_kb.bibliography.csl_json import csl_item, edtf_date, to_csl_json
from build_kb.bibliography.exports import bibtex_entries, references_bibtex, references_csl_json
from build_kb.config import ProjectConfig, apply_options
from build_kb.load.bibtex import parse_bibtex
from build_kb.model import Reference
from build_kb.pipeline import Loaded, load_project

HERE = Path(__file__).parent
PROJECT = HERE.parents[0] / "site" / "fixtures" / "zotero"
EXPECTED = HERE / "data" / "zotero"
PRIVATE_TEXT = ("Zotero/storage", "/home/user", "Lu en mars 2024", "~/Documents/notes.md", "annotation", "mynotes")


@pytest.fixture(scope="module")
def zotero() -> Loaded:
    loaded = load_project(PROJECT)
    assert loaded.diagnostics == []
    return loaded


def _library(text: str, private: tuple[str, ...] = ()) -> dict[str, Reference]:
    references, diagnostics = parse_bibtex(text, "x.bib")
    assert diagnostics == []
    prepared, problems = prepare_library({r.key: r for r in references}, private)
    assert problems == []
    return prepared


def test_private_fields_leave_every_published_form(zotero: Loaded) -> None:
    references = zotero.kb.references
    published = [references_bibtex(references), references_csl_json(references), *bibtex_entries(references).values()]
    published += [reference.raw for reference in references.values()]
    published += [
        json.dumps(dict(reference.fields)) + json.dumps(dict(reference.written or {}))
        for reference in references.values()
    ]
    for text in published:
        for secret in PRIVATE_TEXT:
            assert secret not in text
    # What is not private stays, as written.
    thesis = bibtex_entries(references)["durandApprentissageProfessionnelEnseignants2019"]
    assert "institution = {{Université Lumière Lyon 2}}" in thesis
    assert "urldate = {2024-03-05}" in thesis


def test_raw_text_keeps_the_other_fields() -> None:
    text = "@misc{a,\n  title = {T},\n  file = {/home/u/a.pdf},\n  year = {2020},\n  mynotes = {x}\n}\n"
    reference = _library(text, ("MyNotes",))["a"]
    assert reference.raw == "@misc{a,\n  title = {T},\n  year = {2020},\n}"
    assert dict(reference.fields) == {"title": "T", "year": "2020"}


def test_private_fields_setting_is_checked(tmp_path: Path) -> None:
    config, problems = apply_options(ProjectConfig(root=tmp_path), {"private_fields": ["MyNotes", "shelf"]}, "m.yml")
    assert problems == [] and config.private_fields == ("mynotes", "shelf")
    _, problems = apply_options(ProjectConfig(root=tmp_path), {"private_fields": "mynotes"}, "m.yml")
    assert [p.code for p in problems] == ["config"]


def test_crossref_inbook_from_book(zotero: Loaded) -> None:
    child = zotero.kb.references["nguyenPeerCoachingPreservice2019"]
    assert child.fields["booktitle"] == "Handbook of Teacher Education"  # title -> booktitle
    assert child.fields["bookauthor"] == "Anne Smith and Robert Jones"  # author -> bookauthor
    assert child.fields["title"] == "Peer Coaching in Preservice Teacher Education"  # its own wins
    assert child.fields["publisher"] == "Routledge" and child.year == "2019"
    assert [p.last for p in child.authors] == ["Nguyen"]
    assert "isbn" in child.fields and "crossref" in child.fields


def test_crossref_inproceedings_from_proceedings(zotero: Loaded) -> None:
    item = csl_item(zotero.kb.references["okaforLessonStudyTeacher2020"])
    assert item["container-title"] == "Proceedings of the 12th International Conference on Teacher Education"
    assert item["editor"] == [{"family": "Okafor", "given": "Chidi"}]
    assert item["issued"] == {"date-parts": [[2020]]} and item["publisher"] == "ICTE Press"


def test_mvbook_titles_become_maintitle_and_fields_biber_never_inherits() -> None:
    text = (
        "@mvbook{mv, title = {Collected Works}, shorthand = {CW}, year = {1990}, publisher = {P}}\n"
        "@book{vol, title = {Volume One}, crossref = {mv}, volume = {1}}\n"
    )
    child = _library(text)["vol"]
    assert child.fields["maintitle"] == "Collected Works" and child.fields["title"] == "Volume One"
    assert "shorthand" not in child.fields and child.fields["year"] == "1990"


def test_xdata_is_merged_and_leaves_the_library(zotero: Loaded) -> None:
    assert "jtedata" not in zotero.kb.references
    item = csl_item(zotero.kb.references["garciaVideoFeedbackTeacher2020"])
    assert item["container-title"] == "Journal of Teacher Education" and item["ISSN"] == "0022-4871"


def test_unknown_parent_is_reported() -> None:
    references, _ = parse_bibtex("@inbook{c, author = {A, B}, title = {T}, crossref = {nowhere}}", "x.bib")
    prepared, problems = prepare_library({r.key: r for r in references})
    assert [p.code for p in problems] == ["unknown-crossref"] and "c" in prepared


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-06/2021-07", {"date-parts": [[2021, 6], [2021, 7]]}),
        ("2019/2021", {"date-parts": [[2019], [2021]]}),
        ("2021-06-15", {"date-parts": [[2021, 6, 15]]}),
        ("2021/..", {"date-parts": [[2021]]}),
        ("1850~", {"date-parts": [[1850]], "circa": True}),
        ("June 2021", None),
    ],
)
def test_edtf_dates(value: str, expected: object) -> None:
    assert edtf_date(value) == expected


def test_date_range_and_urldate(zotero: Loaded) -> None:
    lee = csl_item(zotero.kb.references["leeTeacherCollaborationNetworks2021"])
    assert lee["issued"] == {"date-parts": [[2021, 6], [2021, 7]]}
    thesis = csl_item(zotero.kb.references["durandApprentissageProfessionnelEnseignants2019"])
    assert thesis["accessed"] == {"date-parts": [[2024, 3, 5]]}


@pytest.mark.parametrize(
    ("entry_type", "type_field", "csl_type", "english", "french"),
    [
        ("thesis", "phdthesis", "thesis", "PhD thesis", "thèse de doctorat"),
        ("phdthesis", "", "thesis", "PhD thesis", "thèse de doctorat"),
        ("mastersthesis", "", "thesis", "Master’s thesis", "mémoire de master"),
        ("thesis", "mathesis", "thesis", "Master’s thesis", "mémoire de master"),
        ("report", "techreport", "report", "technical report", "rapport technique"),
        ("techreport", "", "report", "technical report", "rapport technique"),
        ("thesis", "Mémoire de master 2", "thesis", "Mémoire de master 2", "Mémoire de master 2"),
    ],
)
def test_types_and_genres(entry_type: str, type_field: str, csl_type: str, english: str, french: str) -> None:
    fields = f"type = {{{type_field}}}, " if type_field else ""
    reference = _library(f"@{entry_type}{{k, {fields}author = {{A, B}}, title = {{T}}, year = {{2000}}}}")["k"]
    item = to_csl_json(reference)
    assert item["type"] == csl_type and item["genre"] == english == genre(entry_type, reference.fields)
    assert localised_genre(english, "fr-FR") == french and localised_genre(english, "en-US") == english


@pytest.mark.parametrize(
    ("fields", "url"),
    [
        ({"eprint": "2107.01234", "eprinttype": "arXiv"}, "https://arxiv.org/abs/2107.01234"),
        (
            {"eprint": "2107.01234", "archiveprefix": "arXiv", "primaryclass": "cs.SI"},
            "https://arxiv.org/abs/2107.01234",
        ),
        ({"eprint": "2107.01234"}, "https://arxiv.org/abs/2107.01234"),
        ({"eprint": "12345678", "eprinttype": "pubmed"}, "https://pubmed.ncbi.nlm.nih.gov/12345678/"),
        ({"eprint": "hal-01800001", "eprinttype": "HAL"}, "https://hal.science/hal-01800001"),
        ({"eprint": "1234567", "eprinttype": "jstor"}, "https://www.jstor.org/stable/1234567"),
        ({"eprint": "x", "eprinttype": "unknown-archive"}, None),
        ({"eprint": "javascript:alert(1)", "eprinttype": "arxiv"}, None),
    ],
)
def test_eprint_links(fields: dict[str, str], url: str | None) -> None:
    assert eprint_url(fields) == url


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_formatted_export_as_expected(zotero: Loaded, lang: str) -> None:
    """The whole export formatted in APA: crossref resolved, one date for a range, thesis and report types."""
    formatter, problems = make_formatter(zotero.kb.references, zotero.config, lang=lang, cache=FormatCache())
    assert formatter is not None and problems == []
    lines = [f"{key}\t{formatter.reference_text(key)}" for key in formatter.bibliography_keys()]
    assert lines == (EXPECTED / f"apa-{lang}.tsv").read_text(encoding="utf-8").splitlines()
