"""The generated pages of the small fixture, held by golden files; and they are deterministic.

Each golden file is a page's title and meta, then its HTML as a reader gets it (the
local graph in its slot): ``small/concepts/x.md.html``, and ``small/en/concepts/x.md.html``
for the English tree.

After an intended change, rewrite them with ``BUILD_KB_UPDATE_GOLDEN=1 pytest tests/site``
and review the diff like any other change.
"""

from __future__ import annotations

import json
from dataclasses import replace

from build_kb.pipeline import Loaded, load_project
from build_kb.render import SiteOptions, render_site
from build_kb.render.assets import site_assets
from build_kb.render.context import tree_prefix
from build_kb.render.page import Page
from tests.site.helpers import FIXTURES, UPDATE_GOLDEN, check_golden, golden_files


def _golden(page: Page) -> str:
    head = json.dumps({"title": page.title, "meta": page.meta, "source": page.source}, ensure_ascii=False)
    return f"{head}\n\n{page.full()}"


def test_generated_pages_match_golden_files(small_loaded: Loaded) -> None:
    kb = small_loaded.kb
    expected = []
    for lang in kb.languages:
        rendered = render_site(kb, replace(SiteOptions(languages=kb.languages), language=lang))
        prefix = tree_prefix(lang, kb.languages)
        for uri, page in rendered.pages.items():
            check_golden(f"small/{prefix}{uri}.html", _golden(page))
            expected.append(f"small/{prefix}{uri}.html")
    if not UPDATE_GOLDEN:
        assert sorted(golden_files("small")) == sorted(expected), "stale golden files"


def test_two_renders_are_byte_identical() -> None:
    first = render_site(load_project(FIXTURES / "small").kb)
    second = render_site(load_project(FIXTURES / "small").kb)
    assert [(uri, _golden(page)) for uri, page in first.pages.items()] == [
        (uri, _golden(page)) for uri, page in second.pages.items()
    ]
    assert list(first.pages) == sorted(first.pages)


def test_assets_are_deterministic_and_give_a_search_language_per_folded_language() -> None:
    assert site_assets(("fr",)) == site_assets(("fr",))
    assets = site_assets(("de", "fr"))
    for lang in ("de", "fr"):
        script = assets[f"assets/javascripts/lunr/min/lunr.{lang}_fold.min.js"]
        assert f'importScripts("../lunr/min/lunr.{lang}.min.js");' in script
        assert 'lunr[lang + "_fold"] = folded;' in script and f'"{lang}");' in script
    assert "kb-lang" not in assets["assets/build_kb/kb.css"] + assets["assets/build_kb/kb.js"]
