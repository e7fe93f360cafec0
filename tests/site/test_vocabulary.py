"""A project with its own vocabulary: its pages, schema and kb.ttl use it, and nothing of the default one.

The fixture ``other-field`` (hedgerow ecology, languages en, fr and de) declares its own kinds,
evidence levels, relation types and one card section, and no training-design section; German,
a language build_kb ships no catalog for, comes with the project's own (``locales/de.po``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from build_kb.cli import run_new, run_schema
from build_kb.pipeline import load_project
from tests.scenario_runner import build_scenario
from tests.site.helpers import Built, article, build_site, copy_project, edit_config

DEFAULT_WORDS = (
    "For training design",
    "Pour concevoir une formation",
    "training design",
    "Strong evidence",
    "Preuves solides",
    "Limited evidence",
    "Contrasts with",
    "S'oppose à",
    "Méthode ou dispositif",
    "Research finding",
    "Fortbildung",  # the German catalog's words for the default section ("Für die Gestaltung von Fortbildungen")
)
"""Labels of the default vocabulary: none may appear in the other field's site."""


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    project = copy_project("other-field", tmp_path_factory.mktemp("other") / "project")
    built = build_site(project, project.parent / "site")
    assert not built.aborted, built.problems
    assert built.problems == []
    return project, built


def test_check_passes_with_levels_the_rubric_does_not_know(other: tuple[Path, Built]) -> None:
    """red-fox grades a qualitative claim on one work 'replicated': custom levels have no ceilings."""
    loaded = load_project(other[0])
    assert loaded.diagnostics == []
    claim = loaded.kb.cards["red-fox"].claims[0]
    assert (claim.basis, claim.evidence, len(claim.sources)) == ("qualitative", "replicated", 1)
    assert not loaded.kb.vocabulary.graded_rubric


def test_card_page_headings_kind_badges_and_relations(other: tuple[Path, Built]) -> None:
    site = other[1]
    en = site.page("concepts/red-fox")
    fr = site.page("fr/concepts/red-fox")
    assert '<h2 id="en-field_notes">Field notes' in en
    assert '<h2 id="fr-field_notes">Notes de terrain' in fr
    text_en, text_fr = article(en).text, article(fr).text
    assert "Species" in text_en and "Espèce" in text_fr
    assert "++ Replicated" in " ".join(text_en.split()) and "Répliqué" in text_fr
    relations_en = en.split('id="en-relations"')[1].split("<h2")[0]
    assert "Competes with" in relations_en
    assert "Lives in" not in relations_en  # shown: false: in the graph and the data, not on the page
    assert "Preys on" not in relations_en  # section: true: a section of its own
    preys = en.split('<h2 id="en-rel-preys_on">Preys on')[1].split("<h2")[0]
    assert ">Field vole</a>" in preys
    vole = site.page("concepts/field-vole")
    assert ">Red fox</a>" in vole.split('<h2 id="en-rel-preys_on-inverse">Prey of')[1].split("<h2")[0]
    assert 'id="en-relations"' not in vole  # its other link, lives_in, is not shown: no "Related cards" at all
    badger = site.page("concepts/badger").split('id="en-relations"')[1].split("<h2")[0]
    assert "Competes with" in badger  # symmetric: the same label both ways
    assert "Wider topic" in badger


def test_lists_and_home_page_use_the_project_kinds(other: tuple[Path, Built]) -> None:
    site = other[1]
    theme = article(site.page("themes/predators-and-prey")).text  # its cards, grouped by kind
    assert "Ecological processes" in theme and "Habitats" in theme and "Species" in theme
    home = site.page("")
    assert "species: 3; habitats: 1" in home
    assert "seen by two teams or more" in home  # {{ kb.evidence }}: the project's rubric text
    assert not (site.site / "design").exists()  # no section with an overview page


