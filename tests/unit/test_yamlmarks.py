"""The strict YAML loader: positions of values and keys, refusals, scalar typing."""

from __future__ import annotations

from build_kb.diagnostics import Position
from build_kb.load.yamlmarks import load_yaml

TEXT = """id: x
label:
  fr: Un
  en: "Deux"
definition:
  en: >-
    first line
    cites [@key, p. 3] here
n: 3
flag: yes
when: 2021-01-01
empty:
"""


def test_values_and_positions() -> None:
    doc, diagnostics = load_yaml(TEXT, "c.yaml")
    assert diagnostics == []
    assert doc.data["label"] == {"fr": "Un", "en": "Deux"}
    assert doc.data["n"] == 3 and doc.data["flag"] is True and doc.data["empty"] is None
    assert doc.data["when"] == "2021-01-01"  # dates stay text, as cards want
    assert doc.value_position(("label", "en")) == Position(4, 7)
    assert doc.key_position(("label", "en")) == Position(4, 3)
    assert doc.find_in_value(("definition", "en"), "@key") == Position(8, 12)


def test_nearest_known_ancestor_gives_a_position() -> None:
    doc, _ = load_yaml(TEXT, "c.yaml")
    assert doc.value_position(("label", "de", 3)) == Position(3, 3)


def test_refusals() -> None:
    _, diagnostics = load_yaml("a: 1\na: 2\nb: &x 1\nc: *x\nd: !!str 3\n", "c.yaml")
    assert [(d.code, d.position.line, d.position.column) for d in diagnostics] == [
        ("duplicate-key", 2, 1),
        ("yaml-anchor", 3, 4),
        ("yaml-anchor", 4, 4),
        ("yaml-tag", 5, 4),
    ]


def test_control_character_is_a_syntax_error() -> None:
    doc, diagnostics = load_yaml("a: b\x07\n", "c.yaml")
    assert doc.data is None
    assert [d.code for d in diagnostics] == ["yaml-syntax"]
