"""Patches of citeproc-py fail loudly, at import, when an upgrade removes what they replace."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from importlib.metadata import version
from pathlib import Path

import pytest

from build_kb.bibliography import engine, fixes, speedups
from build_kb.bibliography.patching import TESTED_UPSTREAM, PatchTargetMissing, require

REPO = Path(__file__).parents[2]


def test_pinned_minor_version_is_the_tested_one() -> None:
    installed = version("citeproc-py")
    assert "citeproc-py " + ".".join(installed.split(".")[:2]) == TESTED_UPSTREAM
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    minor = TESTED_UPSTREAM.split()[1]
    assert f'"citeproc-py~={minor}.' in pyproject  # ~=0.11.x: no upgrade past the tested minor version


def test_missing_target_names_the_upstream_version() -> None:
    fake = types.ModuleType("citeproc.model")

    class Group:
        def join(self) -> None: ...

    fake.Group = Group  # type: ignore[attr-defined]
    require(fake, ["Group.join"], "fixes")  # present: nothing happens
    with pytest.raises(PatchTargetMissing) as caught:
        require(fake, ["Group.join", "Group.process", "Names.process"], "build_kb.bibliography.fixes")
    message = str(caught.value)
    assert "citeproc-py 0.11" in message and "Group.process, Names.process" in message
    assert "Group.join" not in message.split("has no")[1]


@pytest.mark.parametrize("patcher", [fixes.CiteprocFixes("en-US"), speedups.StyleMemo()])
def test_every_replaced_method_is_a_checked_target(patcher: fixes.CiteprocFixes | speedups.StyleMemo) -> None:
    module = fixes if isinstance(patcher, fixes.CiteprocFixes) else speedups
    replaced = {f"{cls.__module__}:{cls.__name__}.{name}" for cls, name, _ in patcher.patches()}
    checked = {f"citeproc.model:{target}" for target in module.TARGETS}
    checked |= {f"citeproc.source:{target}" for target in getattr(module, "SOURCE_TARGETS", ())}
    assert replaced <= checked
    assert engine.TARGETS  # the engine's own reliance is declared too


def test_import_fails_when_citeproc_lost_a_target() -> None:
    """As after an upgrade that renamed a private method: the import stops with a clear error."""
    code = "from citeproc import model\ndel model.FormatNumber._format_last_page\nimport build_kb.bibliography.fixes\n"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode != 0
    assert "PatchTargetMissing" in result.stderr
    assert "as of citeproc-py 0.11" in result.stderr and "FormatNumber._format_last_page" in result.stderr
