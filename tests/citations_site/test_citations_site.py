"""Issue 4 on real ``mkdocs build`` output: every citation leads somewhere useful.

The ``library`` fixture: two Faïta works of 2018 (2018a/2018b), a particle name (van der
Berg), a corporate author, an entry declared incomplete, citations with and without
locators in every part of a card. The ``unsafe`` fixture: BibTeX text made to run.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from build_kb.bibliography import cache as format_cache
from build_kb.bibliography.engine import Engine
from build_kb.safety import SAFE_SCHEMES, link_scheme
from build_kb.store import CACHE_ENV
from tests.cache_tools import rows
from tests.site.helpers import Built, article, build_site, edit_config, snapshot

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"

CITED_BY = {
    "wenger1998communities": {"Community of practice — definition (p. 47) · research claim (p. 149)"},
    "faita2018genres": {"Professional genre — definition (p. 9) · research claim (p. 12)"},
    "faita2018dialogue": {"Professional genre — definition · research claim (p. 50)"},
    "vanderberg2020networks": {"Community of practice — research claim (p. 12)", "Networks — definition"},
    "baron2017ressources": {"Community of practice — training design"},
    "twictee": {"Networks — definition"},
    "clot2005travail": {"Activity — definition"},
}
"""What each reference page must list under "Cited by" (English), worked out by hand from the cards."""


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = FIXTURES / "library"
    before = snapshot(project)
    built = build_site(project, tmp_path_factory.mktemp("library") / "site")
    assert snapshot(project) == before, "the build wrote into the fixture project (a cache?)"
    assert not built.aborted, built.problems
    return built


@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = FIXTURES / "unsafe"
    before = snapshot(project)
    built = build_site(project, tmp_path_factory.mktemp("unsafe") / "site", strict=False)
    assert snapshot(project) == before
    return built


def _pages(built: Built, folder: str) -> list[str]:
    """The URL paths (``concepts/x/``) of the pages under ``folder``."""
    root = built.site / folder
    return sorted(p.parent.relative_to(built.site).as_posix() + "/" for p in root.rglob("index.html"))


def _resolve(page: str, href: str) -> str:
    """The site path an href on ``page`` (``concepts/x/``) points to, without fragment."""
    target = href.split("#")[0]
    return posixpath.normpath(posixpath.join(page, target)) + ("/" if target.endswith("/") else "")


def _anchors(page_html: str, css_class: str) -> list[tuple[str, str, str]]:
    """``(href, title, text)`` of every ``<a class="css_class">`` (attributes and text unescaped)."""
    pattern = re.compile(rf'<a class="{css_class}" href="([^"]*)" title="([^"]*)">(.*?)</a>', re.DOTALL)
    return [
        (html.unescape(h), html.unescape(t), html.unescape(re.sub(r"<[^>]+>", "", x)))
        for h, t, x in pattern.findall(page_html)
    ]


def _section(page_html: str, anchor: str) -> str:
    start = page_html.index(f'id="{anchor}"')
    end = page_html.find("<h2", start)
    return page_html[start : end if end != -1 else len(page_html)]


def _items(section_html: str) -> list[str]:
    items = re.findall(r"<li>(.*?)</li>", section_html, re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


def test_every_citation_links_to_an_existing_reference_page_with_its_reference_on_hover(library_site: Built) -> None:
    seen = set()
    for page in _pages(library_site, "concepts") + _pages(library_site, "themes"):
        text = library_site.both(page)
        for href, title, label in _anchors(text, "kb-cite"):
            target = _resolve(page, href)
            assert target.startswith("references/"), (page, href)
            reference_page = library_site.site / target / "index.html"
            assert reference_page.is_file(), (page, href)
            shown = article(reference_page.read_text(encoding="utf-8")).text
            assert title and title.split(" (")[0] in shown, (title, target)  # hover: the full entry
            assert label
            seen.add(target)
    assert len(seen) == 7  # every reference is cited somewhere


def test_each_reference_page_lists_exactly_the_cards_that_cite_it(library_site: Built) -> None:
    for key, expected in CITED_BY.items():
        page = library_site.both(f"references/{key}")
        assert set(_items(_section(page, "en-cited-by"))) == expected, key
        for href in re.findall(r'href="([^"]+)"', _section(page, "en-cited-by")):
            target = _resolve(f"references/{key}/", href)
            assert (library_site.site / target / "index.html").is_file(), href
            if "#" in href:
                anchor = href.split("#")[1]
                assert f'id="{anchor}"' in library_site.both(target), href
    french = _items(_section(library_site.both("references/wenger1998communities"), "fr-cited-by"))
    assert french == ["Communauté de pratique — définition (p. 47) · résultat de recherche (p. 149)"]


def test_reference_page_shows_entry_links_abstract_keywords_bibtex_and_downloads(library_site: Built) -> None:
    page = library_site.both("references/wenger1998communities")
    text = article(page)
    en = text.by_lang["en"]
    assert "Wenger, É. (1998). Communities of Practice: Learning, Meaning, and Identity." in en
    assert "https://doi.org/10.1017/CBO9780511803932" in text.hrefs("en")
    assert "A social theory of learning, in which learning is participation." in en
    assert "Keywords: communities of practice, identity, learning" in en
    assert "To cite it in a card: [@wenger1998communities]" in en
    assert ("en", "../../authors/wenger-etienne/", "Étienne Wenger") in text.links
    code = re.search(r"<pre[^>]*><code>(.*?)</code></pre>", page, re.DOTALL)
    assert code and html.unescape(code.group(1)).startswith(
        "@book{wenger1998communities,\n  author = {Wenger, {\\'E}tienne},"
    )
    downloads = {href: label for lang, href, label in text.links if lang == "en" and href.endswith((".bib", ".json"))}
    assert downloads == {  # one file for both trees, at the root: from /en/references/wenger.../
        "../../../references/wenger1998communities.bib": "BibTeX",
        "../../../references/wenger1998communities.json": "CSL-JSON",
    }
    bib = (library_site.site / "references" / "wenger1998communities.bib").read_text(encoding="utf-8")
    assert bib.startswith("@book{wenger1998communities,") and bib == html.unescape(code.group(1))
    csl = json.loads((library_site.site / "references" / "wenger1998communities.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in csl] == ["wenger1998communities"]
    for name in ("references.bib", "references.json"):
        assert (library_site.site / name).is_file()


def test_bibliography_is_sorted_by_author_and_year_and_links_the_downloads(library_site: Built) -> None:
    text = article(library_site.both("references"))
    en = text.by_lang["en"]
    order = [
        "Association Twictée. (n.d.)",
        "Baron, G.-L., & Zablot, S. (2017)",
        "Clot (2005) — work not identified",  # no title: read as what it is
        "Faïta, D. (2018a). Dialogue et activité",
        "Faïta, D. (2018b). Genres et styles",
        "van der Berg, A., & Faïta, D. (2020)",
        "Wenger, É. (1998)",
    ]
    positions = [en.index(entry) for entry in order]
    assert positions == sorted(positions)
    assert "Association Twictée. (s. d.)" in text.by_lang["fr"]  # the French block has French terms
    hrefs = text.hrefs("en")
    assert "../../references.bib" in hrefs and "../../references.json" in hrefs  # from /en/references/
    assert "../authors/" in hrefs and "../data-quality/" in hrefs
    for key in CITED_BY:  # each entry leads to its page
        assert f"{key}/" in hrefs, key


def test_year_suffixes_agree_between_citations_and_entries(library_site: Built) -> None:
    for href, _, label in _anchors(library_site.both("concepts/professional-genre"), "kb-cite"):
        suffix = {"../../references/faita2018dialogue/": "2018a", "../../references/faita2018genres/": "2018b"}[href]
        assert suffix in label, (href, label)
    for key, suffix in (("faita2018dialogue", "2018a"), ("faita2018genres", "2018b")):
        assert f"Faïta, D. ({suffix})." in article(library_site.both(f"references/{key}")).text
    entries = _items(library_site.both("authors/faita-daniel"))
    assert entries[0].startswith("Faïta, D. (2018a). Dialogue et activité")
    assert entries[1].startswith("Faïta, D. (2018b). Genres et styles")


def test_citations_in_hand_written_pages_follow_the_language_of_their_block(library_site: Built) -> None:
    text = article(library_site.both("."))
    assert "Voir Faïta (2018b) et le site de l'association (Association Twictée, s. d.)." in text.by_lang["fr"]
    assert "See Faïta (2018b) and the association's site (Association Twictée, n.d.)." in text.by_lang["en"]
    assert ("en", "references/faita2018genres/", "Faïta (2018b)") in text.links


def test_authors_sort_by_family_name_with_accents_and_particles(library_site: Built) -> None:
    text = article(library_site.both("authors"))
    names = [label for lang, _, label in text.links if lang == "en"]
    assert names == [
        "Association Twictée",
        "Baron, Georges-Louis",
        "Clot, Yves",
        "Faïta, Daniel",  # accents folded: between Clot and van der Berg
        "van der Berg, Anna",  # APA keeps the particle with the name: under V
        "Wenger, Étienne",
        "Zablot, Solene",
    ]
    assert ("en", "van-der-berg-anna/", "van der Berg, Anna") in text.links
    assert ("en", "faita-daniel/", "Faïta, Daniel") in text.links
    html_text = library_site.both("authors")
    assert (
        html_text.index('id="fr-letter-v"')
        < html_text.index("van-der-berg-anna/")
        < html_text.index('id="fr-letter-w"')
    )


def test_author_page_lists_works_coauthors_and_citing_cards(library_site: Built) -> None:
    page = article(library_site.both("authors/faita-daniel"))
    en = page.by_lang["en"]
    assert "3 works" in en
    assert ("en", "../van-der-berg-anna/", "van der Berg, Anna") in page.links
    cards = _items(_section(library_site.both("authors/faita-daniel"), "en-cards"))
    assert cards == ["Community of practice", "Networks", "Professional genre"]
    berg = library_site.both("authors/van-der-berg-anna")
    assert '<h1 id="author-title">Anna van der Berg</h1>' in berg
    assert ("en", "../faita-daniel/", "Faïta, Daniel") in article(berg).links
    assert "1 work" in article(berg).by_lang["en"]


def test_author_pages_match_the_rdf_author_iris(library_site: Built) -> None:
    turtle = (library_site.site / "kb.ttl").read_text(encoding="utf-8")
    iris = set(re.findall(r"<https://example\.org/citations/authors/([a-z0-9-]+)/>", turtle))
    assert iris == {p.removeprefix("authors/").rstrip("/") for p in _pages(library_site, "authors") if p != "authors/"}


def test_concept_page_lists_the_works_it_cites(library_site: Built) -> None:
    section = _section(library_site.both("concepts/community-of-practice"), "en-references")
    assert _items(section) == [
        "Baron, G.-L., & Zablot, S. (2017). De la constitution de ressources. "
        "Review of Science, Mathematics and ICT Education.",
        "van der Berg, A., & Faïta, D. (2020). Teacher Networks. Springer. https://example.org/networks",
        "Wenger, É. (1998). Communities of Practice: Learning, Meaning, and Identity. "
        "Cambridge University Press. https://doi.org/10.1017/CBO9780511803932",
    ]


def test_incomplete_entries_are_flagged_and_listed_on_the_data_quality_page(library_site: Built) -> None:
    clot = article(library_site.both("references/clot2005travail"))
    assert "Incomplete entry — missing: title, publisher (declared in the entry)" in clot.by_lang["en"]
    assert "Notice incomplète — il manque : title, publisher (déclaré dans la notice)" in clot.by_lang["fr"]
    assert "Incomplete entry" not in article(library_site.both("references/wenger1998communities")).text
    flag = 'title="missing: year (declared in the entry)">incomplete</span>'
    assert flag in html.unescape(library_site.both("references"))
    quality = library_site.both("data-quality")
    items = _items(_section(quality, "en-incomplete"))
    assert items == [
        "Association Twictée (n.d.) — missing: year (declared in the entry) — references/library.bib:44",
        "Clot (2005) — missing: title, publisher (declared in the entry) — references/library.bib:51",
    ]
    links = article(quality).links
    assert ("en", "../references/twictee/", "Association Twictée (n.d.)") in links
    assert ("en", "../references/clot2005travail/", "Clot (2005)") in links
    failures = _section(quality, "en-failures")
    assert "<em>None.</em>" in failures[: failures.index("</div>")]


def test_changing_the_csl_style_changes_citations_and_entries(tmp_path: Path, library_site: Built) -> None:
    project = copy_project_from(FIXTURES / "library", tmp_path / "chicago")
    edit_config(project, "  - build_kb\n", "  - build_kb:\n      csl_style: chicago-author-date\n")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    apa = [label for _, _, label in _anchors(library_site.both("concepts/community-of-practice"), "kb-cite")]
    chicago = [label for _, _, label in _anchors(built.both("concepts/community-of-practice"), "kb-cite")]
    assert "Wenger, 1998, p. 47" in apa and "Wenger 1998, 47" in chicago
    entry = article(built.both("references/wenger1998communities")).by_lang["en"]
    assert "Wenger, Étienne. 1998. Communities of Practice" in entry and "(1998)" not in entry
    names = [label for lang, _, label in article(built.both("authors")).links if lang == "en"]
    assert names.index("Baron, Georges-Louis") < names.index("Berg, Anna van der") < names.index("Clot, Yves")


def copy_project_from(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_the_disk_cache_goes_where_it_is_told_and_a_warm_build_calls_no_citeproc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    first = build_site(FIXTURES / "library", tmp_path / "one")
    assert not first.aborted and "citations" in {kind for kind, *_ in rows(cache)}
    monkeypatch.setattr(format_cache, "_SHARED", {})  # a new process: only the disk cache is left

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("citeproc called on a warm build")

    monkeypatch.setattr(Engine, "render_entries", refuse)
    monkeypatch.setattr(Engine, "render_cite", refuse)
    second = build_site(FIXTURES / "library", tmp_path / "two")
    assert not second.aborted, second.problems
    assert first.page("concepts/professional-genre") == second.page("concepts/professional-genre")


def test_bibtex_text_is_inert_everywhere_it_appears(unsafe_site: Built) -> None:
    pages = ["concepts/trap", "themes/theme", "references", "references/evil2020", "authors/evil-eve", "authors", "."]
    for path in pages:
        page = unsafe_site.both(path)
        body = page[page.index("<article") : page.index("</article>")]
        assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<b " not in body, path
        assert 'href="javascript' not in body.lower(), path
        for element in article(page).elements:
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (path, element)
                if name in ("href", "src"):
                    assert link_scheme(value) in (*SAFE_SCHEMES, None), (path, element)
    shown = article(unsafe_site.both("references/evil2020")).by_lang["en"]
    # As text, with the typographic quotes every entry gets (as pandoc prints them).
    assert "<script>alert(\u201cbibtitle\u201d)</script> and <img src=x onerror=alert(\u201cimg\u201d)> `tick`" in shown
    hover = [title for _, title, _ in _anchors(unsafe_site.both("concepts/trap"), "kb-cite")]
    assert any("<script>alert(\u201cbibtitle\u201d)</script>" in title for title in hover)  # as text, in an attribute
    for href in article(unsafe_site.both("references/evil2020")).hrefs():
        assert "javascript" not in href.lower()


def test_missing_fields_without_a_declaration_are_flagged_too(unsafe_site: Built) -> None:
    quality = _items(_section(unsafe_site.both("data-quality"), "en-incomplete"))
    assert quality == ["Evil (n.d.) — missing: year (not declared) — references/evil.bib:11"]


def test_a_rebuild_in_the_same_process_reuses_the_memory_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve`` makes a new plugin per rebuild: the formatted references outlive it, in memory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    first = build_site(FIXTURES / "library", tmp_path / "one")
    assert not first.aborted
    shutil.rmtree(cache)  # only the process's memory is left

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("citeproc called on a rebuild")

    monkeypatch.setattr(Engine, "render_entries", refuse)
    monkeypatch.setattr(Engine, "render_cite", refuse)
    second = build_site(FIXTURES / "library", tmp_path / "two")
    assert not second.aborted, second.problems
    assert first.page("references/faita2018genres") == second.page("references/faita2018genres")
