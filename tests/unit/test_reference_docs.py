"""The generated reference for contributors covers every field and every code."""

from __future__ import annotations

from build_kb.codes import CODES
from build_kb.load.schema import card_schema
from build_kb.reference_docs import diagnostic_codes, field_reference
from build_kb.relations import RELATION_TYPES


def test_every_code_has_an_example_and_a_fix() -> None:
    for code in CODES.values():
        assert code.example and code.fix, code.name


def test_codes_table_lists_every_code_once() -> None:
    table = diagnostic_codes()
    for name in CODES:
        assert table.count(f"| `{name}` |") == 1, name


def test_field_reference_follows_the_schema() -> None:
    table = field_reference()
    for name in card_schema()["properties"]:
        assert f"| `{name}` |" in table
    for name in RELATION_TYPES:
        assert f"| `{name}` |" in table
