"""The compiled schema check says "valid" exactly when jsonschema does, so skipping jsonschema is safe."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.fastschema import Unsure, compile_schema, surely_valid
from build_kb.schema import card_schema
from build_kb.yamlmarks import load_yaml

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent
VALIDATOR = jsonschema.Draft202012Validator(card_schema())
CHECK = compile_schema(card_schema())
CARD_FILES = sorted({*TESTS.rglob("*.yaml"), *(REPO / "concepts").glob("*.yaml")})


def _card_data(path: Path) -> Any:
    doc, _ = load_yaml(path.read_text(encoding="utf-8", errors="replace"), path.name)
    return doc.data


def _agrees(data: Any) -> None:
    assert CHECK is not None
    expected = VALIDATOR.is_valid(data)
    try:
        found = CHECK(data)
    except Unsure:
        assert surely_valid(CHECK, data) is False  # Left to jsonschema.
        return
    assert found == expected
    assert surely_valid(CHECK, data) == expected


def test_the_card_schema_compiles() -> None:
    assert CHECK is not None


@pytest.mark.parametrize("path", CARD_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_agrees_with_jsonschema_on_every_card_file(path: Path) -> None:
    _agrees(_card_data(path))


VALID = [data for data in (_card_data(path) for path in CARD_FILES) if VALIDATOR.is_valid(data)]
WORDS = ["", "theme", "concept", "strong", "theory", "survey", "inferred", "alpha", "Alpha", "fr", "@key", "x" * 81]
WORDS.append("-@key, p. 3")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(WORDS),
    st.text(max_size=5),
)
KEYS = ["fr", "en", "de", "x", "url", "title", "broader", "basis", "ref"]
ADDED = ["narrower", "kind", "themes", "fr", "xx", "note", "evidence", "basis", "ref", "via", "attribution"]
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


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_agrees_with_jsonschema_on_mutated_cards(data: st.DataObject) -> None:
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
    _agrees(card)


def test_a_schema_with_other_keywords_is_left_to_jsonschema() -> None:
    assert compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}}) is None
    assert surely_valid(None, {}) is False


def test_values_it_cannot_judge_exactly_go_to_jsonschema() -> None:
    check = compile_schema({"type": "array", "uniqueItems": True, "items": {"enum": [1, "a"]}})
    assert check is not None
    assert surely_valid(check, ["a", "b"]) is False  # enum of non-strings: unsure.
    assert surely_valid(compile_schema({"uniqueItems": True}), [1, True]) is False  # 1 and true differ in JSON.
