"""A site rebuilt from the build cache after edits is the site a clean build makes, byte for byte.

Each step edits the project the way a contributor does (a card's definition, a label, a
relation, a BibTeX title) or builds it the way ``mkdocs serve`` does (another
``site_url``); the site is then rebuilt with the build cache of the steps before, and
built again with no cache at all: every file of the two sites must be the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_kb.store import CACHE_ENV, FILE, close_all
from tests.site.helpers import copy_project, count_card_renders, snapshot

pytestmark = pytest.mark.slow

SERVED = "http://127.0.0.1:8000/small/"
"""The ``site_url`` mkdocs serve gives the build."""


def _build(project: Path, site: Path, site_url: str | None = None) -> None:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if site_url is not None:
        config.site_url = site_url  # as mkdocs serve does
    build(config)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _page_key(cache: Path) -> str:
    close_all()
    with sqlite3.connect(cache / FILE) as db:
        found = db.execute("SELECT key FROM generations WHERE kind = 'page'").fetchall()
    db.close()
    return str(found[0][0])


def test_an_incremental_rebuild_after_each_edit_is_the_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("small", tmp_path / "small")
    cache = tmp_path / "cache"
    card = project / "concepts" / "community-of-practice.yaml"
    library = project / "references" / "small.bib"
    rendered = count_card_renders(monkeypatch)
    steps: list[tuple[str, Callable[[], None], str | None]] = [
        ("first build", lambda: None, None),
        ("served", lambda: None, SERVED),
        ("definition", lambda: _edit(card, "une entreprise commune", "une entreprise partagée"), SERVED),
        ("label", lambda: _edit(card, "fr: Communauté de pratique", "fr: Communauté de pratiques"), SERVED),
        ("relation", lambda: _edit(card, "claims:\n", "relations:\n  related: [reflective-practice]\nclaims:\n"), None),
        (
            "BibTeX title",
            lambda: _edit(library, "title = {Communities of Practice", "title = {Communities of Work"),
            None,
        ),
    ]
    keys = []
    for number, (name, edit, site_url) in enumerate(steps):
        edit()
        monkeypatch.setenv(CACHE_ENV, str(cache))
        rendered.clear()
        _build(project, tmp_path / f"kept-{number}", site_url)
        keys.append(_page_key(cache))
        if name == "served":  # site_url is printed by no generated page: their key stays, and they are kept
            assert keys[-1] == keys[-2] and rendered == []
        monkeypatch.setenv(CACHE_ENV, "off")
        _build(project, tmp_path / f"clean-{number}", site_url)
        kept, clean = snapshot(tmp_path / f"kept-{number}"), snapshot(tmp_path / f"clean-{number}")
        assert kept == clean, f"after the {name} step: {sorted(set(kept.items()) ^ set(clean.items()))[:6]}"
    assert len(set(keys)) == len(steps) - 1  # every edit changed what the pages are made from
    site = tmp_path / f"kept-{len(steps) - 1}"
    assert "Communities of Work" in (site / "concepts" / "community-of-practice" / "index.html").read_text("utf-8")
