"""Where each page sits in the language trees, and what each tree gets of its own (no MkDocs)."""

from __future__ import annotations

import json

from build_kb.trees import (
    language_part,
    read_translations,
    rebase_links,
    split_search_index,
    split_sitemap,
    translation_of,
    tree_nav,
    tree_of,
)

LANGUAGES = ("fr", "en")


def test_a_page_s_tree_and_translation_by_its_path() -> None:
    assert tree_of("concepts/x.md", LANGUAGES) == "fr"
    assert tree_of("en/concepts/x.md", LANGUAGES) == "en"
    assert tree_of("en.md", LANGUAGES) == "fr"  # a page named like a language is a page
    assert translation_of("about.en.md", LANGUAGES) == ("about.md", "en")
    assert translation_of("guide/setup.en.md", LANGUAGES) == ("guide/setup.md", "en")
    assert translation_of("about.fr.md", LANGUAGES) is None  # the default language is the plain name
    assert translation_of("about.de.md", LANGUAGES) is None  # not a site language: a page of its own


def test_a_tree_s_navigation_is_under_its_folder_with_its_titles() -> None:
    nav = [{"Accueil": "index.md"}, {"Bibliographie": [{"Auteurs": "authors/index.md"}]}, {"Site": "https://x.org/"}]
    texts, problems = read_translations({"en": {"nav": {"Accueil": "Home", "Auteurs": "Authors"}}}, LANGUAGES, "m.yml")
    assert problems == []
    assert tree_nav(nav, "en", LANGUAGES, texts["en"]) == [
        {"Home": "en/index.md"},
        {"Bibliographie": [{"Authors": "en/authors/index.md"}]},  # untranslated: as written
        {"Site": "https://x.org/"},
    ]
    assert tree_nav(nav, "fr", LANGUAGES, None) == nav


def test_bad_translations_are_reported() -> None:
    bad: list[object] = ["Home", {"de": {}}, {"en": {"nav": ["Home"]}}, {"en": {"title": "x"}}]
    for value in bad:
        texts, problems = read_translations(value, LANGUAGES, "mkdocs.yml")
        assert texts == {} and [p.code for p in problems] == ["config"], value


def test_a_bilingual_page_keeps_one_language_a_tree() -> None:
    page = (
        '<h1 class="kb-lang" lang="fr">Titre</h1>\n<h1 class="kb-lang" lang="en">Title</h1>\n\n'
        '<div class="kb-lang" lang="fr" markdown>\n\n<p class="kb-lang-label">Français</p>\n\nBonjour.\n\n</div>\n\n'
        '<div class="kb-lang" lang="en" markdown>\n\nHello.\n\n</div>\n\nBoth: `<div class="kb-lang" lang="fr">`.\n'
    )
    assert language_part(page, "fr") == '# Titre\n\nBonjour.\n\n\nBoth: `<div class="kb-lang" lang="fr">`.\n'
    assert "Hello." in language_part(page, "en") and "Bonjour" not in language_part(page, "en")


def test_links_of_a_page_in_another_tree() -> None:
    files = {"kb.ttl", "img/a.png", "concepts/x.md", "en/concepts/x.md", "en/about.md", "about.md"}
    text = "[t](kb.ttl) [c](concepts/x.md#fr-definition) [i](img/a.png) [w](https://w.org/kb.ttl) [a](#here)"
    moved = rebase_links(text, "en/about.md", "en/", files.__contains__, ("fr", "en"))
    assert (
        moved
        == "[t](../kb.ttl) [c](concepts/x.md#en-definition) [i](../img/a.png) [w](https://w.org/kb.ttl) [a](#here)"
    )
    assert rebase_links(text, "about.md", "", files.__contains__) == text


def test_search_index_and_sitemap_split_by_tree() -> None:
    index = {
        "config": {"lang": ["fr", "en"], "separator": "[\\s]+"},
        "docs": [
            {"location": "", "title": "Accueil", "text": ""},
            {"location": "concepts/x/", "title": "Fiche", "text": ""},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/concepts/x/#en-definition", "title": "Definition", "text": ""},
        ],
    }
    split = split_search_index(json.dumps(index), LANGUAGES, {"fr": ["fr_fold"], "en": ["en"]})
    french, english = json.loads(split[""]), json.loads(split["en/"])
    assert [d["location"] for d in french["docs"]] == ["", "concepts/x/"] and french["config"]["lang"] == ["fr_fold"]
    assert [d["location"] for d in english["docs"]] == ["", "concepts/x/#en-definition"]
    assert english["config"] == {"lang": ["en"], "separator": "[\\s]+"}
    sitemap = (
        '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url><loc>https://e.org/kb/concepts/x/</loc></url>\n<url><loc>https://e.org/kb/en/concepts/x/</loc></url>\n"
        "</urlset>\n"
    )
    maps = split_sitemap(sitemap, LANGUAGES, "https://e.org/kb/")
    assert "<loc>https://e.org/kb/en/concepts/x/</loc>" not in maps[""]
    assert "<loc>https://e.org/kb/en/concepts/x/</loc>" in maps["en/"]
    assert "<loc>https://e.org/kb/concepts/x/</loc>" in maps[""]
    for tree in maps.values():
        assert "hreflang" not in tree  # the alternates are in each page's head; Material parses this file
