"""The generated pages of the small fixture, held by golden files; and they are deterministic.

Each golden file is a page's title and meta, then its HTML as a reader gets it (the
local graph in its slot): ``small/concepts/x.md.html``.

After an intended change, rewrite them with ``BUILD_KB_UPDATE_GOLDEN=1 pytest tests/site``
and review the diff like any other change.
"""

from __future__ import annotations

import json

from build_kb.pipeline import Loaded, load_project
from build_kb.render import render_site
from build_kb.render.assets import site_assets
from build_kb.render.page import Page
from tests.site.helpers import FIXTURES, UPDATE_GOLDEN, check_golden, golden_files


def _golden(page: Page) -> str:
    head = json.dumps({"title": page.title, "meta": page.meta, "source": page.source}, ensure_ascii=False)
    return f"{head}\n\n{page.full()}"


def test_generated_pages_match_golden_files(small_loaded: Loaded) -> None:
    rendered = render_site(small_loaded.kb)
    for uri, page in rendered.pages.items():
        check_golden(f"small/{uri}.html", _golden(page))
    if not UPDATE_GOLDEN:
        expected = sorted(f"small/{uri}.html" for uri in rendered.pages)
        assert sorted(golden_files("small")) == expected, "stale golden files"


def test_two_renders_are_byte_identical() -> None:
    first = render_site(load_project(FIXTURES / "small").kb)
    second = render_site(load_project(FIXTURES / "small").kb)
    assert [(uri, _golden(page)) for uri, page in first.pages.items()] == [
        (uri, _golden(page)) for uri, page in second.pages.items()
    ]
    assert list(first.pages) == sorted(first.pages)


def test_assets_are_deterministic_and_follow_the_languages() -> None:
    assert site_assets(("fr", "en")) == site_assets(("fr", "en"))
    assets = site_assets(("de", "fr", "en"))
    assert 'var LANGUAGES = ["de", "fr", "en"];' in assets["assets/build_kb/kb.js"]
    assert 'html[data-kb-lang="de"] .kb-lang:not([lang="de"])' in assets["assets/build_kb/kb.css"]
