"""The format cache: a second build over the same library does not call citeproc."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from build_kb.bibliography import FormatCache, Formatter, shared_cache
from build_kb.bibliography.engine import Engine
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style

CITE = "[@wenger1998communities, p. 47; @clot2000genres]"


def cite(formatter: Formatter, text: str = CITE) -> str:
    return formatter.cite(find_citations(text)[0][0])


def no_citeproc(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("citeproc was called")

    monkeypatch.setattr(Engine, "render_entries", refuse)
    monkeypatch.setattr(Engine, "render_cite", refuse)


def test_second_build_is_served_from_disk(
    tmp_path: Path, library: dict[str, Reference], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    assert first.stats.rendered == len(library) and first.stats.cache_hits == 0
    text = cite(first)
    assert first.save_cache()
    assert [p.name for p in tmp_path.iterdir()] == [next(tmp_path.glob("citations-*.json")).name]

    no_citeproc(monkeypatch)
    second = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    assert second.stats.rendered == 0 and second.stats.cache_hits == len(library)
    assert cite(second) == text
    assert [second.reference_html(k) for k in second.bibliography_keys()] == [
        first.reference_html(k) for k in first.bibliography_keys()
    ]


def test_a_changed_entry_is_the_only_miss(tmp_path: Path, library: dict[str, Reference]) -> None:
    Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    changed = dict(library)
    reference = library["wenger1998communities"]
    changed[reference.key] = dataclasses.replace(reference, fields={**reference.fields, "title": "Another title"})
    again = Formatter(changed, style("apa"), "en-US", FormatCache(tmp_path))
    assert again.stats.rendered == 1
    assert "Another title" in again.reference_html("wenger1998communities")


def test_style_and_locale_are_part_of_the_key(tmp_path: Path, library: dict[str, Reference]) -> None:
    cache = FormatCache(tmp_path)
    Formatter(library, style("apa"), "en-US", cache)
    assert Formatter(library, style("apa"), "fr-FR", cache).stats.rendered == len(library)
    assert Formatter(library, style("chicago-author-date"), "en-US", cache).stats.rendered == len(library)
    assert Formatter(library, style("apa"), "en-US", cache).stats.rendered == 0  # Same cache object: from memory.


def test_year_suffix_is_part_of_the_key(tmp_path: Path, library: dict[str, Reference]) -> None:
    Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    alone = {k: v for k, v in library.items() if k != "crinon2018beta"}
    again = Formatter(alone, style("apa"), "en-US", FormatCache(tmp_path))
    assert again.stats.rendered == 1  # crinon2018alpha lost its suffix "b".
    assert "(2018)." in again.reference_html("crinon2018alpha")


def test_saving_drops_what_the_build_did_not_use(tmp_path: Path, library: dict[str, Reference]) -> None:
    Formatter(library, style("apa"), "en-US", FormatCache(tmp_path)).save_cache()
    few = {k: library[k] for k in ("wenger1998communities", "clot2000genres")}
    formatter = Formatter(few, style("apa"), "en-US", FormatCache(tmp_path))
    assert formatter.save_cache()
    reread = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    assert reread.stats.cache_hits == 2


def test_cache_file_is_deterministic(tmp_path: Path, library: dict[str, Reference]) -> None:
    for name in ("a", "b"):
        formatter = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path / name))
        cite(formatter)
        formatter.save_cache()
    (first,) = (tmp_path / "a").iterdir()
    (second,) = (tmp_path / "b").iterdir()
    assert first.read_bytes() == second.read_bytes()


def test_a_damaged_cache_is_ignored(tmp_path: Path, library: dict[str, Reference]) -> None:
    Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    (path,) = tmp_path.iterdir()
    for damage in ("{not json", '{"format": 1, "records": {"x": {"html": 3}}}', '{"format": 99}', "[]"):
        path.write_text(damage, encoding="utf-8")
        formatter = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
        assert formatter.stats.rendered == len(library)


def test_an_unwritable_cache_does_not_fail_the_build(tmp_path: Path, library: dict[str, Reference]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    formatter = Formatter(library, style("apa"), "en-US", FormatCache(blocker / "cache"))
    cite(formatter)
    assert formatter.save_cache() is False
    assert formatter.reference_html("wenger1998communities")


def test_shared_cache_is_one_object_per_folder(tmp_path: Path) -> None:
    assert shared_cache(tmp_path) is shared_cache(tmp_path / ".")
    assert shared_cache(tmp_path) is not shared_cache(tmp_path / "other")
