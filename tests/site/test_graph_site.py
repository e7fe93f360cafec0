"""A real ``mkdocs build --strict``: the downloads are published and parse, the graph pages link right."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from rdflib import Graph

from build_kb.exports import EXPORTERS, ExportSource
from build_kb.load.schema import schema_text
from build_kb.pipeline import Loaded, load_project
from tests.graph.conftest import parse_jsonld
from tests.site.helpers import FIXTURES, Built, build_site, snapshot

NODE_RE = re.compile(r'<a class="kb-node[^"]*" role="link" xlink:href="(?P<href>[^"]*)"[^>]*data-id="(?P<id>[^"]*)"')


def _resolve(site: Path, page: str, href: str) -> Path:
    """The file a relative link of the page at ``page`` (``graph/``) leads to."""
    url = urljoin("https://host/" + page, href).removeprefix("https://host/")
    path = site / url
    return path / "index.html" if url.endswith("/") or not url else path


def test_every_export_is_published_and_matches_the_cli(small_site: Built, small_loaded: Loaded) -> None:
    source = ExportSource(small_loaded.kb, load_project(FIXTURES / "small").config)
    for exporter in EXPORTERS.values():
        published = (small_site.site / exporter.filename).read_bytes()
        assert published == exporter.render(source).encode("utf-8"), exporter.filename
    assert (small_site.site / "schema" / "concept.schema.json").read_text(encoding="utf-8") == schema_text()


def test_downloads_parse(small_site: Built, small_loaded: Loaded) -> None:
    site = small_site.site
    turtle = Graph().parse(site / "kb.ttl", format="turtle")
    assert len(turtle) > 50
    jsonld = json.loads((site / "kb.jsonld").read_text(encoding="utf-8"))
    assert jsonld
    assert len(parse_jsonld(json.dumps(jsonld))) == len(turtle)
    graph = json.loads((site / "graph.json").read_text(encoding="utf-8"))
    assert sorted(node["id"] for node in graph["nodes"]) == sorted(small_loaded.kb.cards)
    json.loads((site / "schema" / "concept.schema.json").read_text(encoding="utf-8"))
    for exporter in EXPORTERS.values():
        if exporter.filename.endswith(".json"):
            json.loads((site / exporter.filename).read_text(encoding="utf-8"))


def test_graph_page_has_one_linked_node_per_card(small_site: Built, small_loaded: Loaded) -> None:
    html = small_site.page("graph")
    nodes = {m.group("id"): m.group("href") for m in NODE_RE.finditer(html)}
    assert sorted(nodes) == sorted(small_loaded.kb.cards)
    for card_id, href in nodes.items():
        target = _resolve(small_site.site, "graph/", href)
        assert target.is_file(), (card_id, href)
        assert '<h1 id="fr-title"' in target.read_text(encoding="utf-8")  # in the same tree
    json_href = re.search(r'data-graph-json="([^"]*)"', html)
    assert json_href and _resolve(small_site.site, "graph/", json_href.group(1)).is_file()
    for name in [e.filename for e in EXPORTERS.values()] + ["schema/concept.schema.json"]:
        assert f'href="../{name}"' in html, name  # the downloads are linked, relative to the page
    assert 'href="graph/"' in small_site.page("")  # the page is in the navigation
    assert html.count('<svg class="kb-graph-svg') == 1


def test_local_graph_links_to_the_neighbours(small_site: Built) -> None:
    html = small_site.page("en/concepts/community-of-practice")
    nodes = {m.group("id"): m.group("href") for m in NODE_RE.finditer(html)}
    assert set(nodes) == {
        "community-of-practice",
        "peripheral-participation",
        "situated-learning",
        "teacher-network",
        "reflective-practice",
    }
    for href in nodes.values():
        assert _resolve(small_site.site, "en/concepts/community-of-practice/", href).is_file(), href
    # The text list of relations is still there, for screen readers and without pictures.
    assert "Legitimate peripheral participation</a>" in html


def test_the_picture_stays_out_of_the_search_index(small_site: Built) -> None:
    index = json.loads((small_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    graph_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("graph/"))
    assert "Communauté de pratique / Community of practice" not in graph_text  # an aria-label of the SVG
    assert "Zoom" not in graph_text


def test_two_builds_publish_the_same_bytes(small_site: Built, tmp_path: Path) -> None:
    again = build_site(FIXTURES / "small", tmp_path / "site")
    assert not again.aborted, again.problems
    names = ["graph/index.html", "concepts/community-of-practice/index.html", "graph.json", "kb.ttl", "kb.jsonld"]
    names += [e.filename for e in EXPORTERS.values()]
    for name in names:
        assert (again.site / name).read_bytes() == (small_site.site / name).read_bytes(), name


def test_links_work_without_directory_urls(tmp_path: Path) -> None:
    project = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    before = snapshot(project)
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    assert snapshot(project) == before  # nothing written into the project
    html = (built.site / "graph" / "index.html").read_text(encoding="utf-8")
    hrefs = [m.group("href") for m in NODE_RE.finditer(html)]
    assert hrefs and all(href.endswith(".html") for href in hrefs)
    for href in hrefs:
        assert (built.site / "graph" / href).resolve().is_file(), href
    card = (built.site / "concepts" / "community-of-practice.html").read_text(encoding="utf-8")
    for match in NODE_RE.finditer(card):
        assert (built.site / "concepts" / match.group("href")).resolve().is_file(), match.group("href")


@pytest.mark.parametrize("name", ["kb.ttl", "graph.json"])
def test_a_hand_written_file_wins_over_a_download(tmp_path: Path, name: str) -> None:
    project = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", project)
    (project / "docs" / name).write_text("hand-written\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted, built.problems
    assert (built.site / name).read_text(encoding="utf-8") == "hand-written\n"
