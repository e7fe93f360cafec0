"""The format cache: a second build over the same library does not call citeproc."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from build_kb.bibliography import FormatCache, Formatter, shared_cache
from build_kb.bibliography.engine import Engine
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from build_kb.store import FILE
from tests.bibliography.conftest import style
from tests.cache_tools import EVIL, FILE_DAMAGES, ROW_DAMAGES, damage, rows

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
    assert [kind for kind, *_ in rows(tmp_path)] == ["citations"]  # one table

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


def test_the_stored_table_is_deterministic(tmp_path: Path, library: dict[str, Reference]) -> None:
    for name in ("a", "b"):
        formatter = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path / name))
        cite(formatter)
        formatter.save_cache()
    assert rows(tmp_path / "a") == rows(tmp_path / "b")


@pytest.mark.parametrize("how", ROW_DAMAGES + FILE_DAMAGES)
def test_a_damaged_cache_is_ignored(how: str, tmp_path: Path, library: dict[str, Reference]) -> None:
    first = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    text = cite(first)
    assert first.save_cache()
    assert damage(tmp_path, how) == {"citations": 1}
    formatter = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    assert formatter.stats.rendered == len(library)
    assert cite(formatter) == text
    html = [formatter.reference_html(k) for k in formatter.bibliography_keys()]
    assert html == [first.reference_html(k) for k in first.bibliography_keys()]
    assert not any(EVIL in item for item in html)
    assert formatter.save_cache() and [kind for kind, *_ in rows(tmp_path)] == ["citations"]


def test_a_file_that_is_no_store_is_made_again(tmp_path: Path, library: dict[str, Reference]) -> None:
    (tmp_path / FILE).write_text("{not a database", encoding="utf-8")
    formatter = Formatter(library, style("apa"), "en-US", FormatCache(tmp_path))
    assert formatter.stats.rendered == len(library)
    assert formatter.save_cache() and [kind for kind, *_ in rows(tmp_path)] == ["citations"]


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
