"""Benchmark: the worst-case inputs of issue 15, each checked within 256 MB and 5 s.

Each case is a small project (the scenarios' base, three cards and two entries) plus one
hostile input: nested ``@string`` macros, keys and names longer than any file name, huge
integers in cards and in ``mkdocs.yml``, a year of 4,301 digits, a library of 20,000
entries. Each is checked by ``python -m build_kb check`` in a fresh process (build cache
off), and the process's peak resident memory and wall time are recorded against the
bound. Writes ``bench/RESULTS-limits.md``.
Run: ``python bench/limits_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
REPO = HERE.parent
BASE = REPO / "tests" / "scenarios" / "_base"
RESULTS = HERE / "RESULTS-limits.md"
MEMORY_MB = 256
SECONDS = 5.0

_CHILD = r"""
import contextlib, io, json, resource, sys, time
start = time.perf_counter()
from build_kb.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["check", sys.argv[1]])
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
codes = sorted({line.split("[")[1].split("]")[0] for line in out.getvalue().splitlines() if "error[" in line})
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak, "exit": code, "codes": codes}))
"""


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def nested_macros(root: Path, levels: int = 12, copies: int = 8) -> None:
    """``m1 = m0 # m0 # ...`` to ``m12``: 8^12 times 48 characters (3 TB) if expanded."""
    lines = ["@string{m0 = {xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}}"]
    lines += [f"@string{{m{i} = {' # '.join([f'm{i - 1}'] * copies)}}}" for i in range(1, levels + 1)]
    lines.append(f"@misc{{bomb2020, author = {{Doe, Jane}}, title = m{levels}, year = {{2020}}}}")
    (root / "references" / "macros.bib").write_text("\n".join(lines) + "\n", encoding="utf-8")


def unused_nested_macros(root: Path, levels: int = 40, copies: int = 8) -> None:
    """``m1 = m0 # m0 # ...`` to ``m40`` that no entry uses: defined, never expanded (8^40 times 48 characters)."""
    lines = ["@string{m0 = {xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}}"]
    lines += [f"@string{{m{i} = {' # '.join([f'm{i - 1}'] * copies)}}}" for i in range(1, levels + 1)]
    (root / "references" / "macros.bib").write_text("\n".join(lines) + "\n", encoding="utf-8")


def many_macros_used(root: Path) -> None:
    """:func:`many_macros`, each used by an entry: expanded until the file's budget is spent, then refused."""
    many_macros(root)
    entries = [f"@misc{{u{i}, author = {{Doe, Jane}}, title = c{i}, year = {{2020}}}}" for i in range(20_000)]
    _append(root / "references" / "macros.bib", "\n".join(entries) + "\n")


def many_macros(root: Path) -> None:
    """20,000 macros of 50,000 characters each, all within the per-macro bound: 1 GB if all were expanded."""
    lines = ["@string{b = {" + "y" * 25_000 + "}}"]
    lines += [f"@string{{c{i} = b # b}}" for i in range(20_000)]
    (root / "references" / "macros.bib").write_text("\n".join(lines) + "\n", encoding="utf-8")


