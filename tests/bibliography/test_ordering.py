"""The bibliography's order: plain sort keys, where they exist, give what the comparison gives."""

from __future__ import annotations

import dataclasses
from functools import cmp_to_key

from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.bibliography import Formatter
from build_kb.bibliography.formatter import _compare, _plain_keys, _SortKey
from build_kb.model import Reference
from tests.bibliography.conftest import style

NUMBERS = ["1", "2", "10", "02", "2013"]
WORDS = ["", "a", "B", "b", "ab", "Émile", "x1"]
COLUMN = st.sampled_from([NUMBERS, WORDS, NUMBERS + WORDS]).map(
    lambda pool: st.one_of(st.none(), st.sampled_from(pool))
)


def _by_comparison(keys: dict[str, _SortKey], descending: tuple[bool, ...]) -> list[str]:
    def compare(a: str, b: str) -> int:
        return _compare(keys[a], keys[b], descending) or (a > b) - (a < b)

    return sorted(keys, key=cmp_to_key(compare))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(COLUMN, min_size=1, max_size=3).flatmap(
        lambda columns: st.tuples(
            st.lists(st.tuples(*columns), min_size=1, max_size=12),
            st.tuples(*[st.booleans() for _ in columns]),
        )
    )
)
def test_plain_keys_sort_as_the_comparison(case: tuple[list[tuple[str | None, ...]], tuple[bool, ...]]) -> None:
    rows, descending = case
    keys = {f"k{index:02d}": _SortKey(row) for index, row in enumerate(rows)}
    plain = _plain_keys(keys, descending)
    if plain is not None:
        assert sorted(keys, key=plain.__getitem__) == _by_comparison(keys, descending)


def test_columns_without_a_key_function_fall_back() -> None:
    mixed = {"a": _SortKey(("10",)), "b": _SortKey(("9",)), "c": _SortKey(("1a",))}  # 9 < 10 < 1a < 9
    assert _plain_keys(mixed, (False,)) is None
    assert _plain_keys({"a": _SortKey(("x",)), "b": _SortKey(("y",))}, (True,)) is None
    assert _plain_keys({"a": _SortKey(("x",)), "b": _SortKey(("y", "z"))}, (False, False)) is None


def test_formatters_of_one_library_share_its_preparation(library: dict[str, Reference]) -> None:
    apa = style("apa")
    english, french = Formatter(library, apa, "en-US"), Formatter(library, apa, "fr-FR")
    assert english.csl_json("clot2000genres") is french.csl_json("clot2000genres")
    assert english.bibliography_keys() == french.bibliography_keys()
    changed = {**library, "clot2000genres": dataclasses.replace(library["clot2000genres"], line=99)}
    assert Formatter(changed, apa, "en-US").csl_json("clot2000genres") is not english.csl_json("clot2000genres")
