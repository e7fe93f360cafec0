"""``init``, ``schema`` and ``new``'s schema line: a new project builds at once, and travels.

The project ``init`` writes is built for real (``mkdocs build --strict`` and ``check
--strict`` in new processes), its workflow is validated against GitHub's workflow schema,
and no file it or ``new`` writes names a path outside the project.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import build_kb
from build_kb.cli import main
from build_kb.config import ProjectConfig
from build_kb.init import FILES
from build_kb.load.schema import card_schema, schema_text
from build_kb.schemafile import PROJECT_SCHEMA, schema_reference
from tests.scenario_runner import BASE

REPO = Path(__file__).parents[2]
SCHEMA_LINE = re.compile(r"\$schema=(\S+)")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` in ``cwd`` with this checkout's build_kb, as a person would run it there."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def written(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def assert_paths_stay_inside(root: Path, files: list[Path] | None = None) -> None:
    """No file names the environment, and every ``$schema`` path resolves inside the project."""
    for path in written(root) if files is None else files:
        text = path.read_text(encoding="utf-8")
        for outside in ("site-packages", sys.prefix, str(REPO), str(root)):
            assert outside not in text, f"{path} names {outside}"
        for reference in SCHEMA_LINE.findall(text):
            if reference.startswith("https://"):
                continue
            target = (path.parent / reference).resolve()
            assert target.is_relative_to(root.resolve()) and target.is_file(), (path, reference)


@pytest.mark.slow
def test_init_writes_a_project_that_checks_and_builds_strictly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = tmp_path / "demo"
    code, out, _ = run(capsys, "init", str(project), "--title", "Démo: a KB", "--languages", "fr,en")
    assert code == 0
    files = [path.relative_to(project).as_posix() for path in written(project)]
    assert files == sorted([*FILES, PROJECT_SCHEMA])
    assert {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("created ")} == {
        (project / path).as_posix() for path in files
    }
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["site_name"] == "Démo: a KB"
    english = dict(
        zip(
            ["Accueil", "Thèmes", "Fiches", "Bibliographie", "Graphe"],
            ["Home", "Themes", "Cards", "References", "Graph"],
        )
    )
    assert settings["plugins"][1] == {
        "build_kb": {"languages": ["fr", "en"], "translations": {"en": {"site_name": "Démo: a KB", "nav": english}}}
    }
    assert (project / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == ["/site/", ".cache/"]
    assert (project / PROJECT_SCHEMA).read_text(encoding="utf-8") == schema_text()
    assert_paths_stay_inside(project)

    checked = python("-m", "build_kb", "check", "--strict", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "2 cards, 1 reference: 0 errors, 0 warnings"
    built = python("-m", "mkdocs", "build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    card = (project / "site/concepts/semantic-web/index.html").read_text(encoding="utf-8")
    assert "Web sémantique" in card and "Berners-Lee" in card
    english_home = (project / "site/en/index.html").read_text(encoding="utf-8")  # the en tree, its own nav titles
    assert '<html lang="en"' in english_home and "Cards" in english_home and "Fiches" not in english_home
    assert (project / "site/schema/concept.schema.json").is_file()


def test_init_in_another_language_marks_the_english_texts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "init", str(tmp_path), "--languages", "de,en")
    assert code == 0
    theme = (tmp_path / "concepts/start-here.yaml").read_text(encoding="utf-8")
    assert "# The de texts below are English: translate them." in theme
    assert yaml.safe_load(theme)["label"] == {"de": "Getting started", "en": "Getting started"}
    settings = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["theme"]["language"] == "de"
    translations = settings["plugins"][1]["build_kb"]["translations"]
    assert list(translations) == ["en"] and translations["en"]["site_name"] == settings["site_name"]
    assert translations["en"]["nav"] == {t: t for t in ("Home", "Themes", "Cards", "References", "Graph")}
    # No German catalog in the package: init writes the project's own, in English, to translate.
    catalog = (tmp_path / "locales/de.po").read_text(encoding="utf-8")
    assert "translate each msgstr" in catalog and '"Language: de\\n"' in catalog
    assert not (tmp_path / "locales/en.po").exists()
    assert main(["check", "--strict", str(tmp_path)]) == 0
    (tmp_path / "locales/de.po").unlink()
    assert main(["check", "--strict", str(tmp_path)]) == 1  # a language needs its catalog


def test_init_with_a_site_url_sets_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "init", str(tmp_path), "--site-url", "https://team.github.io/kb/")
    assert code == 0
    assert yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"] == (
        "https://team.github.io/kb/"
    )
    assert_paths_stay_inside(tmp_path)


def test_init_refuses_bad_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for option, value in (("--languages", "fr,fr"), ("--languages", "French"), ("--site-url", "example.org")):
        with pytest.raises(SystemExit) as stopped:
            main(["init", str(tmp_path), option, value])
        assert stopped.value.code == 2
    assert written(tmp_path) == []


def test_init_never_overwrites_and_writes_nothing_when_refusing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Mine\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    code, out, err = run(capsys, "init", str(tmp_path))
    assert code == 1 and out == ""
    assert err.splitlines()[:3] == [
        f"build_kb init: error: 2 file(s) already exist in {tmp_path}; nothing written:",
        "  docs/index.md",
        "  mkdocs.yml",
    ]
    assert written(tmp_path) == [tmp_path / "docs/index.md", tmp_path / "mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"


def assert_valid_workflow(path: Path) -> None:
    """GitHub's workflow schema, as vendored by check-jsonschema (no network)."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    validated = subprocess.run(command, capture_output=True, text=True, check=False)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_generated_workflow_is_a_valid_github_workflow(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    capsys.readouterr()
    workflow_file = tmp_path / ".github/workflows/kb.yml"
    assert_valid_workflow(workflow_file)
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "python -m build_kb check --strict --format github" in runs
    assert "mkdocs build --strict --site-dir site" in runs
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/cache"]["with"]["path"] == ".cache/build_kb"
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert set(workflow[True]) == {"pull_request", "push", "workflow_dispatch"}  # YAML 1.1 reads "on" as True


