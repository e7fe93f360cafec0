"""Whole pages kept between builds while nothing they are made from changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.store import CACHE_ENV
from tests.cache_tools import rows
from tests.site.helpers import build_site, copy_project, count_card_renders

CARD = "concepts/community-of-practice/index.html"


def test_an_unchanged_project_reuses_its_pages_and_an_edit_renders_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("small", tmp_path / "small")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    rendered = count_card_renders(monkeypatch)
    first = build_site(project, tmp_path / "one")
    assert not first.aborted and rendered  # a cold build renders every card page
    assert "page" in {kind for kind, *_ in rows(tmp_path / "cache")}
    rendered.clear()
    second = build_site(project, tmp_path / "two")
    assert rendered == []  # nothing changed: every page comes from the cache
    assert (second.site / CARD).read_text(encoding="utf-8") == (first.site / CARD).read_text(encoding="utf-8")
    card = project / "concepts" / "community-of-practice.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Give time", "Give more time"), encoding="utf-8")
    third = build_site(project, tmp_path / "three")
    assert "concepts/community-of-practice.md" in rendered  # an edited card: pages made again
    assert "Give more time to peer exchanges." in (third.site / "en" / CARD).read_text(encoding="utf-8")


def test_a_project_with_an_error_keeps_no_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project("small", tmp_path / "small")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    (project / "concepts" / "broken.yaml").write_text("id: broken\nkind: nonsense\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site", strict=False)
    assert not built.aborted
    assert "page" not in {kind for kind, *_ in rows(tmp_path / "cache")}
