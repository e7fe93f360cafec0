"""A project in a language build_kb does not ship: its own catalog, and what `check` and the build say without one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.helpers import FIXTURES, article, build_site, copy_project, mkdocs_build

pytestmark = pytest.mark.slow
REPO = Path(__file__).parents[2]


def test_german_project_builds_strictly_with_its_catalog(tmp_path: Path) -> None:
    built = build_site(FIXTURES / "german", tmp_path / "site")
    assert not built.aborted and built.problems == []
    page = built.page("concepts/praxisgemeinschaft")
    assert '<html lang="de"' in page
    text = article(page).text
    for german in ("Begriffsbestimmung", "Was die Forschung sagt", "Literatur", "Den Graphen überspringen"):
        assert german in text or german in page
    assert "What research says" not in page
    assert 'placeholder="Suche"' in page  # Material's own words, in theme.language's tree language
    english = built.page("en/concepts/praxisgemeinschaft")
    assert '<html lang="en"' in english and "What research says" in article(english).text
    assert 'placeholder="Search"' in english
    home = built.page("")
    assert ">\n              Deutsch\n" in home and ">\n              English\n" in home  # the selector


def _check(project: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "build_kb", "check", str(project)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def _first_line(output: str, code: str) -> str:
    """``path:line:col: error[code]: message``: the part `check` and the build both print."""
    lines = [line for line in output.splitlines() if f"error[{code}]" in line]
    assert lines, output
    return lines[0][lines[0].index(" - ") + 3 :].strip() if " - " in lines[0] else lines[0].strip()


@pytest.mark.parametrize("code", ["missing-catalog", "incomplete-catalog"])
def test_check_and_build_say_the_same_of_a_missing_catalog(tmp_path: Path, code: str) -> None:
    project = copy_project("german", tmp_path / "project")
    catalog = project / "locales" / "de.po"
    if code == "missing-catalog":
        catalog.unlink()
    else:
        catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgid "references"', 'msgid "referenzen"'))
    checked = _first_line(_check(project), code)
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.stdout + built.stderr
    from_build = _first_line(built.stdout + built.stderr, code)
    assert from_build.startswith(checked), (checked, from_build)
    where = "mkdocs.yml:11:7" if code == "missing-catalog" else "locales/de.po:1:1"
    assert checked.startswith(f"{where}: error[{code}]: ")
