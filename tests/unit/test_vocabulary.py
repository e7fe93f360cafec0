"""The vocabulary settings: the defaults are the shipped schema's, and each bad setting is named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from build_kb.config import OPTION_NAMES, load_config
from build_kb.load.schema import SCHEMA_RESOURCE, _vocabulary_schema, card_schema, validate_card
from build_kb.load.yamlmarks import load_yaml
from build_kb.vocabulary import DEFAULT_VOCABULARY
from build_kb.vocabulary_settings import VOCABULARY_OPTIONS, read_vocabulary

REPO = Path(__file__).parents[2]
LABEL = {"en": "X", "fr": "X"}
THEME = {"theme": {"label": LABEL}}


def test_the_default_vocabulary_makes_the_packaged_schema() -> None:
    """The schema a project's vocabulary gets is made from the packaged file; the default one gives it back."""
    packaged = json.loads((REPO / "build_kb" / SCHEMA_RESOURCE).read_text(encoding="utf-8"))
    assert _vocabulary_schema(DEFAULT_VOCABULARY) == packaged == card_schema()


def test_the_vocabulary_options_are_plugin_options() -> None:
    assert set(VOCABULARY_OPTIONS) <= set(OPTION_NAMES)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kinds": {"species": {"label": LABEL}}}, "'kinds' has no 'theme'"),
        ({"kinds": {**THEME, "species": {"label": {"en": "Species"}}}}, "'kinds.species.label' has no text in fr"),
        ({"kinds": {**THEME, "Species": {"label": LABEL}}}, "'Species' in 'kinds' is not a valid name"),
        ({"kinds": {**THEME, "claim": {"label": LABEL}}}, "'claim' cannot be a kind"),
        ({"kinds": {**THEME, "x": {"label": LABEL, "plurl": LABEL}}}, "unknown field 'plurl' in 'kinds.x'"),
        ({"evidence_levels": {"high": {"label": LABEL}}}, "'evidence_levels.high' lacks 'meaning'"),
        ({"evidence_levels": {"theory": {"label": LABEL, "meaning": LABEL}}}, "'theory' cannot be an evidence level"),
        ({"evidence_levels": {"x": {"label": LABEL, "meaning": LABEL, "marks": "x" * 9}}}, "a text of 1 to 8"),
        ({"relations": {"eats": {"label": LABEL}}}, "'relations.eats' lacks 'inverse'"),
        ({"relations": {"narrower": {"label": LABEL, "symmetric": True}}}, "'narrower' cannot be written"),
        ({"relations": {"eats": {"label": LABEL, "shown": "no", "symmetric": True}}}, "must be true or false"),
        ({"relations": {"note": {"label": LABEL, "symmetric": True}}}, "relation 'note' has the name of a claim's"),
        (
            {"relations": {"eats": {"label": LABEL, "symmetric": True, "section": True, "shown": False}}},
            "has section: true and shown: false",
        ),
        ({"sections": {"summary": {"label": LABEL}}}, "'summary' cannot be a section"),
        (
            {"sections": {"a": {"label": LABEL, "overview": True}, "b": {"label": LABEL, "overview": True}}},
            "more than one",
        ),
        (
            {"sections": {"uses": {"label": LABEL}}, "relations": {"uses": {"label": LABEL, "symmetric": True}}},
            "relation 'uses' has the name of a section",
        ),
        ({"relations": []}, "'relations' must be a mapping of names"),
    ],
)
def test_each_bad_setting_is_named(options: dict[str, Any], message: str) -> None:
    _vocabulary, problems = read_vocabulary(options, ("en", "fr"), "mkdocs.yml", {})
    assert any(message in problem.message for problem in problems), [p.message for p in problems]
    assert {problem.code for problem in problems} == {"vocabulary"}


def test_a_wrong_option_keeps_the_default_list_and_a_right_one_replaces_it() -> None:
    options = {"kinds": {"species": {"label": LABEL}}, "sections": {}}
    vocabulary, problems = read_vocabulary(options, ("en", "fr"), "mkdocs.yml", {})
    assert len(problems) == 1
    assert vocabulary.kinds == DEFAULT_VOCABULARY.kinds  # no theme kind: refused whole
    assert vocabulary.sections == ()  # a project without any card section
    assert vocabulary.graded_rubric  # the default levels, so the rubric's ceilings


def test_custom_levels_turn_the_ceilings_off_and_the_schema_follows() -> None:
    levels = {"replicated": {"label": LABEL, "meaning": LABEL}}
    vocabulary, problems = read_vocabulary({"evidence_levels": levels}, ("en", "fr"), "mkdocs.yml", {})
    assert problems == [] and not vocabulary.graded_rubric
    text = "id: a\nkind: concept\nthemes: [t]\nlabel: {en: A}\nsummary: {en: A}\ndefinition: {en: A}\n"
    claim = "claims:\n  - statement: {en: S}\n    basis: survey\n    evidence: {level}\n    sources: ['@k']\n"
    good, _ = load_yaml(text + claim.replace("{level}", "replicated"), "a.yaml")
    bad, _ = load_yaml(text + claim.replace("{level}", "strong"), "a.yaml")
    assert validate_card(good, "a.yaml", vocabulary) == []
    problems = validate_card(bad, "a.yaml", vocabulary)
    assert [(p.code, p.position.line) for p in problems] == [("bad-value", 10)]
    assert "replicated" in problems[0].message


def test_nested_settings_are_reported_where_they_are_written(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - build_kb:\n      relations:\n        eats:\n          label: {en: Eats}\n",
        encoding="utf-8",
    )
    config, problems = load_config(tmp_path)
    shown = sorted(f"{p.path}:{p.position.line}:{p.position.column}: {p.message}" for p in problems)
    assert shown == [
        "mkdocs.yml:5:9: 'relations.eats' lacks 'inverse': how the target's page names the link",
        "mkdocs.yml:6:11: 'relations.eats.label' has no text in fr",
    ]
    assert config.vocabulary is DEFAULT_VOCABULARY
