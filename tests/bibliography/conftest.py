"""Shared fixtures of the bibliography tests: the fixture library, the shipped one, formatters."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.bibliography import CslStyle, Formatter, load_style
from build_kb.load.bibtex import parse_bibtex
from build_kb.model import Reference

HERE = Path(__file__).parent
REPO = HERE.parents[1]
LIBRARY = HERE / "data" / "library.bib"
SHIPPED = REPO / "references" / "crinon2021.bib"


def read_library(path: Path) -> dict[str, Reference]:
    references, diagnostics = parse_bibtex(path.read_text(encoding="utf-8"), path.name)
    assert diagnostics == []
    return {reference.key: reference for reference in references}


def style(name: str) -> CslStyle:
    found = load_style(name)
    assert isinstance(found, CslStyle), found
    return found


@pytest.fixture(scope="session")
def library() -> dict[str, Reference]:
    """One entry per behaviour: accents, particles, a corporate author, script, macros."""
    return read_library(LIBRARY)


@pytest.fixture(scope="session")
def shipped() -> dict[str, Reference]:
    """The shipped library (52 entries, some with no title)."""
    return read_library(SHIPPED)


@pytest.fixture(scope="session")
def apa(library: dict[str, Reference]) -> Formatter:
    """APA 7 in en-US over the fixture library, cached in memory only."""
    return Formatter(library, style("apa"), "en-US")
