"""Real ``mkdocs build --strict`` of the small fixture: what each generated page shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, render_site
from build_kb.render.urls import link
from tests.scenario_runner import build_scenario
from tests.site.helpers import FIXTURES, Built, article, build_site, copy_project, edit_config, snapshot


def test_build_is_clean(small_site: Built) -> None:
    assert small_site.problems == []


def test_concept_page_shows_relations_grouped_with_inverse_labels(small_site: Built) -> None:
    page = article(small_site.both("concepts/community-of-practice"))
    en, fr = page.by_lang["en"], page.by_lang["fr"]
    assert "Related: Situated learning" in en  # written on situated-learning: related reads both ways
    assert "Narrower: Legitimate peripheral participation" in en  # derived from the other card's broader
    assert "Examples: Teacher network" in en  # inverse of teacher-network's example_of
    assert "Notions plus spécifiques : Participation périphérique légitime" in fr
    assert "../peripheral-participation/" in page.hrefs("en")


def test_typed_relations_read_both_ways(small_site: Built) -> None:
    situated = article(small_site.both("concepts/situated-learning")).by_lang["en"]
    assert "Built upon by: Legitimate peripheral participation" in situated
    assert "Used by: Reflective practice" in situated
    peripheral = article(small_site.both("concepts/peripheral-participation")).by_lang["en"]
    assert "Broader: Community of practice" in peripheral
    assert "Builds on: Situated learning" in peripheral
    # contrasts_with is symmetric: the target's page says the same.
    reflective = article(small_site.both("concepts/reflective-practice")).by_lang["en"]
    assert "Contrasts with: Teacher network" in reflective


def test_concept_page_has_its_tree_s_language_labels_kind_themes_and_aliases(small_site: Built) -> None:
    french, english = (
        small_site.page("concepts/community-of-practice"),
        small_site.page("en/concepts/community-of-practice"),
    )
    page = article(french + english)
    assert '<h1 id="fr-title">Communauté de pratique</h1>' in french and "Community of practice</h1>" not in french
    assert '<h1 id="en-title">Community of practice</h1>' in english
    assert "Kind: Concept · Themes: Networks Français: Communauté de pratique" in page.by_lang["en"]
    assert "Also known as: CoP" in page.by_lang["en"]
    assert "Autres appellations : communauté de métier" in page.by_lang["fr"]
    assert "<title>Communauté de pratique - Small KB</title>" in french
    assert "<title>Community of practice - Small KB</title>" in english


def test_claims_carry_evidence_badges_and_linked_sources(small_site: Built) -> None:
    html = small_site.both("concepts/community-of-practice")
    marks = '<span class="kb-marks" aria-hidden="true">●●●</span>'
    badge = '<span class="kb-evidence kb-evidence--strong" title="[^"]+">' + marks
    assert re.search(f"{badge} Strong evidence</span>", html)
    assert re.search(f"{badge} Preuves solides</span>", html)
    page = article(html)
    assert "Sources: (Lave & Wenger, 1991, p. 29; Wenger, 1998, p. 149)" in page.by_lang["en"]
    assert "What research says" in page.by_lang["en"] and "For training design" in page.by_lang["en"]
    others = {
        "peripheral-participation": "moderate",
        "situated-learning": "limited",
        "teacher-network": "mixed",
        "reflective-practice": "none-found",
    }
    for card, level in others.items():
        assert f"kb-evidence--{level}" in small_site.both(f"concepts/{card}")


def test_citations_link_to_reference_pages(small_site: Built) -> None:
    page = article(small_site.both("concepts/peripheral-participation"))
    en = page.by_lang["en"]
    assert "According to Lave & Wenger (1991), one learns by taking part (1991)." in en  # narrative, year only
    assert ("en", "../../references/lave1991situated/", "Lave & Wenger (1991)") in page.links
    definition = article(small_site.both("concepts/situated-learning")).by_lang["en"]
    assert "(Lave & Wenger, 1991, pp. 29–43)" in definition
    assert "(Lave & Wenger, 1991, pp. 29–43)" in article(small_site.both("concepts/situated-learning")).text


def test_card_lists_the_works_it_cites(small_site: Built) -> None:
    en = article(small_site.both("concepts/peripheral-participation")).by_lang["en"]
    assert "Lave, J., & Wenger, É. (1991). Situated Learning: Legitimate Peripheral Participation." in en
    assert "Wenger, É. (1998). Communities of Practice: Learning, Meaning, and Identity." in en


def test_edit_link_points_to_the_card_yaml(small_site: Built) -> None:
    page = article(small_site.both("concepts/community-of-practice"))
    edit = "https://git.example.org/team/small-kb/edit/main/concepts/community-of-practice.yaml"
    assert ("en", edit, "Edit this card") in page.links
    assert ("fr", edit, "Modifier cette fiche") in page.links


def test_theme_page_lists_its_cards_grouped_by_kind(small_site: Built) -> None:
    page = article(small_site.both("themes/learning"))
    en = page.by_lang["en"]
    assert en.index("How teachers learn.") < en.index("Cards in this theme") < en.index("Definition")
    section = en[en.index("Cards in this theme") : en.index("Definition")]  # the summary, then the cards
    assert "3 cards" in section
    assert section.index("Concepts") < section.index("Legitimate peripheral participation")
    assert section.index("Models") < section.index("Situated learning") < section.index("Methods")
    assert section.index("Methods") < section.index("Reflective practice")
    assert "Community of practice" not in section
    assert "Learning is taking part in a social practice." in section  # one-line summaries
    networks = article(small_site.both("themes/networks")).link_texts("en")
    assert {"Community of practice", "Legitimate peripheral participation", "Teacher network"} <= set(networks)


def test_az_index_lists_every_card_with_its_summary_in_each_language(small_site: Built) -> None:
    page = article(small_site.both("concepts"))
    en = page.link_texts("en")
    cards = [
        "Community of practice",
        "Learning",
        "Legitimate peripheral participation",
        "Networks",
        "Reflective practice",
        "Situated learning",
        "Teacher network",
    ]
    assert [text for text in en if text in cards] == cards
    fr = [text for text in page.link_texts("fr") if not text.startswith(("←", "Page"))]
    assert fr[:3] == ["Apprendre", "Apprentissage situé", "Communauté de pratique"]
    assert "A group that shares a practice and learns by sharing it." in page.by_lang["en"]
    assert "7 cards" in page.by_lang["en"]


def test_reference_page_formats_escapes_and_lists_citing_cards(small_site: Built) -> None:
    html = small_site.both("references/wenger1998communities")
    page = article(html)
    assert "Wenger, É. (1998). Communities of Practice: Learning, Meaning, and Identity. Cambridge" in page.text
    assert "https://doi.org/10.1017/CBO9780511803932" in page.hrefs()
    cited_by = page.by_lang["en"][page.by_lang["en"].index("Cited by") :]
    for card in ("Community of practice", "Legitimate peripheral participation"):
        assert card in cited_by
    assert "Situated learning" not in cited_by
    assert "@book{wenger1998communities," in page.text  # the BibTeX to copy
    crinon = article(small_site.both("references/crinon2021reseaux"))
    assert "https://example.org/crinon2021" in crinon.hrefs()


def test_bibliography_lists_every_reference_in_order(small_site: Built) -> None:
    text = article(small_site.both("references")).text
    order = ["Crinon, J. (2021)", "Lave, J., & Wenger, É. (1991)", "Schön, D. A. (1983)", "Wenger, É. (1998)"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)


def test_hand_written_page_wins_over_the_generated_one(small_site: Built) -> None:
    text = article(small_site.both("themes")).text
    assert "This page replaces the generated theme index." in text


def test_home_page_placeholders_and_citations(small_site: Built) -> None:
    html = small_site.both(".")
    assert '<p id="counts">Cards: 7; references: 4; themes: 2; models: 1.</p>' in html
    page = article(html)
    assert "As Wenger (1998) puts it, practice is learned (Lave & Wenger, 1991, p. 29)." in page.text
    assert ("fr", "references/wenger1998communities/", "Wenger (1998)") in page.links
    assert "{{ kb.not_a_placeholder }}" in page.text  # in a code span: shown as written
    assert ("en", "themes/learning/", "Learning") in page.links
    english = page.by_lang["en"]
    assert "Strong evidence: a systematic review, or three or more consistent experimental studies" in english
    assert "Theory or definition: a theoretical or definitional statement, not graded as evidence" in english


def primary_nav(html: str) -> str:
    """The primary navigation of a built page (Material renders it into every page)."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    return html[start : html.index("</nav>", start)]


