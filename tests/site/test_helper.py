"""The second process of a first build (build_kb.render.helper): the same site, the same caches, sooner.

The builds run as ``mkdocs build`` in fresh processes: a process with other threads never
forks a helper (the test runner may have some), and the helper is a real fork.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_kb.render import helper
from build_kb.store import CACHE_ENV
from tests.cache_tools import rows
from tests.site.helpers import copy_project, mkdocs_build, snapshot

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper is forked on Linux only")

_MADE = re.compile(r"build_kb: (\d+) of (\d+) generated pages were made by a second process")


def _build(project: Path, site: Path, cache: Path, setting: str) -> str:
    """``mkdocs build --strict`` in a new process; what it logged."""
    done = mkdocs_build(project, site, {CACHE_ENV: str(cache), helper.HELPER_ENV: setting})
    assert done.returncode == 0, done.stderr
    return done.stderr


def _citations(cache: Path) -> dict[tuple[str, str, str], bytes]:
    return {place: data for place, data in rows(cache).items() if place[0] == "citations"}


def test_a_first_build_shares_its_pages_with_a_second_process_and_makes_the_same_site(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "small")
    log_alone = _build(project, tmp_path / "alone", tmp_path / "cache-alone", "off")
    log_shared = _build(project, tmp_path / "shared", tmp_path / "cache-shared", "on")
    assert not _MADE.search(log_alone)
    found = _MADE.search(log_shared)
    assert found, log_shared
    made, total = int(found[1]), int(found[2])
    assert 0 < made <= total
    # Every file of the site, byte for byte, and the citations kept for the next build.
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
    assert _citations(tmp_path / "cache-shared") == _citations(tmp_path / "cache-alone")
    assert any(kind == "layout" for kind, *_ in rows(tmp_path / "cache-shared"))
    # The next build finds every page kept: nothing to make, no second process, the same site.
    log_again = _build(project, tmp_path / "again", tmp_path / "cache-shared", "on")
    assert not _MADE.search(log_again)
    assert snapshot(tmp_path / "again") == snapshot(tmp_path / "alone")


_RACE = r"""
import os, sys, time
from pathlib import Path
from build_kb.render import helper
from build_kb.render.graph_cache import PAGES, HtmlStore

folder, own_work, making = Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
names = [f"page-{n:03d}" for n in range(200)]
build = os.getpid()

def make(name):
    if sys.argv[4] == "helper-fails" and os.getpid() != build:
        raise RuntimeError("the helper breaks down")
    time.sleep(making)
    return f"<p>{name}</p>"

store = HtmlStore(folder, PAGES, "key", remember=False)
running = helper.start(names, make, store)
assert running is not None, "no helper"
drawn = []
for name in names:
    html = running.take(name, store, lambda name=name: drawn.append(name) or make(name))
    assert html == f"<p>{name}</p>", (name, html)
    time.sleep(own_work)  # what MkDocs does with a page: the theme, search, writing
written = running.finish()
store.save()
print(len(drawn), running.taken, written)
"""


def _race(folder: Path, own_work: float, making: float, mode: str = "") -> tuple[int, int, int]:
    """200 pages taken in order by a build that spends ``own_work`` seconds on each, pages costing ``making``."""
    env = {**os.environ, helper.HELPER_ENV: "on"}
    command = [sys.executable, "-c", _RACE, str(folder), str(own_work), str(making), mode]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    drawn, taken, written = (int(value) for value in done.stdout.split())
    assert drawn + taken == 200  # each page taken once: made by the build, or read from what the helper wrote
    assert taken <= written
    return drawn, taken, written


def test_the_helper_makes_pages_ahead_of_the_build(tmp_path: Path) -> None:
    drawn, taken, written = _race(tmp_path, own_work=0.003, making=0.001)
    # The build makes the first pages while the helper starts two batches ahead; then it takes the rest.
    assert drawn <= 4 * helper.BATCH, drawn
    assert written - taken <= helper.BATCH  # pages made twice: at most the batch in hand when the build ended


def test_a_build_that_catches_up_makes_pages_itself_and_the_helper_goes_ahead(tmp_path: Path) -> None:
    drawn, taken, _written = _race(tmp_path, own_work=0.0, making=0.002)
    assert drawn > 2 * helper.BATCH and taken > 0  # both made pages: the helper jumped ahead of the build


def test_a_helper_that_fails_leaves_every_page_to_the_build(tmp_path: Path) -> None:
    drawn, taken, written = _race(tmp_path, own_work=0.001, making=0.001, mode="helper-fails")
    assert (drawn, taken, written) == (200, 0, 0)


def test_no_process_is_forked_beside_other_threads_or_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(helper.HELPER_ENV, "off")
    assert helper.in_background([lambda: None], 10_000) is None
    monkeypatch.setenv(helper.HELPER_ENV, "on")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert helper.in_background([lambda: None], 10_000) is None
    finally:
        stop.set()
        other.join()
