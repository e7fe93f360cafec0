"""The shipped knowledge base builds with ``mkdocs build --strict`` whenever its checker is clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.helpers import REPO, article


@pytest.mark.slow
def test_repo_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    home = article((site / "index.html").read_text(encoding="utf-8"))
    assert "Crinon, 2021" in home.text  # the home page cites its source paper
    assert "{{" not in home.text
    card = article((site / "concepts" / "community-of-practice" / "index.html").read_text(encoding="utf-8"))
    assert "Communauté de pratique" in card.text and "Community of practice" in card.text
    assert (site / "concepts" / "index.html").exists() and (site / "references" / "index.html").exists()
    contributing = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "{{ kb.field_reference }}" not in contributing and "{{ kb.diagnostic_codes }}" not in contributing
    assert "unknown-concept" in contributing