def test_german_tree_speaks_the_project_catalog_and_labels(other: tuple[Path, Built]) -> None:
    """de: its interface words from the project's catalog, its vocabulary from the settings, Material's German."""
    site = other[1]
    assert (site.site / "de").is_dir()
    fox = site.page("de/concepts/red-fox")
    assert '<html lang="de"' in fox and 'placeholder="Suche"' in fox
    assert 'title="Permanenter Link"' in fox and 'title="Permanent link"' not in fox  # the catalog's, for every ¶
    text = " ".join(article(fox).text.split())
    for word in ("Begriffsbestimmung", "Was die Forschung sagt", "Verwandte Karten", "Literatur", "Quellen:"):
        assert word in text  # locales/de.po
    for english in ("Definition", "What research says", "Related cards", "Sources:"):
        assert english not in text
    assert "Art: Tierart" in text and "++ Repliziert" in text  # the catalog's "Kind", the project's label
    assert '<h2 id="de-field_notes">Feldnotizen' in fox
    relations = fox.split('id="de-relations"')[1].split("<h2")[0]
    assert "Konkurriert mit" in relations and "Lebt in" not in relations and "Erbeutet" not in relations
    assert ">Erdmaus</a>" in fox.split('<h2 id="de-rel-preys_on">Erbeutet')[1].split("<h2")[0]
    vole = site.page("de/concepts/field-vole")
    assert ">Rotfuchs</a>" in vole.split('<h2 id="de-rel-preys_on-inverse">Beute von')[1].split("<h2")[0]
    assert "+ Einzelstudie" in " ".join(article(vole).text.split())
    # What a claim rests on: the catalog's words too, not the package's English.
    assert "Befragung oder Korrelationsstudie" in " ".join(article(vole).text.split())
    assert "Qualitativ" in " ".join(article(fox).text.split())
    for page in (vole, fox):
        assert "Survey or correlational" not in page and ">Qualitative<" not in page
    badger = site.page("de/concepts/badger").split('id="de-relations"')[1].split("<h2")[0]
    assert "Übergeordnetes Thema" in badger and "Wider topic" not in badger
    theme = article(site.page("de/themes/predators-and-prey")).text
    for plural in ("Tierarten", "Lebensräume", "Ökologische Prozesse", "Karten dieses Themas"):
        assert plural in theme
    assert "Species" not in theme and "Habitats" not in theme
    home = site.page("de")
    assert "<title>Startseite - Heckenökologie</title>" in home  # the translations entry for de
    assert "Tierarten: 3; Lebensräume: 1" in home  # docs/index.de.md
    assert "von mindestens zwei Teams beobachtet" in home and "seen by two teams" not in home
    assert '<html lang="de"' in home and 'placeholder="Suche"' in home
    assert "Theory or definition" not in home and "Theorie oder Definition" in home
    assert ">\n              Deutsch\n" in site.page("") and ">\n              Deutsch\n" in home  # the selector


def test_nothing_of_the_default_vocabulary_leaks(other: tuple[Path, Built]) -> None:
    site = other[1]
    files = [p for p in site.site.rglob("*") if p.suffix in (".html", ".json", ".ttl", ".jsonld")]
    assert len(files) > 20
    assert len([p for p in files if p.is_relative_to(site.site / "de")]) > 10  # the German tree is read too
    for path in files:
        text = path.read_text(encoding="utf-8")
        for words in DEFAULT_WORDS:
            assert words not in text, (path, words)


def test_published_schema_follows_the_vocabulary(other: tuple[Path, Built]) -> None:
    schema = json.loads((other[1].site / "schema" / "concept.schema.json").read_text(encoding="utf-8"))
    properties = schema["properties"]
    assert properties["kind"]["enum"] == ["theme", "species", "habitat", "process"]
    assert list(properties["relations"]["properties"]) == ["broader", "preys_on", "lives_in", "competes_with"]
    evidence = schema["$defs"]["claimBody"]["properties"]["evidence"]
    assert evidence["enum"] == ["replicated", "single-study", "anecdotal"]
    assert "field_notes" in properties and "implications" not in properties
    assert list(properties).index("field_notes") == list(properties).index("claims") + 1


