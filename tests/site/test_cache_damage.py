"""A damaged, forged or foreign build cache is a miss: `check` and the build succeed, with the same output.

Every kind of entry (parsed BibTeX, layout, citations, local graphs, pages) is damaged in
each way of :mod:`tests.cache_tools`, then ``check`` and ``mkdocs build --strict`` run in
new processes, as a person runs them, on the damaged cache: both succeed, the site is byte
for byte the site built without a cache, nothing forged reaches it, and the cache is whole
again afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_kb.store import CACHE_ENV, FILE
from tests.cache_tools import EVIL_MARKS, FILE_DAMAGES, KINDS, ROW_DAMAGES, damage, rows
from tests.site.helpers import copy_project, mkdocs_build, snapshot


def _check(project: Path, cache: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "build_kb", "check", "--strict", str(project)]
    env = {**os.environ, CACHE_ENV: cache}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str, Path]:
    """The small project, its site and `check` output without a cache, and a cache a first build filled."""
    folder = tmp_path_factory.mktemp("cache-damage")
    project = copy_project("small", folder / "small")
    built = mkdocs_build(project, folder / "uncached", {CACHE_ENV: "off"})
    assert built.returncode == 0, built.stderr
    checked = _check(project, "off")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    cache = folder / "cache"
    first = mkdocs_build(project, folder / "first", {CACHE_ENV: str(cache)})
    assert first.returncode == 0, first.stderr
    assert snapshot(folder / "first") == snapshot(folder / "uncached")  # cache on or off, the same site
    assert {kind for kind, *_ in rows(cache)} == set(KINDS)
    return project, snapshot(folder / "uncached"), checked.stdout, cache


@pytest.mark.parametrize("how", ROW_DAMAGES + FILE_DAMAGES)
def test_a_damaged_cache_is_a_miss_and_the_site_is_the_same(
    how: str, warm: tuple[Path, dict[str, str], str, Path], tmp_path: Path
) -> None:
    project, expected, checked, populated = warm
    cache = tmp_path / "cache"
    shutil.copytree(populated, cache)
    before = rows(cache)
    damaged = damage(cache, how)
    assert set(damaged) == set(KINDS)  # every kind was there to damage
    if how in ROW_DAMAGES and how not in ("wrong-types", "truncated-value"):
        assert not set(before) & set(rows(cache))  # none reads back as it was (else: its reader refuses it)
    again = _check(project, str(cache))
    assert (again.returncode, again.stdout) == (0, checked), again.stderr
    assert "Traceback" not in again.stderr
    built = mkdocs_build(project, tmp_path / "site", {CACHE_ENV: str(cache)})
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert snapshot(tmp_path / "site") == expected
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not any(mark in text for mark in EVIL_MARKS), path
    assert {kind for kind, *_ in rows(cache)} == set(KINDS)  # made again, and signed
    assert (cache / FILE).is_file()
