"""The few lines that replaced networkx: Tarjan's components against mutual reachability."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from build_kb.checks.graph import strongly_connected

NODES = st.sampled_from("abcdefg")


def _reach(edges: dict[str, list[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


@given(st.dictionaries(NODES, st.lists(NODES, max_size=4), max_size=7))
def test_components_are_the_mutually_reachable_groups(edges: dict[str, list[str]]) -> None:
    nodes = set(edges) | {t for targets in edges.values() for t in targets}
    reach = {node: _reach(edges, node) for node in nodes}
    expected = {frozenset(m for m in nodes if m in reach[n] and n in reach[m]) for n in nodes}
    found = [frozenset(group) for group in strongly_connected(edges)]
    assert sorted(found, key=sorted) == sorted(expected, key=sorted)


def test_a_long_chain_does_not_recurse() -> None:
    edges = {f"n{i}": [f"n{i + 1}"] for i in range(5000)}
    edges["n5000"] = ["n0"]
    assert [len(group) for group in strongly_connected(edges)] == [5001]
