"""Local graphs kept between builds: drawn once per state of the graph, never stale."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from build_kb.graph.layout import compute_layout
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, render_site
from build_kb.render import graph_cache as cache_module
from build_kb.render.graph_cache import GRAPHS, PAGES, HtmlStore, LocalGraphCache, fingerprint
from build_kb.store import FILE
from tests.cache_tools import EVIL, FILE_DAMAGES, ROW_DAMAGES, damage, rows
from tests.site.helpers import FIXTURES


def _pages(folder: Path | None, label: str | None = None) -> tuple[dict[str, str], LocalGraphCache]:
    kb = load_project(FIXTURES / "small").kb
    if label is not None:
        card = kb.cards["learning"]
        kb.cards["learning"] = dataclasses.replace(card, label={**card.label, "en": label})  # type: ignore[index]
    layout = compute_layout(kb)
    graphs = LocalGraphCache(folder, GRAPHS, fingerprint(kb, layout, kb.languages, True, (24, 24)))
    pages = render_site(kb, SiteOptions(), layout, None, graphs).pages
    return {uri: page.full() for uri, page in pages.items() if uri.startswith("concepts/")}, graphs


@pytest.fixture(autouse=True)
def _fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_MEMORY", {})


def test_a_second_build_reads_the_pictures_and_gives_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, graphs = _pages(tmp_path)
    assert graphs.save() and {kind for kind, *_ in rows(tmp_path)} == {GRAPHS}
    monkeypatch.setattr(cache_module, "_MEMORY", {})  # a new process: the file alone
    drawn: list[str] = []
    real = LocalGraphCache.section

    def counting(self: LocalGraphCache, card_id: str, draw: Callable[[], str]) -> str:
        def counted() -> str:
            drawn.append(card_id)
            return draw()

        return real(self, card_id, counted)

    monkeypatch.setattr(LocalGraphCache, "section", counting)
    second, _ = _pages(tmp_path)
    assert second == first
    assert drawn == []


def test_a_change_to_the_graph_draws_every_picture_again(tmp_path: Path) -> None:
    first, graphs = _pages(tmp_path)
    graphs.save()
    changed, changed_graphs = _pages(tmp_path, label="Learning anew")
    assert changed_graphs.key != graphs.key
    assert changed != first
    assert any("Learning anew" in html for html in changed.values())
    fresh, _ = _pages(None, label="Learning anew")
    assert changed == fresh


def test_a_file_that_is_no_store_is_made_again(tmp_path: Path) -> None:
    (tmp_path / FILE).write_bytes(b"not a database" * 100)
    pages, graphs = _pages(tmp_path)
    fresh, _ = _pages(None)
    assert pages == fresh
    assert graphs.save() and {kind for kind, *_ in rows(tmp_path)} == {GRAPHS}


@pytest.mark.parametrize("how", ROW_DAMAGES + FILE_DAMAGES)
def test_a_damaged_picture_is_a_miss(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, graphs = _pages(tmp_path)
    assert graphs.save()
    drawn = len(rows(tmp_path))
    assert damage(tmp_path, how) == {GRAPHS: drawn} and drawn > 1
    monkeypatch.setattr(cache_module, "_MEMORY", {})  # a new process: the file alone
    again, graphs = _pages(tmp_path)
    assert again == first
    assert not any(EVIL in html for html in again.values())
    assert graphs.save() and len(rows(tmp_path)) == drawn


def test_a_store_kept_on_disk_only_writes_as_it_goes(tmp_path: Path) -> None:
    """A cold build holds at most one batch of pages, not every page it made."""
    store = HtmlStore(tmp_path, PAGES, "key", remember=False)
    count = 3 * cache_module._BATCH + 7
    for number in range(count):
        assert store.section(f"page-{number}", lambda number=number: f"<p>{number}</p>") == f"<p>{number}</p>"  # type: ignore[misc]
    reader = HtmlStore(tmp_path, PAGES, "key", remember=False)
    kept = [number for number in range(count) if reader.section(f"page-{number}", lambda: "missing") != "missing"]
    assert len(kept) == 3 * cache_module._BATCH  # every full batch, before save()
    assert store.save()
    again = HtmlStore(tmp_path, PAGES, "key", remember=False)
    assert again.section(f"page-{count - 1}", lambda: "missing") == f"<p>{count - 1}</p>"
