"""``new``: the scaffolded card is valid YAML, passes once filled, and never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from build_kb.pipeline import load_project
from build_kb.scaffold import ScaffoldError, create_card
from tests.scenario_runner import BASE

SCHEMA = "../schema/concept.schema.json"


def project(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def new(
    root: Path, card_id: str = "gamma", kind: str = "concept", themes: tuple[str, ...] = ("theme-one",)
) -> Path | ScaffoldError:
    return create_card(root / "concepts", card_id, kind, list(themes), ["theme-one"], ("fr", "en"), SCHEMA)


def test_scaffold_lists_every_field_and_points_at_required_ones(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = new(root)
    assert isinstance(path, Path) and path == root / "concepts/gamma.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../")
    for field in ("id", "kind", "themes", "label", "aliases", "summary", "definition", "relations", "claims"):
        assert f"\n{field}:" in text
    assert "implications" in text and "links: []" in text
    codes = {(d.code, d.path) for d in load_project(root).diagnostics if d.severity.value == "error"}
    assert codes == {("empty-value", "concepts/gamma.yaml")}


def test_filled_scaffold_passes_the_check(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = new(root)
    assert isinstance(path, Path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    text = text.replace('label:\n  fr: ""\n  en: ""', "label:\n  fr: Gamma\n  en: Gamma")
    text = text.replace('summary:\n  fr: ""\n  en: ""', "summary:\n  fr: Une notion.\n  en: A concept.")
    text = text.replace(
        'definition:\n  fr: ""\n  en: ""',
        "definition:\n  fr: >-\n    Gamma [@wenger1998communities].\n  en: >-\n    Gamma [@wenger1998communities].",
    )
    text = text.replace("  related: []", "  related: [alpha]", 1)
    path.write_text(text, encoding="utf-8")
    assert data["id"] == "gamma"
    assert load_project(root).diagnostics == []


def test_the_example_claim_has_a_basis_and_passes_once_filled(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = new(root)
    assert isinstance(path, Path)
    text = path.read_text(encoding="utf-8")
    block = text.split("claims: []\n")[1].split("# - ref:")[0]  # the example claim, commented out
    example = [line for line in block.splitlines() if "via:" not in line]  # via: a work of the example's own
    assert any(line.startswith("#   basis: survey") for line in example)
    claim = "\n".join(line[2:] for line in example)
    claim = claim.replace("a-short-kebab-id", "gamma-helps").replace("...", "Gamma aide.")
    claim = claim.replace('"@key, p. 12"', '"@wenger1998communities, p. 12"')
    filled = text.replace("claims: []", "claims:\n" + claim)
    filled = filled.replace('label:\n  fr: ""\n  en: ""', "label:\n  fr: Gamma\n  en: Gamma")
    filled = filled.replace('summary:\n  fr: ""\n  en: ""', "summary:\n  fr: Une notion.\n  en: A concept.")
    filled = filled.replace('definition:\n  fr: ""\n  en: ""', "definition:\n  fr: Gamma [@clot2000faita].\n  en: G.")
    filled = filled.replace("  related: []", "  related: [alpha]", 1)
    path.write_text(filled, encoding="utf-8")
    loaded = load_project(root)
    assert loaded.diagnostics == []
    claim_loaded = loaded.kb.cards["gamma"].claims[0]
    assert (claim_loaded.id, claim_loaded.basis, claim_loaded.evidence) == ("gamma-helps", "survey", "limited")
    assert claim_loaded.inferred


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = (root / "concepts/alpha.yaml").read_text(encoding="utf-8")
    result = new(root, "alpha")
    assert isinstance(result, ScaffoldError) and "already exists" in result.message
    assert (root / "concepts/alpha.yaml").read_text(encoding="utf-8") == before


def test_refuses_bad_id_unknown_theme_and_kind(tmp_path: Path) -> None:
    root = project(tmp_path)
    bad_id = new(root, "Gamma Card")
    assert isinstance(bad_id, ScaffoldError) and bad_id.hint == "try 'gamma-card'"
    theme = new(root, themes=("theme-on",))
    assert isinstance(theme, ScaffoldError) and theme.hint == "did you mean 'theme-one'?"
    kind = new(root, kind="concpt")
    assert isinstance(kind, ScaffoldError) and kind.hint == "did you mean 'concept'?"
    assert not (root / "concepts/gamma.yaml").exists() and not (root / "concepts/Gamma Card.yaml").exists()


def test_a_theme_needs_no_theme(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = new(root, "theme-two", kind="theme", themes=())
    assert isinstance(path, Path)
    assert "\nthemes:" not in path.read_text(encoding="utf-8")
