"""Serving: a rebuild that keeps the theme output of unchanged pages makes the site a clean build makes, byte for byte.

``mkdocs serve`` rebuilds in one process; the plugin then keeps each generated page's theme
output (:mod:`build_kb.plugin.kept`). Each step edits the project as a contributor does, is
rebuilt the way serve does (same process, after the last rebuild), and is built again clean
(no build cache, nothing kept): every file of the two sites must be the same, and the
rebuild must have kept most pages (else the test proves nothing).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_kb.plugin import events
from build_kb.store import CACHE_ENV
from tests.site.helpers import copy_project, snapshot

pytestmark = pytest.mark.slow

SERVED = "http://127.0.0.1:8000/small/"
_KEPT_RE = re.compile(r"build_kb: (\d+) of (\d+) generated pages kept their theme output")


def _build(project: Path, site: Path) -> None:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVED  # as mkdocs serve does
    build(config)


def _edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def edit() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def test_serve_rebuilds_keep_unchanged_pages_and_make_the_clean_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project("small", tmp_path / "small")
    root = project.resolve()
    card = project / "concepts" / "community-of-practice.yaml"
    added = project / "concepts" / "added-card.yaml"
    steps: list[tuple[str, Callable[[], object]]] = [
        ("first build", lambda: None),
        ("nothing changed", lambda: None),
        ("definition", _edit(card, "une entreprise commune", "une entreprise partagée")),
        ("label", _edit(card, "fr: Communauté de pratique,", "fr: Communauté de pratiques,")),
        ("relation", _edit(card, "claims:\n", "relations:\n  related: [reflective-practice]\nclaims:\n")),
        ("claim", _edit(card, "La participation transforme", "La participation change")),
        (
            "BibTeX title",
            _edit(
                project / "references" / "small.bib", "title = {Communities of Practice", "title = {Communities of Work"
            ),
        ),
        (
            "card added",
            lambda: added.write_text(
                card.read_text("utf-8").replace("id: community-of-practice", "id: added-card"), "utf-8"
            ),
        ),
        ("card deleted", added.unlink),
        ("hand-written page", _edit(project / "docs" / "index.md", "# Small KB", "# Small knowledge base")),
        ("config", _edit(project / "mkdocs.yml", "site_name: Small KB", "site_name: Small KB 2")),
    ]
    caplog.set_level(logging.INFO, logger="mkdocs")
    kept_counts = []
    for number, (name, edit) in enumerate(steps):
        edit()
        monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
        monkeypatch.setattr(events, "_SERVED", {root})
        caplog.clear()
        _build(project, tmp_path / f"served-{number}")
        found = [_KEPT_RE.search(record.getMessage()) for record in caplog.records]
        kept, total = next((int(m[1]), int(m[2])) for m in found if m is not None)
        kept_counts.append(kept)
        monkeypatch.setenv(CACHE_ENV, "off")
        monkeypatch.setattr(events, "_SERVED", set())
        _build(project, tmp_path / f"clean-{number}")
        served, clean = snapshot(tmp_path / f"served-{number}"), snapshot(tmp_path / f"clean-{number}")
        assert served == clean, f"after the {name} step: {sorted(set(served.items()) ^ set(clean.items()))[:6]}"
        if name == "nothing changed":
            assert kept == total > 30
        elif name in ("definition", "claim"):  # the card's page in each tree, and few others
            assert total - 10 <= kept < total
        elif name in ("label", "BibTeX title"):  # a page's title is not shown by the theme on other pages
            assert 0 < kept < total
        elif name == "config":  # everything the theme renders from changed
            assert kept == 0
    assert kept_counts[0] == 0  # nothing was kept before the first build
    site = tmp_path / f"served-{len(steps) - 1}"
    assert "Communities of Work" in (site / "concepts" / "community-of-practice" / "index.html").read_text("utf-8")