def test_kb_ttl_declares_the_project_terms(other: tuple[Path, Built]) -> None:
    ttl = (other[1].site / "kb.ttl").read_text(encoding="utf-8")
    for term in (
        "bkb:Species a owl:Class",
        "bkb:preysOn a owl:ObjectProperty",
        "bkb:fieldNotes a owl:DatatypeProperty",
    ):
        assert term in ttl
    assert "bkb:evidence-replicated a bkb:EvidenceLevel" in ttl
    assert '"Field notes"@en' in ttl and '"Notes de terrain"@fr' in ttl
    for german in ("Tierart", "Lebensraum", "Ökologischer Prozess", "Repliziert", "Einzelstudie", "Anekdotisch"):
        assert f'"{german}"@de' in ttl  # the project's German labels of its kinds and levels
    for german in ("Erbeutet", "Lebt in", "Konkurriert mit", "Feldnotizen", "Rotfuchs"):
        assert f'"{german}"@de' in ttl  # of its relation types, its section, its cards
    assert "bkb:livesIn <https://example.org/hedgerows/concepts/hedgerow/>" in ttl
    for term in ("bkb:implications", "bkb:Method", "evidence-strong", "contrastsWith", "training"):
        assert term not in ttl


def test_schema_command_and_new_card_follow_the_vocabulary(other: tuple[Path, Built], tmp_path: Path) -> None:
    project = copy_project("other-field", tmp_path / "project")
    out, err = io.StringIO(), io.StringIO()
    assert run_schema(project, None, out, err) == 0, err.getvalue()
    written = (project / "schema" / "concept.schema.json").read_text(encoding="utf-8")
    assert written == (other[1].site / "schema" / "concept.schema.json").read_text(encoding="utf-8")
    assert run_new(project, "dormouse", None, ["predators-and-prey"], out, err) == 0, err.getvalue()
    card = (project / "concepts" / "dormouse.yaml").read_text(encoding="utf-8")
    assert "\nkind: species\n" in card  # no --kind: the project's first kind after theme
    assert "species | habitat | process" in card and "preys_on: []" in card and "# field_notes:" in card
    assert "implications" not in card
    assert run_new(project, "heron", "specie", ["predators-and-prey"], out, err) == 1
    assert "unknown kind 'specie'" in err.getvalue() and "did you mean 'species'?" in err.getvalue()


def test_bad_vocabulary_settings_stop_the_build_with_positions(tmp_path: Path) -> None:
    """The plugin logs each problem as the checker prints it, and ``--strict`` stops; no traceback."""
    project = build_scenario("vocabulary", tmp_path / "project")
    last = "      sections: [field_notes]\n"
    edit_config(project, last, last + "theme: {name: material, font: false}\n")  # lines stay where they were
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# t\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.aborted
    assert "mkdocs.yml:8:11: error[vocabulary]: unknown field 'plurl' in 'kinds.species' (did you mean 'plural'?)" in (
        built.problems
    )
    assert "mkdocs.yml:7:11: error[vocabulary]: 'kinds.species.label' has no text in fr" in " ".join(built.problems)
    assert not any("Traceback" in problem for problem in built.problems)


def test_vocabulary_labels_are_text_on_every_page(tmp_path: Path) -> None:
    """Labels come from the settings, and are escaped like card text wherever a page shows them."""
    project = copy_project("other-field", tmp_path / "project")
    mark = "<i>x</i>"
    for old in (
        "{en: Species, fr: Espèce, de: Tierart}",
        "{en: Preys on, fr: Se nourrit de, de: Erbeutet}",
        "{en: Field notes, fr: Notes de terrain, de: Feldnotizen}",
    ):
        edit_config(project, old, old.replace("en: ", f"en: '{mark}", 1).replace(", fr", "', fr", 1))
    edit_config(project, 'marks: "++"', f'marks: "{mark[:8]}"')
    edit_config(project, "meaning: {en: seen by two teams or more,", f"meaning: {{en: '{mark} two teams',")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    pages = [p for p in built.site.rglob("*.html")]
    shown = [p for p in pages if "&lt;i&gt;x" in p.read_text(encoding="utf-8")]
    assert len(shown) > 5
    for path in pages:
        assert "<i>x" not in path.read_text(encoding="utf-8"), path
