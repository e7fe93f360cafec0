"""``build`` and ``serve``: mkdocs.yml is read safely first, then MkDocs runs with the same arguments.

Plain ``mkdocs build`` reads mkdocs.yml before any plugin, and stops with a Python
traceback on a number of over 4,300 digits there (PyYAML's int constructor raises
ValueError inside MkDocs' loader). The wrapper reports it, and the other values MkDocs'
loader cannot take, as diagnostics, and never starts MkDocs then.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from build_kb.cli import main
from build_kb.site_commands import config_file_argument

REPO = Path(__file__).parents[2]
SMALL = REPO / "tests" / "site" / "fixtures" / "small"
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
TIMEOUT = 120


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    shutil.copytree(SMALL, target)
    return target


def run_module(project: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m <module> <args>`` in the project, its output kept."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=TIMEOUT,
        check=False,
    )


def add_to_config(project: Path, text: str) -> int:
    """Append ``text`` to the project's mkdocs.yml; return the line number its first line gets."""
    config = project / "mkdocs.yml"
    before = config.read_text(encoding="utf-8")
    config.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def test_a_huge_integer_stops_build_with_a_diagnostic_not_a_traceback(project: Path) -> None:
    line = add_to_config(project, f"extra:\n  n: {'1' * 5000}\n")
    result = run_module(project, "build_kb", "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"mkdocs.yml:{line + 1}:6: error[config]: a whole number of 5,000 digits" in output
    assert "  hint: Python makes numbers of at most 4,300 digits" in output
    assert "Traceback" not in output
    assert not (project / "site").exists()  # MkDocs was not started


def test_plain_mkdocs_build_still_stops_with_a_traceback_there(project: Path) -> None:
    """What the wrapper is for (and what docs/about.en.md says): once MkDocs reports it itself, revisit both."""
    add_to_config(project, f"extra:\n  n: {'1' * 5000}\n")
    result = run_module(project, "mkdocs", "build")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "Exceeds the limit (4300 digits)" in result.stderr


def test_a_huge_integer_as_a_plugin_option_stops_build_at_the_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - build_kb\n", f"  - build_kb: {{per_page: {'1' * 5000}}}\n"),
        encoding="utf-8",
    )
    assert main(["build", "-f", str(config)]) == 1
    err = capsys.readouterr().err
    assert f"{config.as_posix()}:15:16: error[config]: 'per_page' must be a whole number from 5 to 1000" in err
    assert "MkDocs was not started" in err


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("0x" + "f" * 4000, 6, "a whole number of 4,817 digits"),  # readable text, a value too long to write
        ("1" + ":1" * 3000, 6, "a whole number of 5,335 digits"),
        ("2020-13-45", 6, "'2020-13-45' is not a date (month must be in 1..12)"),
        ("[" * 100 + "]" * 100, 68, "values nest more than 64 levels deep"),
    ],
    ids=["hex", "sexagesimal", "impossible-date", "deep"],
)
def test_values_mkdocs_cannot_load_are_refused_before_it_starts(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    column: int,
    message: str,
) -> None:
    line = add_to_config(project, f"extra:\n  n: {value}\n")
    monkeypatch.chdir(project)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{line + 1}:{column}: error[config]: {message}" in err


def test_an_alias_bomb_is_refused_at_the_alias(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["extra:", "  a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"  a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    first = add_to_config(project, "\n".join(lines) + "\n")
    assert main(["serve", "--config-file", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"mkdocs\.yml:{first + 7}:\d+: error\[config\]: aliases make mkdocs\.yml more than", err), err


@pytest.mark.slow
def test_build_through_the_wrapper_writes_the_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "out"
    result = run_module(project, "build_kb", "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "concepts" / "situated-learning" / "index.html").is_file()
    assert "error[" not in result.stderr


def test_mkdocs_exit_codes_and_help_pass_through(project: Path) -> None:
    help_text = run_module(project, "build_kb", "serve", "--help")
    assert help_text.returncode == 0
    assert "mkdocs serve [OPTIONS]" in help_text.stdout and "--dev-addr" in help_text.stdout
    wrong = run_module(project, "build_kb", "build", "--no-such-option")
    assert wrong.returncode == 2 and "--no-such-option" in wrong.stderr and "mkdocs build" in wrong.stderr


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGTERM are POSIX")
def test_serve_forwards_its_address_and_stops_with_the_wrapper(project: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "build_kb", "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=ENV,
        start_new_session=True,  # one group: whatever happens, the cleanup below stops every process of it
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and not any(f"Serving on http://127.0.0.1:{port}/" in x for x in output):
            assert process.poll() is None, "".join(output)
            time.sleep(0.2)
        assert any(f"Serving on http://127.0.0.1:{port}/" in line for line in output), "".join(output)
        process.terminate()  # the wrapper only: it passes SIGTERM on to MkDocs
        assert process.wait(timeout=30) in (0, 128 + signal.SIGTERM)
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing serves there any more
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group is gone when all went well
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        reader.join(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], None),
        (["--strict"], None),
        (["-f", "a.yml"], "a.yml"),
        (["-fa.yml", "-q"], "a.yml"),
        (["--config-file", "b.yml", "--config-file=c.yml"], "c.yml"),
        (["--", "-f", "x"], None),
    ],
)
def test_the_config_file_is_found_as_mkdocs_reads_it(args: list[str], expected: str | None) -> None:
    assert config_file_argument(args) == expected


def test_properdocs_runs_when_mkdocs_is_absent_and_neither_is_said_plainly(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from build_kb import site_commands

    installed = {"mkdocs": False, "properdocs": True}
    real = importlib.util.find_spec

    def find_spec(name: str) -> object:
        if name in installed:
            return object() if installed[name] else None
        return real(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert site_commands.engine() == "properdocs"
    installed["properdocs"] = False
    monkeypatch.chdir(project)
    assert main(["build", "--strict"]) == 1
    assert "MkDocs is not installed; it comes with the site extra" in capsys.readouterr().err
