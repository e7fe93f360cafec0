"""Shared fixtures of the site tests: fixture projects built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from build_kb.pipeline import Loaded, load_project
from tests.browser_support import require_chromium, serve
from tests.site.helpers import FIXTURES, REPO, Built, build_site, snapshot


@pytest.fixture(scope="session")
def small_loaded() -> Loaded:
    """The small clean fixture: every relation kind, citation form and evidence level."""
    loaded = load_project(FIXTURES / "small")
    assert loaded.diagnostics == []
    return loaded


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small fixture built with ``mkdocs build --strict``, in place (site in a temp folder)."""
    project = FIXTURES / "small"
    before = snapshot(project)
    built = build_site(project, tmp_path_factory.mktemp("small") / "site")
    assert snapshot(project) == before, "the build wrote into the fixture project"
    assert not built.aborted, built.problems
    return built


@pytest.fixture()
def fixture_path() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shipped knowledge base built with ``mkdocs build --strict`` (both language trees)."""
    built = build_site(REPO, tmp_path_factory.mktemp("repo") / "site")
    assert not built.aborted, built.problems
    return built


@pytest.fixture(scope="session")
def base_url(repo_site: Built) -> Iterator[str]:
    """The shipped base served on the loopback, for the browser tests (a module may serve another site)."""
    require_chromium()
    with serve(repo_site.site) as base:
        yield base
