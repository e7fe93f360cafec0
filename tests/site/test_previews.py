"""The link previews' data (build_kb.render.previews): one small JSON per tree, read by kb.js."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_kb.pipeline import load_project
from build_kb.render import SiteOptions
from build_kb.render.assets import JS, site_assets
from build_kb.render.context import SiteContext
from build_kb.render.previews import PER_FILE, file_count, file_number, preview_files
from tests.browser_support import chromium
from tests.site.helpers import FIXTURES, Built
from tests.site.synthetic import write_kb


def _site(project: Path, lang: str, directory_urls: bool = True) -> SiteContext:
    loaded = load_project(project)
    assert loaded.diagnostics == []
    options = SiteOptions(languages=loaded.kb.languages, language=lang, directory_urls=directory_urls)
    return SiteContext(loaded.kb, options)


def test_each_card_has_its_kind_summary_and_strongest_evidence_in_its_trees_language() -> None:
    for lang, kind, theory in (("en", "Concept", "Theoretical"), ("fr", "Concept", "Théorique")):
        files = dict(preview_files(_site(FIXTURES / "evidence", lang)))
        assert list(files) == [f"assets/build_kb/previews/{lang}/0.json"]
        data = json.loads(files[f"assets/build_kb/previews/{lang}/0.json"])
        cards = data["cards"]
        assert sorted(cards) == ["concepts/connected-network/", "concepts/twictee/", "themes/networks/"]
        network = cards["concepts/connected-network/"]
        assert network["level"] == "moderate"  # moderate, theory and limited claims: the strongest
        assert cards["concepts/twictee/"]["level"] == "moderate"  # the claim it refers to
        assert "level" not in cards["themes/networks/"]  # no claims, no badge
        assert network["kind"] == kind
        assert data["levels"]["moderate"]["marks"] == "●●○"
        assert data["levels"]["theory"]["name"].startswith(theory[:5])
        assert data["levels"]["strong"]["title"] and data["levels"]["theory"]["title"]  # what each means
    english = json.loads(dict(preview_files(_site(FIXTURES / "evidence", "en")))["assets/build_kb/previews/en/0.json"])
    assert english["cards"]["concepts/connected-network/"]["summary"] == "An online teacher network."
    assert english["words"]["evidence"] == "Strongest evidence: "


def test_keys_follow_the_sites_urls() -> None:
    files = dict(preview_files(_site(FIXTURES / "small", "en", directory_urls=False)))
    cards = json.loads(next(iter(files.values())))["cards"]
    assert "concepts/community-of-practice.html" in cards and all(key.endswith(".html") for key in cards)


@pytest.mark.browser
def test_a_large_base_is_spread_over_files_kb_js_finds_with_the_same_hash(tmp_path: Path) -> None:
    site = _site(write_kb(tmp_path / "project", 2 * PER_FILE + 10), "en")
    files = dict(preview_files(site))
    count = file_count(len(site.card_uris))
    assert count == 3 and len(files) == 3
    held = {
        key: number
        for number in range(count)
        for key in json.loads(files[f"assets/build_kb/previews/en/{number}.json"])["cards"]
    }
    assert len(held) == len(site.card_uris)
    assert all(file_number(key, count) == number for key, number in held.items())
    assert all(len(json.loads(text)["cards"]) < PER_FILE * 1.3 for text in files.values())  # evenly spread
    assert files == dict(preview_files(_site(tmp_path / "project", "en")))  # the same bytes again
    # kb.js's own function, as shipped, gives each card the file that holds it.
    script = site_assets((), {"en": ""}, count)[JS]
    assert f"var PREVIEW_FILES = {count};" in script
    found = re.search(r"function fileNumber\(key\) \{.*?\n  \}\n", script, re.DOTALL)
    assert found
    keys = sorted(held)
    with chromium() as browser:
        page = browser.new_page()
        numbers = page.evaluate(
            f"keys => {{ var PREVIEW_FILES = {count}; {found.group(0)} return keys.map(fileNumber); }}", keys
        )
    assert numbers == [held[key] for key in keys]


def test_the_plugin_publishes_each_trees_previews(small_site: Built) -> None:
    site = small_site.site
    for lang in ("fr", "en"):
        data = json.loads((site / "assets" / "build_kb" / "previews" / lang / "0.json").read_text(encoding="utf-8"))
        assert "concepts/community-of-practice/" in data["cards"]
    assert "var PREVIEW_FILES = 1;" in (site / "assets" / "build_kb" / "kb.js").read_text(encoding="utf-8")
