"""The BibTeX parse kept between builds: what it gives back is what parsing gives."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from build_kb import store as store_module
from build_kb.load import bibtex_cache
from build_kb.load.bibtex import parse_bibtex_file
from build_kb.load.bibtex_cache import Parsed, parse_bibtex_cached
from build_kb.store import CACHE_ENV
from tests.cache_tools import EVIL, FILE_DAMAGES, ROW_DAMAGES, damage, rows

TESTS = Path(__file__).parents[1]
FILES = sorted({*(TESTS / "scenarios").rglob("*.bib"), TESTS / "bibliography" / "data" / "library.bib"})


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Counts real parses; the cache folder is a fresh one and the in-memory layer starts empty."""
    calls: list[str] = []

    def counted(text: str, shown: str, inherited: Mapping[str, str]) -> Parsed:
        calls.append(shown)
        return parse_bibtex_file(text, shown, inherited)

    monkeypatch.setattr(bibtex_cache, "parse_bibtex_file", counted)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(bibtex_cache, "_MEMORY", {})
    yield calls


def _same(found: Parsed, expected: Parsed) -> None:
    assert found == expected
    assert [r.written for r in found[0]] == [r.written for r in expected[0]]  # Not part of ==.
    assert [list(r.fields) for r in found[0]] == [list(r.fields) for r in expected[0]]  # Field order too.


@pytest.mark.parametrize("file", FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_a_cached_parse_is_the_parse(file: Path, parses: list[str], tmp_path: Path) -> None:
    text = file.read_text(encoding="utf-8", errors="replace")
    expected = parse_bibtex_file(text, "references/x.bib", {})
    _same(parse_bibtex_cached(text, "references/x.bib", tmp_path), expected)  # Parsed, written to disk.
    bibtex_cache._MEMORY.clear()
    _same(parse_bibtex_cached(text, "references/x.bib", tmp_path), expected)  # Read from disk.
    _same(parse_bibtex_cached(text, "references/x.bib", tmp_path), expected)  # From memory.
    assert parses == ["references/x.bib"]


def test_a_changed_file_path_or_code_is_parsed_again(
    parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (TESTS / "bibliography" / "data" / "library.bib").read_text(encoding="utf-8")
    parse_bibtex_cached(text, "references/a.bib", tmp_path)
    parse_bibtex_cached(text + "\n@misc{late2020, title = {Late}, year = 2020}\n", "references/a.bib", tmp_path)
    parse_bibtex_cached(text, "references/b.bib", tmp_path)  # The path is in every reference and problem.
    bibtex_cache._MEMORY.clear()
    monkeypatch.setattr(store_module, "_code_digest", lambda: b"another version of the parser")
    parse_bibtex_cached(text, "references/b.bib", tmp_path)
    assert parses == ["references/a.bib"] * 2 + ["references/b.bib"] * 2


@pytest.mark.parametrize("how", ROW_DAMAGES + FILE_DAMAGES)
def test_a_damaged_cache_is_a_miss(how: str, parses: list[str], tmp_path: Path) -> None:
    text = (TESTS / "scenarios" / "_base" / "references" / "library.bib").read_text(encoding="utf-8")
    expected = parse_bibtex_file(text, "references/library.bib", {})
    parse_bibtex_cached(text, "references/library.bib", tmp_path)
    assert damage(tmp_path / "cache", how) == {"bibtex": 1}
    bibtex_cache._MEMORY.clear()
    found = parse_bibtex_cached(text, "references/library.bib", tmp_path)
    _same(found, expected)
    assert EVIL not in repr(found)
    assert len(parses) == 2  # parsed again, and kept again
    assert [kind for kind, *_ in rows(tmp_path / "cache")] == ["bibtex"]


def test_off_writes_nothing(parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (TESTS / "scenarios" / "_base" / "references" / "library.bib").read_text(encoding="utf-8")
    expected = parse_bibtex_file(text, "references/library.bib", {})
    monkeypatch.setenv(CACHE_ENV, "off")
    _same(parse_bibtex_cached(text, "references/library.bib", tmp_path), expected)
    assert not (tmp_path / "cache").exists()
