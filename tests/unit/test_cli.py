"""The ``check`` command: output formats, sorting, exit codes, strict mode."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_kb.cli import main
from tests.scenario_runner import BASE, build_scenario

REPO = Path(__file__).parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_clean_project_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", str(BASE))
    assert code == 0
    assert out.strip() == "3 cards, 2 references: 0 errors, 0 warnings"


def test_errors_exit_1_sorted_by_file_and_position(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = build_scenario("unknown-concept", tmp_path)
    build_scenario("bibtex-syntax", tmp_path)  # adds a problem in another file
    code, out = run(capsys, "check", str(project))
    assert code == 1
    lines = [line for line in out.splitlines() if not line.startswith(("  hint:", "4 cards"))]
    positions = [tuple(line.split(":")[:3]) for line in lines]
    keys = [(p, int(line), int(col)) for p, line, col in positions]
    assert keys == sorted(keys)
    assert "concepts/gamma.yaml:8:20: error[unknown-concept]: related target 'bta'" in out
    assert "  hint: did you mean 'beta'?" in out
    assert "references/extra.bib:7:1: error[bibtex-syntax]" in out
    assert out.splitlines()[-1] == "4 cards, 3 references: 3 errors, 1 warning"


def test_warnings_fail_only_under_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = build_scenario("uncited-reference", tmp_path)
    code, out = run(capsys, "check", str(project))
    assert code == 0 and "warning[uncited-reference]" in out
    code, out = run(capsys, "check", "--strict", str(project))
    assert code == 1 and "error[uncited-reference]" in out


def test_json_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = build_scenario("unknown-concept", tmp_path)
    code, out = run(capsys, "check", "--format", "json", str(project))
    data = json.loads(out)
    assert code == 1
    assert data[0] == {
        "path": "concepts/gamma.yaml",
        "line": 3,
        "column": 10,
        "severity": "error",
        "code": "unknown-concept",
        "message": "theme 'theme-on' is not a card of this knowledge base",
        "hint": "did you mean 'theme-one'?",
    }


def test_github_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = build_scenario("unknown-concept", tmp_path)
    _code, out = run(capsys, "check", "--format", "github", str(project))
    first = out.splitlines()[0]
    assert first.startswith("::error file=concepts/gamma.yaml,line=3,col=10,title=unknown-concept::theme 'theme-on'")
    assert "%0Adid you mean 'theme-one'?" in first
    assert out.splitlines()[-1].startswith("::notice::")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as missing:
        main(["check", str(tmp_path / "nowhere")])
    assert missing.value.code == 2
    with pytest.raises(SystemExit) as bad_format:
        main(["check", "--format", "xml", str(BASE)])
    assert bad_format.value.code == 2
    with pytest.raises(SystemExit) as no_command:
        main([])
    assert no_command.value.code == 2


def test_reads_settings_from_mkdocs_yml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(BASE, project / "cards")
    (project / "cards" / "references").rename(project / "bib")
    (project / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - build_kb:\n      concepts_dir: cards/concepts\n      references_dir: bib\n",
        encoding="utf-8",
    )
    code, out = run(capsys, "check", str(project))
    assert (code, out.strip()) == (0, "3 cards, 2 references: 0 errors, 0 warnings")


def test_python_dash_m_on_the_shipped_knowledge_base() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build_kb", "check", "--strict"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout
    assert "Traceback" not in result.stderr


def test_new_scaffolds_refuses_and_explains(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    code, out = run(capsys, "new", "gamma", "--kind", "method", "--theme", "theme-one", "--project", str(tmp_path))
    assert code == 0 and out.startswith("created concepts/gamma.yaml")
    assert (tmp_path / "concepts/gamma.yaml").is_file()
    before = (tmp_path / "concepts/gamma.yaml").read_text(encoding="utf-8")
    assert main(["new", "gamma", "--theme", "theme-one", "--project", str(tmp_path)]) == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert (tmp_path / "concepts/gamma.yaml").read_text(encoding="utf-8") == before
    assert main(["new", "delta", "--theme", "theme-on", "--project", str(tmp_path)]) == 1
    assert "hint: did you mean 'theme-one'?" in capsys.readouterr().err
    assert main(["new", "Delta Card", "--theme", "theme-one", "--project", str(tmp_path)]) == 1
    assert "hint: try 'delta-card'" in capsys.readouterr().err
    assert not (tmp_path / "concepts/delta.yaml").exists()
