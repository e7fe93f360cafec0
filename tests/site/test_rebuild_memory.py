"""``mkdocs serve`` rebuilds in one process: each build lets the last one go.

A build's objects refer to each other (MkDocs' files, pages and plugins; the plugin's
pages and their makers), so only the cycle collector frees them; its full pass seldom
comes once a build has frozen its objects (``gc.freeze``). The automatic collector is
off here, as it is in effect between rebuilds: the last build must still be let go.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.site.helpers import FIXTURES

pytestmark = pytest.mark.slow


def _build(site_dir: Path) -> weakref.ref[object]:
    """Build the small fixture project in this process, as ``mkdocs serve`` does; a weak reference to its plugin."""
    config = load_config(config_file=str(FIXTURES / "small" / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return weakref.ref(config.plugins["build_kb"])


def test_a_second_build_in_the_same_process_frees_the_first(tmp_path: Path) -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        first = _build(tmp_path / "one")
        assert first() is not None  # held by its own cycles: nothing has collected it yet
        second = _build(tmp_path / "two")
        assert first() is None
        assert second() is not None
    finally:
        if enabled:
            gc.enable()
        gc.collect()
