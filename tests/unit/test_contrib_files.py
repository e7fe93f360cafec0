"""The pull-request workflow and the pre-commit hooks: valid, and running commands that exist."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from build_kb.cli import _parser

REPO = Path(__file__).parents[2]


def build_kb_args(command: str) -> list[str] | None:
    """The arguments of a ``python -m build_kb ...`` command line, or None for another command."""
    words = shlex.split(command)
    if words[:3] == ["python", "-m", "build_kb"]:
        return words[3:]
    return None


def test_workflow_is_valid_and_runs_real_commands() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert set(triggers) == {"pull_request", "push"}
    steps = workflow["jobs"]["check-build-test"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert any("build_kb check" in run and "--format github" in run for run in runs)
    assert any(run.startswith("mkdocs build --strict") for run in runs)
    assert any("pytest" in run for run in runs)
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    for run in runs:
        args = build_kb_args(run)
        if args is not None:
            _parser().parse_args(args)  # exits 2 on an option that does not exist


def test_pre_commit_hooks_run_real_commands() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in [*hooks, *published]:
        args = build_kb_args(hook["entry"])
        if args is not None:
            _parser().parse_args(args)
        else:
            assert shutil.which(shlex.split(hook["entry"])[0]), hook["entry"]
    check = next(h for h in hooks if h["id"] == "build-kb-check")
    # Any folder: check reads concepts_dir and references_dir itself (tests/unit/test_init.py).
    assert re.search(check["files"], "kb/cards/x.yaml") and re.search(check["files"], "library/x.bib")


@pytest.mark.parametrize("path", ["concepts/alpha.yaml", "references/library.bib", "mkdocs.yml"])
def test_check_hook_fires_on_card_and_bibtex_changes(path: str) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    check = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "build-kb-check")
    assert re.search(check["files"], path)
    assert not re.search(check["files"], "build_kb/cli.py")
