"""Run one scenario folder: the shared base project with the scenario's files on top."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from build_kb.diagnostics import Diagnostic
from build_kb.pipeline import load_project

SCENARIOS = Path(__file__).parent / "scenarios"
BASE = SCENARIOS / "_base"
GIT_TRACKED = "git-tracked.txt"
"""A scenario's list of files to make and add to a git repository of the project (the base is none)."""


def scenario_names() -> list[str]:
    """Every scenario folder but the shared base, sorted."""
    return sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_scenario(name: str, target: Path) -> Path:
    """Copy the base project, then the scenario's files over it, into ``target``.

    A file ``NAME.symlink`` becomes a symbolic link ``NAME`` to the path the file holds
    (git keeps it as a plain file on every system).
    """
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    for file in sorted((SCENARIOS / name).rglob("*")):
        if file.is_file() and file.name not in ("expected.txt", GIT_TRACKED):
            dest = target / file.relative_to(SCENARIOS / name)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if file.suffix == ".symlink":
                dest.with_suffix("").symlink_to(file.read_text(encoding="utf-8").strip())
            else:
                shutil.copyfile(file, dest)
    tracked = SCENARIOS / name / GIT_TRACKED
    if tracked.is_file():
        _commit(
            target,
            [line for line in tracked.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")],
        )
    return target


def _commit(target: Path, paths: list[str]) -> None:
    """Make ``target`` a git repository whose index holds ``paths`` (made empty if missing), as committed."""
    for path in paths:
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).touch()
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "add", "-f", "--", *paths], check=True)


def short(diagnostic: Diagnostic) -> str:
    """``path:line:col: severity[code]``: what a scenario's expected.txt lists."""
    pos = diagnostic.position
    return f"{diagnostic.path}:{pos.line}:{pos.column}: {diagnostic.severity.value}[{diagnostic.code}]"


def run_scenario(name: str, target: Path) -> list[Diagnostic]:
    return load_project(build_scenario(name, target)).diagnostics


def expected(name: str) -> list[str]:
    text = (SCENARIOS / name / "expected.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