def long_keys(root: Path) -> None:
    """Keys and author names of 300 to 100,000 characters."""
    entries = []
    for index, size in enumerate((300, 5_000, 100_000)):
        key = f"k{index}" + "x" * size
        family = "Verylongname" * (size // 12)
        entries.append(f"@book{{{key},\n  author = {{{family}, Jane}},\n  title = {{T}},\n  year = {{2000}}\n}}\n")
    _append(root / "references" / "library.bib", "\n".join(entries))


def huge_integers(root: Path) -> None:
    """Integers of 5,000 to 200,000 digits in a card, and one in mkdocs.yml."""
    card = root / "concepts" / "alpha.yaml"
    text = card.read_text(encoding="utf-8").replace("kind: concept", "kind: " + "1" * 200_000)
    card.write_text(text + f"n: {'9' * 5_000}\nm: {'1:' * 20_000}1\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - build_kb:\n      per_page: {'1' * 100_000}\n")


def huge_year(root: Path) -> None:
    """A year of 4,301 digits and a month of 5,000."""
    entry = (
        f"@book{{y2020,\n  author = {{Doe, Jane}},\n  title = {{T}},\n"
        f"  year = {{{'1' * 4301}}},\n  month = {{{'1' * 5000}}}\n}}\n"
    )
    _append(root / "references" / "library.bib", entry)


def many_entries(root: Path, count: int = 20_000) -> None:
    """A library of 20,000 entries, with macros, accents and several authors each."""
    rng = random.Random(15)
    words = ["formation", "enseignants", "réseaux", "pratique", "développement", "communauté", "analyse"]
    parts = ["@string{rfp = {Revue fran{\\c c}aise de p{\\'e}dagogie}}\n"]
    for index in range(count):
        title = " ".join(rng.choice(words) for _ in range(8))
        authors = " and ".join(f"Nom{rng.randrange(5000)}, Pr{{\\'e}}nom" for _ in range(rng.randint(1, 4)))
        parts.append(
            f"@article{{e{index},\n  author = {{{authors}}},\n  title = {{{title}}},\n"
            f"  journal = rfp # {{ n{index % 90}}},\n  year = {{{1950 + index % 70}}},\n  month = jan,\n"
            f"  pages = {{{index % 300}--{index % 300 + 12}}},\n  doi = {{10.1234/e{index}}}\n}}\n"
        )
    (root / "references" / "many.bib").write_text("".join(parts), encoding="utf-8")


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "nested-macros": ("12 levels of @string m_i = 8 x m_(i-1): 3 TB if expanded, 600 bytes", nested_macros),
    "unused-nested-macros": ("40 levels of @string m_i = 8 x m_(i-1) that no entry uses, 2 KB", unused_nested_macros),
    "many-macros": ("20,000 macros of 50,000 characters each (1 GB if all expanded)", many_macros),
    "many-macros-used": ("the same, each used by an entry", many_macros_used),
    "long-keys": ("BibTeX keys and author names of 300, 5,000 and 100,000 characters", long_keys),
    "huge-integers": ("integers of 5,000 and 200,000 digits, a sexagesimal one, one in mkdocs.yml", huge_integers),
    "huge-year": ("a year of 4,301 digits and a month of 5,000", huge_year),
    "20000-entries": ("a library of 20,000 entries (macros, accents, 1-4 authors each)", many_entries),
}


def measure(root: Path) -> dict[str, Any]:
    """Check ``root`` in a fresh interpreter; its own figures plus the wall time seen from outside."""
    env = {**os.environ, "BUILD_KB_CACHE_DIR": "off", "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root)], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        return {"wall": wall, "failed": done.stderr.strip().splitlines()[-1:] or ["no output"]}
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    args = parser.parse_args()
    rows = []
    failed = False
    for name in args.cases.split(","):
        description, make = CASES[name]
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "project"
            shutil.copytree(BASE, root)
            make(root)
            figures = measure(root)
        within = (
            "failed" not in figures
            and figures.get("exit") != 3
            and float(figures["peak_mb"]) <= MEMORY_MB
            and float(figures["wall"]) <= SECONDS
        )
        failed |= not within
        print(name, figures, "ok" if within else "OVER", flush=True)
        if "failed" in figures:
            rows.append(f"| {name} | {description} | crashed: {figures['failed']} | | | | no |")
            continue
        codes = ", ".join(str(code) for code in figures["codes"]) or "none"
        rows.append(
            f"| {name} | {description} | {figures['exit']} ({codes}) | {float(figures['peak_mb']):.0f} | "
            f"{float(figures['wall']):.2f} | {float(figures['cpu']):.2f} | {'yes' if within else '**no**'} |"
        )
    load = os.getloadavg()[0]
    body = "\n".join(
        [
            "# Limits: the worst inputs of issue 15",
            "",
            f"Machine: {platform.machine()}, Python {platform.python_version()}. "
            "Each case: `python -m build_kb check` in a fresh process, build cache off; peak resident memory "
            f"of that process, wall time (interpreter start included) and CPU time. Bound: {MEMORY_MB} MB and "
            f"{SECONDS:.0f} s of wall time. Load average when the run ended: {load:.1f} on {os.cpu_count()} cores "
            "(wall time grows with it, CPU time much less).",
            "",
            "| case | input | exit (error codes) | peak (MB) | wall (s) | CPU (s) | within |",
            "|---|---|---|---:|---:|---:|---|",
            *rows,
            "",
            "A case over the wall-time bound whose CPU time is under it waited for a processor: rerun it on a "
            "quiet machine to judge it.",
            "",
            "Regenerate: `python bench/limits_bench.py`.",
        ]
    )
    RESULTS.write_text(body + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
