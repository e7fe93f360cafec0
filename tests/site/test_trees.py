"""The shipped site has one page tree per language: same pages, each tree in its language, links that work."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from tests.site.helpers import REPO, Built, build_site, copy_project

FRENCH_NAV = ("Accueil", "Thèmes", "Fiches A–Z", "Bibliographie", "Graphe", "Contribuer", "À propos")


class _Page(HTMLParser):
    """The links, ids, alternates and description of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}
        self.description = ""
        self.lang = ""
        self.inner_langs: set[str] = set()
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if "lang" in values and tag != "html":
            self.inner_langs.add(values["lang"])
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content", "")
        if tag == "link" and values.get("rel", "").split() == ["alternate"] and "hreflang" in values:
            assert values["hreflang"] not in self.alternates, values  # one alternate per language
            self.alternates[values["hreflang"]] = values["href"]
        elif tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.links.append(values["src"])


def _pages(site: Path) -> dict[str, _Page]:
    """Every HTML page of the site, by URL path from the root (``en/concepts/x/``)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parsed = _Page()
        parsed.feed(path.read_text(encoding="utf-8"))
        url = path.relative_to(site).as_posix()
        pages[url.removesuffix("index.html")] = parsed
    return pages


def _target(site: Path, url: str) -> Path:
    path = site / unquote(url)
    return path / "index.html" if url.endswith("/") or url == "" else path


def test_every_page_exists_in_both_trees(repo_site: Built) -> None:
    pages = _pages(repo_site.site)
    french = {url for url in pages if not url.startswith("en/") and url != "404.html"}
    english = {url.removeprefix("en/") for url in pages if url.startswith("en/")}
    assert french == english
    assert len(french) > 200  # cards, themes, lists, references, authors, hand-written pages
    for url in ("concepts/", "themes/", "research/", "design/", "references/", "authors/", "data-quality/", "graph/"):
        assert url in english, url
    assert {"", "about/", "contributing/", "graph-data/"} <= english


def test_no_broken_internal_link_or_anchor_in_either_tree(repo_site: Built) -> None:
    site = repo_site.site
    pages = _pages(site)
    broken = []
    for url, page in pages.items():
        if url == "404.html":  # Material's 404 page links from the site root, wherever it is served
            continue
        here = "http://site/" + url
        for link in page.links:
            target = urljoin(here, link)
            parts = urlsplit(target)
            if parts.netloc != "site":
                continue
            path = parts.path.removeprefix("/")
            if not _target(site, path).exists():
                broken.append(f"{url} -> {link}")
                continue
            if (parts.fragment and path.endswith("/")) or path == "":
                found = pages.get(path)
                if parts.fragment and found is not None and unquote(parts.fragment) not in found.ids:
                    broken.append(f"{url} -> {link} (no such anchor)")
    assert broken == []


def test_hreflang_alternates_and_the_sitemaps_lead_to_the_same_page_in_each_tree(repo_site: Built) -> None:
    site_url = "https://example.org/kb/"
    pages = _pages(repo_site.site)
    for url, page in pages.items():
        if url == "404.html":
            continue
        assert set(page.alternates) == {"fr", "en", "x-default"}, url
        french = url.removeprefix("en/")
        expected = {"fr": site_url + french, "en": site_url + "en/" + french, "x-default": site_url + french}
        assert page.alternates == expected, url  # full addresses of the same page, as search engines ask
        for href in page.alternates.values():
            assert _target(repo_site.site, href.removeprefix(site_url)).is_file(), href
        assert page.lang == ("en" if url.startswith("en/") else "fr"), url
    for folder in ("", "en/"):
        sitemap = (repo_site.site / folder / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
        assert locs and "hreflang" not in sitemap  # Material reads the sitemap; alternates slow it 3.5 times
        for loc in locs:
            assert loc.removeprefix(site_url).startswith("en/") == (folder == "en/"), loc
            assert _target(repo_site.site, loc.removeprefix(site_url)).is_file(), loc


def test_a_card_page_is_described_by_its_summary_in_its_language(repo_site: Built) -> None:
    card = yaml.safe_load((REPO / "concepts" / "community-of-practice.yaml").read_text(encoding="utf-8"))
    pages = _pages(repo_site.site)
    french, english = pages["concepts/community-of-practice/"], pages["en/concepts/community-of-practice/"]
    assert french.description == " ".join(card["summary"]["fr"].split())
    assert english.description == " ".join(card["summary"]["en"].split())
    home = pages["en/"]
    assert home.description.startswith("A knowledge base on teachers' professional development")


def test_each_tree_has_its_own_search_index_and_sitemap(repo_site: Built) -> None:
    site = repo_site.site
    french = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert french["config"]["lang"] == ["fr_fold"] and english["config"]["lang"] == ["en"]
    titles = {doc["location"]: doc["title"] for doc in english["docs"]}
    assert titles["concepts/community-of-practice/"] == "Community of practice"
    assert not any(doc["location"].startswith("en/") for doc in english["docs"] + french["docs"])
    french_titles = {doc["location"]: doc["title"] for doc in french["docs"]}
    assert french_titles["concepts/community-of-practice/"] == "Communauté de pratique"
    assert (site / "assets/javascripts/lunr/min/lunr.fr_fold.min.js").is_file()
    root_map = (site / "sitemap.xml").read_text(encoding="utf-8")
    english_map = (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    root_locations = re.findall(r"<loc>([^<]*)</loc>", root_map)
    assert "https://example.org/kb/concepts/community-of-practice/" in root_locations
    assert not any(loc.startswith("https://example.org/kb/en/") for loc in root_locations)
    locations = re.findall(r"<loc>([^<]*)</loc>", english_map)
    assert locations and all(loc.startswith("https://example.org/kb/en/") for loc in locations)


def test_data_downloads_stay_single_files_with_both_languages(repo_site: Built) -> None:
    site = repo_site.site
    for name in ("kb.ttl", "kb.jsonld", "graph.json"):
        assert (site / name).is_file() and not (site / "en" / name).exists()
    turtle = (site / "kb.ttl").read_text(encoding="utf-8")
    assert '"Communauté de pratique"@fr' in turtle and '"Community of practice"@en' in turtle


def test_each_tree_is_in_its_language(repo_site: Built) -> None:
    english = (repo_site.site / "en" / "concepts" / "community-of-practice" / "index.html").read_text(encoding="utf-8")
    navigation = english[english.index('<nav class="md-nav md-nav--primary"') :]
    navigation = navigation[: navigation.index("</nav>")]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', navigation)
    assert "Home" in labels and "Cards A–Z" in labels
    assert not set(FRENCH_NAV) & set(labels), labels
    assert 'placeholder="Search"' in english and "Table of contents" in english
    assert re.search(r"<h1[^>]*>Community of practice</h1>", english)
    french = (repo_site.site / "concepts" / "community-of-practice" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Rechercher"' in french and "Table des matières" in french


def test_the_shipped_hand_written_pages_are_wholly_in_their_tree_s_language(repo_site: Built) -> None:
    pages = _pages(repo_site.site)
    for url in ("", "about/", "contributing/", "evidence/", "graph-data/"):
        french, english = pages[url], pages["en/" + url]
        assert french.inner_langs == set() and english.inner_langs == set(), url  # no block in another language
    french, english = pages["graph-data/"], pages["en/graph-data/"]
    for tag in ("h2", "table", "pre", "li"):  # the French manual is the English one translated, section by section
        assert french.tags[tag] == english.tags[tag] > 0, tag


def test_a_hand_written_page_is_translated_by_its_suffix_and_otherwise_marked(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    docs = project / "docs"
    (docs / "guide.md").write_text("# Guide\n\nLe [graphe](kb.ttl) et [une fiche](concepts/index.md).\n", "utf-8")
    (docs / "guide.en.md").write_text(
        "# Guide (English)\n\nThe [graph](kb.ttl) and [a card](concepts/index.md).\n", "utf-8"
    )
    built = build_site(project, tmp_path / "site")
    assert not built.aborted and built.problems == [], built.problems
    french, english = built.page("guide"), built.page("en/guide")
    assert 'Le <a href="../kb.ttl">graphe</a>' in french and "kb-untranslated" not in french
    assert 'The <a href="../../kb.ttl">graph</a>' in english  # one kb.ttl, at the root
    assert '<a href="../concepts/">a card</a>' in english  # a page stays in the reader's tree
    assert not (built.site / "guide.en").exists()  # the translation is not a page of its own
    home = built.page("en/")  # index.md has no translation: the French text, marked
    assert 'class="kb-untranslated" lang="en"' in home and "not been translated into English" in home
    assert "kb-untranslated" not in built.page(".")


def test_a_third_language_gets_its_tree_and_material_s_words_where_it_has_them(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("  - build_kb\n", "  - build_kb:\n      languages: [fr, en, xx]\n")
        .replace("site_url: https://example.org/small/\n", ""),  # no site address: alternates relative
        encoding="utf-8",
    )
    (project / "locales").mkdir()  # its interface words: a catalog of its own (here build_kb's English one)
    english = resources.files("build_kb").joinpath("locales", "en.po").read_text(encoding="utf-8")
    (project / "locales" / "xx.po").write_text(english, encoding="utf-8")
    built = build_site(project, tmp_path / "site", strict=False)  # the cards have no "xx" text: warned
    assert not built.aborted and all("missing-translation" in problem for problem in built.problems)
    card = "concepts/community-of-practice"
    assert '<html lang="en"' in built.page(f"en/{card}")
    assert '<html lang="fr"' in built.page(f"xx/{card}")  # Material has no words in "xx": its configured language
    parsed = _Page()
    parsed.feed(built.page(f"xx/{card}"))
    here = f"http://site/xx/{card}/"
    resolved = {lang: urlsplit(urljoin(here, href)).path for lang, href in parsed.alternates.items()}
    assert resolved == {
        "fr": f"/{card}/",
        "en": f"/en/{card}/",
        "xx": f"/xx/{card}/",
        "x-default": f"/{card}/",
    }
    index = json.loads((built.site / "xx" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]  # no Lunr language "xx" in Material: Lunr's English


def test_heading_links_are_titled_in_each_tree_s_language(repo_site: Built) -> None:
    """The ``¶`` of every heading, generated or hand-written, says "permanent link" in its tree's language."""
    for path, title in (
        ("concepts/community-of-practice/index.html", "Lien permanent"),
        ("about/index.html", "Lien permanent"),
        ("en/concepts/community-of-practice/index.html", "Permanent link"),
        ("en/about/index.html", "Permanent link"),
    ):
        page = (repo_site.site / path).read_text(encoding="utf-8")
        links = re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)">', page)
        assert links and set(links) == {title}, path
