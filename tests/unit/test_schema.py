"""The card schema is the one definition: it is valid, and the code agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema

from build_kb.load.schema import card_schema
from build_kb.model import ATTRIBUTIONS, BASES, EVIDENCE_LEVELS, KINDS
from build_kb.relations import RELATION_TYPES

REPO = Path(__file__).parents[2]
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = card_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_code_agrees_with_the_schema() -> None:
    schema = card_schema()
    assert list(schema["properties"]["relations"]["properties"]) == list(RELATION_TYPES)
    assert tuple(schema["properties"]["kind"]["enum"]) == KINDS
    claim = schema["$defs"]["claimBody"]["properties"]
    assert tuple(claim["evidence"]["enum"]) == EVIDENCE_LEVELS
    assert tuple(claim["basis"]["enum"]) == BASES
    assert tuple(claim["attribution"]["enum"]) == ATTRIBUTIONS


def test_every_shipped_card_points_its_editor_at_the_schema() -> None:
    cards = sorted((REPO / "concepts").glob("*.yaml"))
    assert cards
    for card in cards:
        first = card.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{card.name}: first line should be the yaml-language-server schema line"
        assert (card.parent / match.group(1)).resolve() == (REPO / "build_kb/schema/concept.schema.json").resolve()
