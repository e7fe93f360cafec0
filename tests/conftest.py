"""Settings for the whole test suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from build_kb.store import CACHE_ENV


@pytest.fixture(scope="session", autouse=True)
def citation_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Builds keep formatted references in a temporary folder, never in the repository or a fixture.

    Child processes (``mkdocs`` run by a test) inherit the setting.
    """
    folder = str(tmp_path_factory.mktemp("citation-cache"))
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = folder
    yield folder
    if previous is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = previous
