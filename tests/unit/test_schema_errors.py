"""jsonschema-rs and our diagnostics agree with jsonschema, the reference implementation.

Cards are mutated at random, written as YAML and read back (so positions are real), then
checked three ways: jsonschema (Python) and jsonschema-rs say the same "valid"; a valid card
gets no diagnostic; an invalid one gets, for each of jsonschema's errors, our code for that
keyword at the place jsonschema names (an unknown key at the key itself).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.diagnostics import Position
from build_kb.load.schema import card_schema, validate_card
from build_kb.load.yamlmarks import YamlDocument, load_yaml

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent
REFERENCE = jsonschema.Draft202012Validator(card_schema())
FAST = jsonschema_rs.Draft202012Validator(card_schema())
CARD_FILES = sorted({*TESTS.rglob("*.yaml"), *(REPO / "concepts").glob("*.yaml")})
PATTERN_CODES = {"bad-id", "bad-citation", "unsafe-link"}
CODES = {
    "required": {"missing-field"},
    "type": {"wrong-type"},
    "enum": {"bad-value"},
    "pattern": PATTERN_CODES,
    "minItems": {"empty-value"},
    "minProperties": {"empty-value"},
    "minLength": {"empty-value"},
    "maxItems": {"too-long"},
    "maxProperties": {"too-long"},
    "maxLength": {"too-long"},
    "uniqueItems": {"duplicate-item"},
    "additionalProperties": {"unknown-field"},
}


def _doc(text: str) -> YamlDocument:
    doc, _ = load_yaml(text, "card.yaml")
    return doc


def _expected(doc: YamlDocument) -> set[tuple[str, Position]]:
    """Each reference error as the codes it may take and where it points."""
    found: set[tuple[str, Position]] = set()
    for error in REFERENCE.iter_errors(doc.data):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
            known = error.schema.get("properties", {})
            keys = [k for k in error.instance if k not in known and not any(p.search(k) for p in patterns)]
            found |= {("unknown-field", doc.key_position((*where, k))) for k in keys}
        elif error.validator in CODES:
            found |= {(code, doc.value_position(where)) for code in CODES[error.validator]}
        else:  # a false schema: evidence on a theory claim (jsonschema names the claim)
            at = where if where[-1:] == ("evidence",) else (*where, "evidence")
            found.add(("graded-theory", doc.key_position(at)))
    return found


def _agrees(doc: YamlDocument) -> None:
    valid = REFERENCE.is_valid(doc.data)
    assert FAST.is_valid(doc.data) == valid
    diagnostics = validate_card(doc, "card.yaml")
    assert (diagnostics == []) == valid
    ours = {(d.code, d.position) for d in diagnostics}
    expected = _expected(doc)
    assert ours <= expected, ours - expected
    # Every reference error is reported (a pattern error under one of its three codes).
    for code, position in expected:
        options = PATTERN_CODES if code in PATTERN_CODES else {code}
        if code != "unknown-field" or "unknown-field" in {c for c, _ in ours}:
            assert any((c, position) in ours for c in options), (code, position)


@pytest.mark.parametrize("path", CARD_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_agree_on_every_card_file(path: Path) -> None:
    doc = _doc(path.read_text(encoding="utf-8", errors="replace"))
    if doc.data is not None:
        _agrees(doc)


VALID = [doc.data for doc in (_doc(p.read_text(encoding="utf-8", errors="replace")) for p in CARD_FILES)]
VALID = [data for data in VALID if data is not None and REFERENCE.is_valid(data)]
WORDS = ["", "theme", "concept", "strong", "theory", "survey", "inferred", "alpha", "Alpha", "fr", "@key", "x" * 81]
WORDS += ["-@key, p. 3", "ftp://x", "mailto:a@b.c", "x" * 1001]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(WORDS),
    st.text(max_size=5),
)
KEYS = ["fr", "en", "de", "x", "url", "title", "broader", "basis", "ref", "en-GB"]
ADDED = ["narrower", "kind", "themes", "fr", "xx", "note", "evidence", "basis", "ref", "via", "attribution", "brodaer"]
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_agree_on_mutated_cards(data: st.DataObject) -> None:
    card = copy.deepcopy(data.draw(st.sampled_from(VALID)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(card)))
        if not path:
            continue
        parent = card
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(ADDED))] = data.draw(VALUES)
    doc = _doc(yaml.safe_dump(card, allow_unicode=True, sort_keys=False))
    if doc.data is not None:
        _agrees(doc)


def test_a_typo_keeps_its_code_position_and_hint() -> None:
    doc = _doc(
        "id: alpha\nkind: concpt\nlabel: {fr: A}\nsummary: {fr: A}\ndefinition: {fr: A}\n"
        "themes: [t]\nrelations: {brodaer: [b]}\n"
    )
    found = {(d.code, d.position.line, d.position.column, d.hint) for d in validate_card(doc, "card.yaml")}
    assert found == {
        ("bad-value", 2, 7, "did you mean 'concept'?"),
        ("unknown-field", 7, 13, "did you mean 'broader'?"),
    }