def test_own_ci_runs_on_ubuntu_runners_and_builds_with_properdocs() -> None:
    workflow_file = REPO / ".github/workflows/ci.yml"
    assert_valid_workflow(workflow_file)
    jobs = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))["jobs"]
    runs = [step.get("run", "") for job in jobs.values() for step in job["steps"]]
    assert "python -m playwright install --with-deps chromium" in runs
    assert not any("apt-get" in run for run in runs)
    assert any(run.startswith("properdocs build --strict") for run in runs)


def test_generated_precommit_config_checks_any_card_or_bib(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == "build-kb-check" and hook["entry"] == "python -m build_kb check --strict"
    assert hook["pass_filenames"] is False
    assert_hook_files_pattern(hook["files"])


def assert_hook_files_pattern(pattern: str) -> None:
    """A hook's ``files:`` runs it for cards and libraries wherever the settings put them."""
    for path in ("concepts/a.yaml", "kb/cards/a.yml", "library/refs.bib", "mkdocs.yml", "sub/mkdocs.yml"):
        assert re.search(pattern, path), path
    for path in ("docs/index.md", "build_kb/cli.py", "README.md"):
        assert not re.search(pattern, path), path


def test_the_published_hook_honours_other_folders() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "build-kb-check" and hook["pass_filenames"] is False
    assert_hook_files_pattern(hook["files"])
    own = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert own["repos"][0]["hooks"][0]["files"] == hook["files"]


def test_schema_command_writes_updates_and_never_replaces_another_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / PROJECT_SCHEMA
    assert run(capsys, "schema", str(tmp_path))[:2] == (0, f"created {target.as_posix()}\n")
    assert target.read_text(encoding="utf-8") == schema_text()
    assert run(capsys, "schema", str(tmp_path))[:2] == (0, f"unchanged {target.as_posix()}\n")
    older = {**card_schema(), "title": "An older card schema"}
    target.write_text(json.dumps(older), encoding="utf-8")
    assert run(capsys, "schema", str(tmp_path))[:2] == (0, f"updated {target.as_posix()}\n")
    assert target.read_text(encoding="utf-8") == schema_text()
    other = tmp_path / "mine.json"
    other.write_text('{"title": "my own schema"}', encoding="utf-8")
    code, _, err = run(capsys, "schema", str(tmp_path), "--output", str(other))
    assert code == 1 and "is not a build_kb card schema; not overwriting it" in err
    assert other.read_text(encoding="utf-8") == '{"title": "my own schema"}'


def schema_line(card: Path) -> str:
    first = card.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.search(first)
    assert match, first
    return match.group(1)


def test_new_points_at_the_project_copy_and_writes_it_when_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    code, out, _ = run(capsys, "new", "gamma", "--theme", "theme-one", "--project", str(tmp_path))
    assert code == 0
    assert out.splitlines()[:2] == [
        "created concepts/gamma.yaml",
        f"created {PROJECT_SCHEMA} (the card schema, for editors)",
    ]
    assert schema_line(tmp_path / "concepts/gamma.yaml") == "../schema/concept.schema.json"
    assert_paths_stay_inside(tmp_path, [tmp_path / "concepts/gamma.yaml", tmp_path / PROJECT_SCHEMA])
    assert run(capsys, "new", "delta", "--theme", "theme-one", "--project", str(tmp_path))[0] == 0
    assert schema_line(tmp_path / "concepts/delta.yaml") == "../schema/concept.schema.json"


def test_new_points_at_the_published_schema_when_the_site_has_an_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://team.github.io/kb\nplugins:\n  - build_kb\n", encoding="utf-8"
    )
    assert run(capsys, "new", "gamma", "--theme", "theme-one", "--project", str(tmp_path))[0] == 0
    assert schema_line(tmp_path / "concepts/gamma.yaml") == "https://team.github.io/kb/schema/concept.schema.json"
    assert not (tmp_path / PROJECT_SCHEMA).exists()


def test_in_this_repository_cards_point_at_the_schema_in_its_source() -> None:
    """Here the package's own file is part of the project: the shipped cards' line, unchanged."""
    if not Path(build_kb.__file__).resolve().is_relative_to(REPO.resolve()):
        pytest.skip("build_kb is not imported from this checkout")
    reference = schema_reference(ProjectConfig(root=REPO), REPO / "concepts")
    assert reference == "../build_kb/schema/concept.schema.json"
    assert schema_line(REPO / "concepts/activity-clinic.yaml") == reference
