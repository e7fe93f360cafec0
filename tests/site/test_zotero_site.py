"""A Better BibTeX export built into a site with real MkDocs: nothing private published, biblatex read right."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.site.helpers import FIXTURES, Built, build_site

PRIVATE = ("Zotero/storage", "/home/user", "Lu en mars 2024", "~/Documents/notes.md", "annotation =", "mynotes")
_TAG_RE = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def zotero_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_site(FIXTURES / "zotero", tmp_path_factory.mktemp("zotero") / "site")
    assert not built.aborted, built.problems
    assert built.problems == []
    return built


def _text(page: str) -> str:
    return html.unescape(_TAG_RE.sub("", page))


def test_no_private_field_anywhere_in_the_site(zotero_site: Built) -> None:
    files = [path for path in zotero_site.site.rglob("*") if path.is_file()]
    assert any(path.name == "references.bib" for path in files)
    assert sum(1 for path in files if path.suffix == ".bib") > 10  # each reference's own download too
    for path in files:
        data = path.read_bytes()
        for secret in PRIVATE:
            assert secret.encode() not in data, f"{secret!r} published in {path.relative_to(zotero_site.site)}"


def _both_trees(built: Built, page: Path) -> str:
    """A page of the French tree and its counterpart in the English one (``en/``), one after the other."""
    other = built.site / "en" / page.relative_to(built.site)
    return page.read_text(encoding="utf-8") + "\n" + other.read_text(encoding="utf-8")


def _reference_page(built: Built, key: str) -> str:
    pages = [p for p in (built.site / "references").glob("*/index.html") if f"[@{key}]" in p.read_text("utf-8")]
    assert len(pages) == 1, key
    return _text(_both_trees(built, pages[0]))


def _entries(built: Built, key: str) -> str:
    """The formatted entries (one per language tree) of a reference's page."""
    pages = [p for p in (built.site / "references").glob("*/index.html") if f"[@{key}]" in p.read_text("utf-8")]
    found = re.findall(r'<p class="kb-reference">(.*?)</p>', _both_trees(built, pages[0]), re.S)
    assert len(found) == 2
    return _text(" ".join(found))


def test_crossref_date_range_and_thesis_type_printed_right(zotero_site: Built) -> None:
    chapter = _reference_page(zotero_site, "nguyenPeerCoachingPreservice2019")
    assert (
        "Nguyen, L. (2019). Peer Coaching in Preservice Teacher Education. In Handbook of Teacher Education" in chapter
    )
    article = _reference_page(zotero_site, "leeTeacherCollaborationNetworks2021")
    assert "Lee, M.-J., & Park, M. (2021). Teacher Collaboration Networks in Lockdown." in article
    assert "2021-06/2021-07" not in _entries(zotero_site, "leeTeacherCollaborationNetworks2021")
    assert "https://arxiv.org/abs/2107.01234" in article and "arXiv:2107.01234 [cs.SI]" in article
    thesis = _reference_page(zotero_site, "durandApprentissageProfessionnelEnseignants2019")
    assert "[Thèse de doctorat, Université Lumière Lyon 2]" in thesis
    assert "[PhD thesis, Université Lumière Lyon 2]" in thesis
    assert "Phdthesis" not in thesis and "(Publication)" not in thesis
    report = _reference_page(zotero_site, "ministereRapportFormationContinue2017")
    assert "(rapport technique 2017-081)" in report and "Techreport" not in report


def _head(built: Built, key: str) -> str:
    pages = [p for p in (built.site / "references").glob("*/index.html") if f"[@{key}]" in p.read_text("utf-8")]
    page = pages[0].read_text(encoding="utf-8")
    return page[: page.index("</head>")]


def test_reference_pages_carry_highwire_meta_in_head_and_coins(zotero_site: Built) -> None:
    """What Zotero's connector and Google Scholar read: ``citation_*`` meta in <head>, COinS in the body."""
    head = _head(zotero_site, "durandApprentissageProfessionnelEnseignants2019")
    assert '<meta name="citation_title" content="L&#x27;apprentissage professionnel des enseignants débutants">' in head
    assert '<meta name="citation_author" content="Durand, Marie">' in head
    assert '<meta name="citation_publication_date" content="2019">' in head
    assert '<meta name="citation_dissertation_institution" content="Université Lumière Lyon 2">' in head
    chapter = _head(zotero_site, "nguyenPeerCoachingPreservice2019")
    assert '<meta name="citation_inbook_title" content="Handbook of Teacher Education">' in chapter
    assert (
        '<meta name="citation_firstpage" content="45">' in chapter
        and '<meta name="citation_lastpage" content="67">' in chapter
    )
    article = _head(zotero_site, "garciaVideoFeedbackTeacher2020")
    assert '<meta name="citation_doi" content="10.1177/0022487120000001">' in article
    assert '<meta name="citation_journal_title" content="Journal of Teacher Education">' in article
    assert head.count('name="citation_title"') == 1
    pages = [p for p in (zotero_site.site / "references").glob("*/index.html")]
    body = next(p for p in pages if "[@garciaVideoFeedbackTeacher2020]" in p.read_text("utf-8")).read_text("utf-8")
    assert 'class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal' in body
    assert "rft.atitle=Video+Feedback+in+Teacher+Coaching" in body and "rft_id=info%3Adoi%2F10.1177" in body
    index = (zotero_site.site / "index.html").read_text(encoding="utf-8")
    assert "citation_title" not in index  # only reference pages


def test_an_untitled_work_reads_as_what_it_is(zotero_site: Built) -> None:
    bibliography = _text(_both_trees(zotero_site, zotero_site.site / "references" / "index.html"))
    assert "Clot (2014), cité par Durand (2019) — œuvre non identifiée" in bibliography
    assert "Clot (2014), cited in Durand (2019) — work not identified" in bibliography
    assert "Clot. (2014)" not in bibliography


def test_an_orcid_given_in_the_library_is_shown_on_the_author_page(zotero_site: Built) -> None:
    page = (zotero_site.site / "authors" / "durand-marie" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://orcid.org/0000-0002-1825-0097">0000-0002-1825-0097</a>' in page


def test_ambiguous_names_are_listed_on_the_data_quality_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "zotero", project, ignore=shutil.ignore_patterns(".cache"))
    with (project / "references" / "zotero.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{durandAutre2015, author = {Durand, Paul}, title = {Autre}, date = {2015}}\n")
        bib.write("@misc{durandInconnu2016, author = {Durand}, title = {Inconnu}, date = {2016}}\n")
    built = build_site(project, tmp_path / "site", strict=False)
    assert not built.aborted
    quality = _text(_both_trees(built, built.site / "data-quality" / "index.html"))
    assert "Noms ambigus" in quality and "Ambiguous names" in quality
    assert "Durand — peut-être Durand, Marie, Durand, Paul — Durand (2016)" in quality
