"""The generated Markdown of the small fixture, held by golden files; and it is deterministic.

After an intended change, rewrite them with ``BUILD_KB_UPDATE_GOLDEN=1 pytest tests/site``
and review the diff like any other change.
"""

from __future__ import annotations

from build_kb.pipeline import Loaded, load_project
from build_kb.render import render_site
from build_kb.render.assets import site_assets
from tests.site.helpers import FIXTURES, UPDATE_GOLDEN, check_golden, golden_files


def test_generated_markdown_matches_golden_files(small_loaded: Loaded) -> None:
    rendered = render_site(small_loaded.kb)
    for uri, text in rendered.pages.items():
        check_golden(f"small/{uri}", text)
    if not UPDATE_GOLDEN:
        assert sorted(golden_files("small")) == sorted(f"small/{uri}" for uri in rendered.pages), "stale golden files"


def test_two_renders_are_byte_identical() -> None:
    first = render_site(load_project(FIXTURES / "small").kb)
    second = render_site(load_project(FIXTURES / "small").kb)
    assert first.pages == second.pages
    assert list(first.pages) == sorted(first.pages)


def test_assets_are_deterministic_and_follow_the_languages() -> None:
    assert site_assets(("fr", "en")) == site_assets(("fr", "en"))
    assets = site_assets(("de", "fr", "en"))
    assert 'var LANGUAGES = ["de", "fr", "en"];' in assets["assets/build_kb/kb.js"]
    assert 'html[data-kb-lang="de"] .kb-lang:not([lang="de"])' in assets["assets/build_kb/kb.css"]
