"""A Reference as CSL-JSON: names, dates, types, identifiers, key order."""

from __future__ import annotations

import json

import pytest

from build_kb.bibliography.csl_json import bare_doi, csl_language, csl_type, edtf_date, page_range, to_csl_json
from build_kb.bibliography.disambiguation import suffix_letters
from build_kb.model import Reference


def test_book_with_accents(library: dict[str, Reference]) -> None:
    assert to_csl_json(library["wenger1998communities"]) == {
        "id": "wenger1998communities",
        "type": "book",
        "author": [{"family": "Wenger", "given": "Étienne"}],
        "issued": {"date-parts": [[1998]]},
        "title": "Communities of practice: Learning, meaning, and identity",
        "publisher": "Cambridge University Press",
        "publisher-place": "Cambridge",
        "DOI": "10.1017/CBO9780511803932",
        "language": "en-US",
    }


def test_article_month_pages_and_doi_prefix(library: dict[str, Reference]) -> None:
    item = to_csl_json(library["clot2000genres"])
    assert item["author"] == [{"family": "Clot", "given": "Yves"}, {"family": "Faïta", "given": "Daniel"}]
    assert item["type"] == "article-journal"
    assert item["issued"] == {"date-parts": [[2000, 3]]}
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == ("Travailler", "4", "2", "7-42")
    assert item["DOI"] == "10.3917/trav.004.0007"


def test_chapter_editors_with_particle(library: dict[str, Reference]) -> None:
    item = to_csl_json(library["clot2005dispute"])
    assert item["type"] == "chapter"
    assert item["editor"] == [
        {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
        {"family": "Dupont", "given": "Jean"},
    ]
    assert item["container-title"] == "Travail et formation"
    assert (item["publisher"], item["publisher-place"], item["page"]) == ("Octarès", "Toulouse", "12-25")


def test_corporate_author_is_a_literal(library: dict[str, Reference]) -> None:
    item = to_csl_json(library["twictee2021site"])
    assert item["author"] == [{"literal": "Association Twictée"}]
    assert item["URL"] == "https://www.twictee.org/"
    assert item["accessed"] == {"date-parts": [[2021, 5, 3]]}
    assert "issued" not in item


def test_unsafe_url_is_dropped(library: dict[str, Reference]) -> None:
    item = to_csl_json(library["evil2020script"])
    assert "URL" not in item
    assert item["title"] == "Hello <script>alert(1)</script> & <b>bold</b> world"  # Data; escaped on output.


def test_incomplete_entries_keep_what_they_have(library: dict[str, Reference]) -> None:
    assert to_csl_json(library["huberman1989vie"]) == {
        "id": "huberman1989vie",
        "type": "document",
        "author": [{"family": "Huberman"}],
        "issued": {"date-parts": [[1989]]},
    }
    assert to_csl_json(library["notitle2001"]) == {
        "id": "notitle2001",
        "type": "document",
        "issued": {"date-parts": [[2001]]},
    }


def test_key_order_is_fixed(library: dict[str, Reference]) -> None:
    for reference in library.values():
        item = to_csl_json(reference)
        assert list(item)[:2] == ["id", "type"]
        assert json.dumps(item) == json.dumps(to_csl_json(reference))


@pytest.mark.parametrize(
    ("entry_type", "expected"),
    [
        ("article", "article-journal"),
        ("Book", "book"),
        ("incollection", "chapter"),
        ("inproceedings", "paper-conference"),
        ("phdthesis", "thesis"),
        ("techreport", "report"),
        ("online", "webpage"),
        ("misc", "document"),
        ("whatever", "document"),
    ],
)
def test_types(entry_type: str, expected: str) -> None:
    assert csl_type(entry_type) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("french", "fr-FR"),
        ("English", "en-US"),
        ("ngerman", "de-DE"),
        ("fr", "fr"),
        ("en-GB", "en-GB"),
        ("klingon", "klingon"),
    ],
)
def test_languages(value: str, expected: str) -> None:
    assert csl_language(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("12--15", "12-15"), ("12 – 15", "12-15"), ("e-301", "e-301"), ("7", "7")]
)
def test_page_ranges(value: str, expected: str) -> None:
    assert page_range(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://doi.org/10.1/x", "10.1/x"),
        ("doi:10.1/x", "10.1/x"),
        ("10.1/x", "10.1/x"),
        ("https://dx.doi.org/10.1/x", "10.1/x"),
    ],
)
def test_bare_doi(value: str, expected: str) -> None:
    assert bare_doi(value) == expected


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"), (52, "ba")]
)
def test_suffix_letters(index: int, letters: str) -> None:
    assert suffix_letters(index) == letters


def test_zotero_dates_with_a_time_and_biblatex_language_names() -> None:
    """Better BibTeX exports of the real-world corpus: ``date = {2013-10-30T11:20:51-07:00}``
    printed raw; ``langid = {nswissgerman}`` and ``{chinese-traditional}`` were no language."""
    assert edtf_date("2013-10-30T11:20:51-07:00") == {"date-parts": [[2013, 10, 30]]}
    assert edtf_date("2016-01-01T00:00:00") == {"date-parts": [[2016, 1, 1]]}
    assert csl_language("nswissgerman") == "de-CH"
    assert csl_language("chinese-traditional") == "zh-TW"


def test_urls_are_verbatim_and_spaces_collapse() -> None:
    """Better BibTeX exports of the real-world corpus: "&" in a CNKI URL was read as a LaTeX table
    column (three spaces, a broken link); a double space in a Zotero title printed as written."""
    from build_kb.load.bibtex import parse_bibtex

    references, problems = parse_bibtex(
        "@online{u, title = {FAIR  Data}, url = {https://kns.cnki.net/detail.aspx?dbcode=CJFD&dbname=X}}", "x.bib"
    )
    assert problems == []
    item = to_csl_json(references[0])
    assert item["URL"] == "https://kns.cnki.net/detail.aspx?dbcode=CJFD&dbname=X"
    assert item["title"] == "FAIR Data"


def test_biblatex_extended_name_format() -> None:
    """Better BibTeX writes a particle this way (real-world corpus, ``roorda2014``)."""
    from build_kb.load.bibtex import parse_bibtex

    text = "@article{r, author = {Roorda, Dirk and family=Heuvel, given=Charles, prefix=van den, useprefix=false}}"
    references, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    heuvel = to_csl_json(references[0])["author"][1]
    assert (heuvel["family"], heuvel["given"], heuvel["non-dropping-particle"]) == ("Heuvel", "Charles", "van den")