def test_generated_pages_stay_out_of_the_navigation(small_site: Built) -> None:
    nav = primary_nav(small_site.both("."))
    assert "community-of-practice" not in nav and "wenger1998" not in nav


def nav_titles(html: str) -> list[str]:
    """The titles of the primary navigation's entries, in order."""
    spans = re.findall(r'<span class="md-ellipsis">(.*?)</span>', primary_nav(html), re.DOTALL)
    return [" ".join(title.split()) for title in spans]


def test_the_navigation_keeps_the_titles_its_setting_gives(small_site: Built, tmp_path: Path) -> None:
    assert nav_titles(small_site.both("."))[:5] == ["Home", "Themes", "Cards", "References", "Graph"]
    project = copy_project("small", tmp_path / "project")  # a generated card page listed in the nav, titled there
    graph = "  - Graph: graph/index.md"
    edit_config(project, graph, f"{graph}\n  - Key idea: concepts/community-of-practice.md")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    assert "Key idea" in nav_titles(built.page("concepts/community-of-practice"))


def test_each_tree_s_search_index_holds_its_labels_and_aliases(small_site: Built) -> None:
    for folder, lang, words in (
        ("", ["fr_fold"], ("Communauté de pratique", "communauté de métier")),
        ("en/", ["en"], ("Community of practice", "CoP")),
    ):
        index = json.loads((small_site.site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == lang
        text = " ".join(
            f"{doc['title']} {doc['text']}"
            for doc in index["docs"]
            if doc["location"].startswith("concepts/community-of-practice/")
        )
        for word in words:
            assert word in text


def test_assets_are_served_from_the_site_itself(small_site: Built) -> None:
    html = small_site.page("concepts/community-of-practice")
    assert 'href="../../assets/build_kb/kb.css"' in html
    assert 'src="../../assets/build_kb/kb.js"' in html
    english = small_site.page("en/concepts/community-of-practice")
    assert 'href="../../../assets/build_kb/kb.css"' in english  # one copy of the assets for both trees
    assert "fonts.googleapis" not in html + english and "https://cdn" not in html + english
    head = small_site.page(".")[: small_site.page(".").index("</head>")]
    assert 'localStorage.getItem("build_kb.lang")' in head  # the home page sends a reader to their language


def test_two_builds_give_identical_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = build_site(FIXTURES / "small", tmp_path / "one")
    second = build_site(FIXTURES / "small", tmp_path / "two")
    pages_one = {k: v for k, v in snapshot(first.site).items() if k.endswith((".html", ".json", ".css", ".js"))}
    pages_two = {k: v for k, v in snapshot(second.site).items() if k.endswith((".html", ".json", ".css", ".js"))}
    assert pages_one == pages_two


def test_relative_links_between_generated_pages() -> None:
    assert link("concepts/a.md", "references/b.md") == "../references/b.md"
    assert link("index.md", "concepts/index.md") == "concepts/index.md"
    assert link("themes/t/page/2.md", "themes/t.md") == "../../t.md"


def test_search_indexes_each_page_s_own_words_and_the_reader_gets_the_links_too(small_site: Built) -> None:
    index = json.loads((small_site.site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: f"{doc['title']} {doc['text']}" for doc in index["docs"]}
    card = " ".join(text for location, text in docs.items() if location.startswith("concepts/community-of-practice/"))
    assert "A group that shares a practice" in card  # the card's summary
    # Its lists of links to other pages (relations, references) are late: on the page, not in the index.
    assert "Legitimate peripheral participation" not in card and "Cambridge University Press" not in card
    page = article(small_site.both("concepts/community-of-practice"))
    assert "Legitimate peripheral participation" in page.link_texts("en")
    assert "kb-late-slot" not in small_site.both("concepts/community-of-practice")
    assert "Communauté" not in card  # the label in French is for the reader, not the English index
    reference = " ".join(text for location, text in docs.items() if location.startswith("references/wenger1998"))
    assert "Communities of Practice" in reference and "@misc" not in reference and "@book" not in reference
    lists = [location for location in docs if location.split("#")[0] in ("concepts/", "authors/")]
    assert lists == []  # list pages stay out: each item is found on its own page


def test_a_card_under_a_typed_relation_is_not_listed_again_as_related(tmp_path: Path) -> None:
    """alpha ``related: [gamma]`` and gamma ``uses: [alpha]`` (the related-also-typed scenario):
    alpha's page lists gamma under "Used by" only; gamma's, alpha under "Uses" only."""
    kb = load_project(build_scenario("related-also-typed", tmp_path / "project")).kb
    pages = render_site(kb, SiteOptions(languages=kb.languages, language="en")).pages
    alpha = pages["concepts/alpha.md"].full()
    relations = alpha[alpha.index('id="en-relations"') : alpha.index('id="en-references"')]
    assert "<strong>Used by</strong>: <a" in relations and relations.count(">Gamma</a>") == 1
    assert "<strong>Related</strong>: <a" in relations  # theme-one, related to alpha, stays
    gamma = pages["concepts/gamma.md"].full()
    assert "<strong>Uses</strong>: <a" in gamma and gamma.count(">Alpha</a>") == 1
    assert "<strong>Related</strong>" not in gamma
