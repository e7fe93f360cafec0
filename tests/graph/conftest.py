"""Shared fixtures of the graph tests: the repository, the fixture projects, the SHACL shapes."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from rdflib import Graph

from build_kb.pipeline import Loaded, load_project

HERE = Path(__file__).parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
SHAPES = REPO / "build_kb" / "graph" / "shapes.ttl"
UPDATE_GOLDEN = os.environ.get("BUILD_KB_UPDATE_GOLDEN") == "1"
"""Run with ``BUILD_KB_UPDATE_GOLDEN=1`` to rewrite the golden files, then review the diff."""


@pytest.fixture(scope="session")
def small() -> Loaded:
    """A small clean project that uses every relation type, kind and BibTeX type mapped."""
    loaded = load_project(FIXTURES / "small")
    assert loaded.diagnostics == []
    return loaded


@pytest.fixture(scope="session")
def repo() -> Loaded:
    """The shipped knowledge base (written concurrently: tests on it check structure only)."""
    return load_project(REPO)


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>``, or rewrite the file under the update flag."""
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.write_bytes(text.encode("utf-8"))
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path.name} was missing and has been written: review and commit it")
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def parse_jsonld(text: str) -> Graph:
    """Parse JSON-LD; rdflib 7's parser itself uses its deprecated ConjunctiveGraph, which warns."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=text, format="json-ld")
