"""The evidence rubric on a built site: badges linked to the rubric, second-hand sources, one claim on two cards.

The ``evidence`` fixture has a second-hand claim (``via``) written once with an id and
shown on a second card by ``ref``, a theory claim, an inferred one, and a probable
identification in its library; it is built with ``mkdocs build --strict``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Literal

from build_kb.graph.rdf import build_graph
from build_kb.graph.vocab import BKB, evidence_basis, evidence_level
from build_kb.pipeline import Loaded, load_project
from build_kb.render import SiteOptions, render_site
from tests.site.helpers import FIXTURES, Built, article, build_site, copy_project, snapshot

PROJECT = FIXTURES / "evidence"


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    result = load_project(PROJECT)
    assert result.diagnostics == []
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    before = snapshot(PROJECT)
    result = build_site(PROJECT, tmp_path_factory.mktemp("evidence") / "site")
    assert snapshot(PROJECT) == before
    assert not result.aborted, result.problems
    assert result.problems == []
    return result


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&amp;", "&")


def test_a_second_hand_source_reads_as_cited_in_and_cite_par(built: Built) -> None:
    page = article(built.both("concepts/connected-network"))
    english, french = page.by_lang["en"], page.by_lang["fr"]
    assert "Sources: (Macià & García, 2016, p. 3; Wells & Feun, 2013, p. 4, as cited in Crinon, 2021, p. 5)" in english
    assert "cité par Crinon, 2021, p. 5)" in french
    assert "as cited in" not in french and "cité par" not in english
    # Each work of the citation is a link to its reference page, the reporter's too.
    for key in ("macia2016informal", "wells2013online", "crinon2021reseaux"):
        assert f"../../references/{key}/" in page.hrefs("en")


def test_badges_name_level_and_basis_and_link_to_the_rubric(built: Built) -> None:
    html = built.both("concepts/connected-network")
    moderate = r'<span class="kb-evidence kb-evidence--moderate"[^>]*>(?:<span class="kb-marks"[^>]*>[^<]*</span> )?'
    linked = r'<a href="\.\./\.\./evidence/#en-level-moderate" class="kb-rubric" title="[^"]+">'
    assert re.search(linked + moderate + "Moderate evidence</span></a>", html)  # the badge is the link
    assert '<a href="../../evidence/#en-basis-survey"' in html and ">Survey or correlational</span>" in html
    assert '<a href="../../evidence/#fr-basis-survey"' in html and ">Enquête ou corrélation</span>" in html
    home = built.both("")  # {{ kb.evidence }} links its badges too
    assert '<a href="evidence/#en-level-strong" class="kb-rubric"' in home
    assert '<a href="evidence/#fr-level-theory" class="kb-rubric"' in home
    rubric = built.both("evidence")
    for anchor in ("en-level-moderate", "en-basis-survey", "fr-level-theory", "en-inferred", "en-levels"):
        assert f'id="{anchor}"' in rubric


def test_a_theory_claim_wears_the_theory_badge_alone(built: Built) -> None:
    html = built.both("concepts/connected-network")
    item = next(li for li in html.split("<li>") if "A connected network is an online community" in li)
    assert '<span class="kb-evidence kb-evidence--theory" title="a theoretical' in item  # what it means, on hover
    assert ">Theory or definition</span>" in item
    assert "#en-level-theory" in item
    assert "kb-basis" not in item  # the theory badge says it all


def test_every_badge_explains_its_level_and_the_overviews_counts_link_to_the_rubric(built: Built) -> None:
    html = built.page("en/concepts/connected-network")
    for level, meaning in (("moderate", "two or more survey"), ("theory", "a theoretical or definitional statement")):
        found = re.search(rf'<span class="kb-evidence kb-evidence--{level}" title="([^"]+)">', html)
        assert found and found.group(1).startswith(meaning), level  # a tooltip, theory's too
    counts = next(line for line in built.page("en/research").splitlines() if 'class="kb-level-counts"' in line)
    for level in ("moderate", "limited", "theory"):
        assert f'<a href="../evidence/#en-level-{level}" class="kb-rubric"' in counts, level


def test_an_inferred_claim_says_our_reading(built: Built) -> None:
    page = article(built.both("concepts/connected-network"))
    assert "our reading Members find support there." in page.by_lang["en"]
    assert "notre lecture Les membres y trouvent du soutien." in page.by_lang["fr"]
    assert page.by_lang["en"].count("our reading") == 1


def test_a_referred_claim_shows_on_both_cards_and_once_on_research(built: Built) -> None:
    statement = "Doing is not enough; one must analyse what one does."
    home = article(built.both("concepts/connected-network")).by_lang["en"]
    other_html = built.both("concepts/twictee")
    other = article(other_html).by_lang["en"]
    assert statement in home and statement in other
    assert "From the card: Connected network" in other
    assert "../connected-network/#en-research" in article(other_html).hrefs("en")
    assert "Also bears on: Twictée" in home
    assert "as cited in Crinon, 2021, p. 5" in other  # the same claim, sources and all
    research = article(built.both("research"))
    assert research.by_lang["en"].count(statement) == 1
    assert "Cards: Connected network, Twictée" in research.by_lang["en"]
    assert "Fiches : Réseau connecté, Twictée" in research.by_lang["fr"]
    assert "3 findings" in research.by_lang["en"]  # the ref is not a fourth
    assert "../evidence/#en-levels" in research.hrefs("en")  # the overview links to the rubric


def test_identification_on_the_reference_page_data_quality_and_csl_json(built: Built) -> None:
    reference = article(built.both("references/wells2013online"))
    assert (
        "Probable identification — this entry is probably, not surely, the work the source cites."
        in (reference.by_lang["en"])
    )
    assert "The paper gives authors and year only." in reference.by_lang["en"]
    assert "Identification probable" in reference.by_lang["fr"]
    quality = article(built.both("data-quality")).by_lang["en"]
    assert "Entries whose identification is not sure" in quality
    assert "Wells & Feun (2013) — Probable identification: this entry is probably" in _text(quality)
    items = json.loads((built.site / "references.json").read_text(encoding="utf-8"))
    notes = {item["id"]: item.get("note") for item in items}
    assert notes["wells2013online"] == "identification: probable; The paper gives authors and year only."
    assert notes["macia2016informal"] is None


def test_the_graph_export_carries_basis_via_and_the_cards_a_claim_bears_on(loaded: Loaded) -> None:
    graph = build_graph(loaded.kb, loaded.config.site_url)
    claims = {str(node): node for node in graph.subjects(BKB.basis, None)}
    first = claims["https://example.org/evidence/concepts/connected-network/#claim-1"]
    second = claims["https://example.org/evidence/concepts/connected-network/#claim-2"]
    third = claims["https://example.org/evidence/concepts/connected-network/#claim-3"]
    assert (first, BKB.basis, evidence_basis("survey")) in graph
    assert (first, BKB.evidence, evidence_level("moderate")) in graph
    via = list(graph.objects(first, BKB.via))
    assert [str(node) for node in via] == ["https://example.org/evidence/references/crinon2021reseaux/"]
    bears_on = [str(node) for node in graph.objects(first, BKB.bearsOn)]
    assert bears_on == ["https://example.org/evidence/concepts/twictee/"]
    assert (second, BKB.basis, evidence_basis("theory")) in graph
    assert list(graph.objects(second, BKB.evidence)) == []
    assert (third, BKB.inferred, Literal(True)) in graph
    assert len(claims) == 3  # the ref is no claim of its own


def test_the_cards_a_finding_bears_on_are_capped_like_every_list(tmp_path: Path) -> None:
    project = copy_project("evidence", tmp_path / "evidence")
    for name in ("alpha-net", "beta-net", "gamma-net"):
        text = (project / "concepts" / "twictee.yaml").read_text(encoding="utf-8").replace("twictee", name)
        (project / "concepts" / f"{name}.yaml").write_text(text.replace("Twictée", name.title()), encoding="utf-8")
    loaded = load_project(project)
    assert loaded.diagnostics == []
    rendered = render_site(loaded.kb, SiteOptions(languages=loaded.kb.languages, list_cap=2, language="en"))
    home = _text(rendered.pages["concepts/connected-network.md"].full())
    assert "Also bears on: Alpha-Net, Beta-Net, … and 2 more" in home  # four cards refer to it
    research = _text(rendered.pages["research/index.md"].full())
    assert "Cards: Connected network, Alpha-Net, … and 3 more" in research
