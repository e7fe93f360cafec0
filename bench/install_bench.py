"""Benchmark: what ``pip install build-kb`` weighs, and how long ``check`` takes to start.

For each install it makes a fresh virtual environment and installs one commit's tree
(``git archive``, so no checkout is written to) into it, not editable, as a user would:

- *before*: a tree where everything is a dependency (main before the ``site`` extra);
- *after, base*: this tree with no extra (``check``, ``new``, ``init``, ``schema``,
  ``export``, ``query``, the pre-commit hook);
- *after, site*: this tree with ``[site]`` (what ``mkdocs build`` needs).

It reports the size of each environment's ``site-packages`` (``du``, in MB), the largest
packages, and the best of seven wall times of ``python -m build_kb check`` on the shipped
knowledge base (the whole command: what a pre-commit hook pays), run from a neutral folder
so the installed package is the one imported, each install with its own warm build cache;
and the same for ``python -m build_kb --version``: start-up alone (every import ``check``
makes before it reads a file).

Writes ``bench/RESULTS-install.md``. Run:
``python bench/install_bench.py --before main --after HEAD``
(needs a package index pip can reach; it is mostly I/O).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS-install.md"
RUNS = 7


@dataclass
class Install:
    name: str
    spec: str
    size_mb: float = 0.0
    largest: list[tuple[str, float]] | None = None
    check_s: float = 0.0
    startup_s: float = 0.0
    check_out: str = ""


def _du_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            file = Path(root) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total / 1e6


def _site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python*/site-packages"))
    if not found:
        raise SystemExit(f"no site-packages in {venv}")
    return found[0]


def _largest(site: Path, count: int = 6) -> list[tuple[str, float]]:
    sizes = [
        (entry.name, _du_mb(entry)) for entry in site.iterdir() if entry.is_dir() and "dist-info" not in entry.name
    ]
    return sorted(sizes, key=lambda item: -item[1])[:count]


def install(entry: Install, work: Path) -> Path:
    """Install into a fresh environment and measure its size; return its Python."""
    venv = work / "".join(c if c.isalnum() else "-" for c in entry.name)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", entry.spec], check=True)
    # pip and setuptools come with every venv: count what build_kb brings.
    subprocess.run([str(python), "-m", "pip", "uninstall", "-q", "-y", "pip", "setuptools"], check=False)
    site = _site_packages(venv)
    entry.size_mb = _du_mb(site)
    entry.largest = _largest(site)
    return python


def time_checks(installs: dict[str, Path], entries: list[Install], project: Path, work: Path) -> None:
    """Best wall time of ``check`` for each install, runs taken in turn so a busy moment hits all alike."""
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    times: dict[str, list[float]] = {entry.name: [] for entry in entries}
    startups: dict[str, list[float]] = {entry.name: [] for entry in entries}
    for round_ in range(RUNS + 1):  # the first round warms the caches and is not counted
        for entry in entries:
            # Each install keeps its own build cache (the parsed BibTeX): versions sharing one
            # would evict each other's entries and every run would parse again.
            cache = work / ("cache-" + "".join(c if c.isalnum() else "-" for c in entry.name))
            env = {**base_env, "BUILD_KB_CACHE_DIR": str(cache)}
            python = str(installs[entry.name])
            start = time.perf_counter()
            subprocess.run([python, "-m", "build_kb", "--version"], cwd=work, env=env, capture_output=True, check=True)
            middle = time.perf_counter()
            command = [python, "-m", "build_kb", "check", str(project)]
            result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
            if round_:
                startups[entry.name].append(middle - start)
                times[entry.name].append(time.perf_counter() - middle)
            entry.check_out = (result.stdout.strip().splitlines() or [result.stderr.strip()])[-1]
    for entry in entries:
        entry.check_s = min(times[entry.name])
        entry.startup_s = min(startups[entry.name])


def _tree(ref: str, target: Path) -> Path:
    """The files of commit ``ref`` of this repository, unpacked into ``target``."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", ref], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def report(installs: list[Install]) -> str:
    before = installs[0]
    lines = [
        "# Install size and `check` start-up",
        "",
        f"Written by `bench/install_bench.py` ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs). Size: `site-packages` of a fresh venv without pip and "
        f"setuptools. `check`: best of {RUNS} wall times of `python -m build_kb check` on the shipped base, "
        "the installs taking turns "
        "(process start, imports, reading 74 cards and 52 references, checking), from a neutral folder, each "
        "install with its own warm build cache. Start-up: the same for `python -m build_kb --version` "
        "(process start and every import `check` makes before reading a file).",
        "",
        "| install | size (MB) | vs before | start-up (s) | vs before | `check` (s) | vs before | `check` says |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for entry in installs:
        lines.append(
            f"| {entry.name} | {entry.size_mb:.0f} | "
            f"{entry.size_mb / before.size_mb:.2f} | "
            f"{entry.startup_s:.2f} | {entry.startup_s / before.startup_s:.2f} | "
            f"{entry.check_s:.2f} | "
            f"{entry.check_s / before.check_s:.2f} | {entry.check_out} |"
        )
    lines += ["", "Largest packages of each install (MB):", ""]
    for entry in installs:
        largest = ", ".join(f"{name} {size:.0f}" for name, size in entry.largest or [])
        lines.append(f"- {entry.name}: {largest}")
    lines += [
        "",
        "The bar (issue 20): the base install at most a third of the size before, `check` in under "
        "half the time before.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git commit before the change (default: main)")
    parser.add_argument("--after", default="HEAD", help="git commit after (default: HEAD)")
    parser.add_argument("--project", type=Path, default=HERE.parent, help="knowledge base to check")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="install-bench-"))
    before, after = _tree(args.before, work / "src-before"), _tree(args.after, work / "src-after")
    installs = [
        Install(f"before ({args.before})", str(before)),
        Install(f"after ({args.after}), base", str(after)),
        Install(f"after ({args.after}), site", f"{after}[site]"),
    ]
    try:
        pythons = {}
        for entry in installs:
            print(f"{entry.name}: installing {entry.spec}", file=sys.stderr)
            pythons[entry.name] = install(entry, work)
        time_checks(pythons, installs, args.project.resolve(), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(installs)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
