"""One scenario folder per check: each asserts the exact codes, lines and columns.

A scenario is the shared ``scenarios/_base`` project with the scenario's own files
copied over it; ``expected.txt`` lists every diagnostic as ``path:line:col: severity[code]``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.codes import CODES
from build_kb.pipeline import load_project
from tests.scenario_runner import BASE, expected, run_scenario, scenario_names, short


def test_base_project_is_clean() -> None:
    assert load_project(BASE).diagnostics == []


@pytest.mark.parametrize("name", scenario_names())
def test_scenario(name: str, tmp_path: Path) -> None:
    diagnostics = run_scenario(name, tmp_path)
    assert [short(d) for d in diagnostics] == expected(name)


@pytest.mark.parametrize("name", scenario_names())
def test_scenario_shows_its_own_code(name: str, tmp_path: Path) -> None:
    """The folder's name is the code it demonstrates, and that code is reported."""
    assert name in CODES
    codes = {d.code for d in run_scenario(name, tmp_path)}
    assert name in codes


# Codes no input can trigger today, with the reason; each is a safety net.
NO_SCENARIO = {
    "invalid-value": "fallback for JSON Schema keywords the card schema does not use",
}


def test_every_code_has_a_scenario() -> None:
    assert sorted(set(CODES) - set(NO_SCENARIO)) == scenario_names()


@pytest.mark.parametrize("name", scenario_names())
def test_every_diagnostic_has_a_position_and_message(name: str, tmp_path: Path) -> None:
    for diagnostic in run_scenario(name, tmp_path):
        assert diagnostic.position.line >= 1 and diagnostic.position.column >= 1
        assert diagnostic.message
