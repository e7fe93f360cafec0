"""Benchmark: build_kb against its peer, mkdocs-bibtex, on the peer's own kind of corpus.

The corpus (``bench/peer_corpus.py``): ``--pages`` Markdown pages citing four works each
from a BibTeX library of four times as many entries (LaTeX accents, ``@string``), built
five ways, each in a fresh process, in interleaved rounds (every way once per round, so
each sees the machine as the others do):

- **plain**: the pages in Material with search, citations left as text (the floor);
- **mkdocs-bibtex**: the same pages with the mkdocs-bibtex plugin, installed by this
  script into its own virtual environment (``--venv``, by default ``bench/.venv-peer``,
  which git ignores) beside the same MkDocs and Material versions as this one's;
- **build_kb cold**: the same content as cards (one per page, and a theme), the build
  cache emptied first; **build_kb warm**: the cache of the build before;
- **plain, equal pages**: as many plain pages as build_kb makes (``site_build``'s floor),
  the floor of a site of that size.

Wall time and peak memory (max RSS of the build process) per build; medians over the
rounds go to ``bench/RESULTS-peer.md``, with the load average before and after.

Run: ``python bench/peer_bench.py [--pages 1000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from peer_corpus import write_corpus  # noqa: E402
from site_build import _CHILD, site_pages, write_floor_site  # noqa: E402

RESULTS = HERE / "RESULTS-peer.md"
VENV = HERE / ".venv-peer"
WAYS = ("plain", "mkdocs-bibtex", "build_kb cold", "build_kb warm", "plain, equal pages")


def peer_python(venv: Path) -> Path:
    """The virtual environment's Python, with mkdocs-bibtex and this MkDocs and Material; made if missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pins = [f"mkdocs=={metadata.version('mkdocs')}", f"mkdocs-material=={metadata.version('mkdocs-material')}"]
    probe = subprocess.run([str(python), "-c", "import mkdocs_bibtex"], capture_output=True, check=False)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "mkdocs-bibtex", *pins], check=True)
    return python


def measure(python: Path, project: Path, site: Path, env: dict[str, str]) -> dict[str, float]:
    """One ``mkdocs build`` in a fresh process: seconds and peak memory (MB)."""
    done = subprocess.run(
        [str(python), "-c", _CHILD, str(project), str(site)], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{project.name}: the build failed\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def load() -> str:
    path = Path("/proc/loadavg")
    return " ".join(path.read_text(encoding="utf-8").split()[:3]) if path.exists() else "?"


def run(pages: int, rounds: int, venv: Path, work: Path) -> tuple[dict[str, list[dict[str, float]]], dict[str, int]]:
    corpus = write_corpus(work / "corpus", pages)
    peer = peer_python(venv)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    cache = work / "cache"
    kb_env = {**env, "BUILD_KB_CACHE_DIR": str(cache)}
    ours = Path(sys.executable)
    # The equal-page floor needs build_kb's page count: one build first (not counted).
    measure(ours, corpus / "cards", work / "site-cards", {**env, "BUILD_KB_CACHE_DIR": "off"})
    counts = {"build_kb": len(site_pages(work / "site-cards"))}
    floor = write_floor_site(work / "floor", counts["build_kb"])
    results: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
    for number in range(rounds):
        print(f"round {number + 1}/{rounds}, load {load()}", flush=True)
        results["plain"].append(measure(ours, corpus / "plain", work / "site-plain", env))
        results["mkdocs-bibtex"].append(measure(peer, corpus / "bibtex", work / "site-bibtex", env))
        shutil.rmtree(cache, ignore_errors=True)
        results["build_kb cold"].append(measure(ours, corpus / "cards", work / "site-cards", kb_env))
        results["build_kb warm"].append(measure(ours, corpus / "cards", work / "site-cards", kb_env))
        results["plain, equal pages"].append(measure(ours, floor, work / "site-floor", env))
        for way in WAYS:
            print(f"  {way:20s} {results[way][-1]['seconds']:7.2f} s {results[way][-1]['peak_mb']:6.0f} MB", flush=True)
    for name, site in (("plain", "site-plain"), ("mkdocs-bibtex", "site-bibtex"), ("floor", "site-floor")):
        counts[name] = len(site_pages(work / site))
    return results, counts


def report(
    pages: int, rounds: int, results: dict[str, list[dict[str, float]]], counts: dict[str, int], loads: str
) -> str:
    median = {way: statistics.median(r["seconds"] for r in results[way]) for way in WAYS}
    peak = {way: statistics.median(r["peak_mb"] for r in results[way]) for way in WAYS}
    page_counts = [counts["plain"], counts["mkdocs-bibtex"], counts["build_kb"], counts["build_kb"], counts["floor"]]
    ratios = [
        c["seconds"] / b["seconds"] for c, b in zip(results["build_kb cold"], results["mkdocs-bibtex"], strict=True)
    ]
    lines = [
        "# build_kb and mkdocs-bibtex on the same corpus",
        "",
        f"Written by `bench/peer_bench.py`: {pages} Markdown pages citing {4 * pages} works (four each; LaTeX",
        "accents, `@string` journals), and the same content as build_kb cards; each build in a fresh process,",
        f"interleaved, {rounds} rounds, medians. Python {platform.python_version()}, MkDocs "
        f"{metadata.version('mkdocs')}, Material {metadata.version('mkdocs-material')}, {os.cpu_count()} cores.",
        f"Load average (1, 5, 15 min) before and after: {loads}.",
        "",
        "| | " + " | ".join(WAYS) + " |",
        "|---|" + "---:|" * len(WAYS),
        "| wall, median (s) | " + " | ".join(f"{median[way]:.1f}" for way in WAYS) + " |",
        "| peak memory, median (MB) | " + " | ".join(f"{peak[way]:.0f}" for way in WAYS) + " |",
        "| HTML pages | " + " | ".join(f"{count:,}" for count in page_counts) + " |",
        "",
        f"- build_kb cold / mkdocs-bibtex, per round: {', '.join(f'{r:.2f}' for r in ratios)}"
        f" (median {statistics.median(ratios):.2f}).",
        f"- build_kb warm / plain with as many pages: {median['build_kb warm'] / median['plain, equal pages']:.2f}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--venv", type=Path, default=VENV)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    before = load()
    with tempfile.TemporaryDirectory(prefix="kb-peer-") as folder:
        results, counts = run(args.pages, args.rounds, args.venv, Path(folder))
    text = report(args.pages, args.rounds, results, counts, f"{before}; {load()}")
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
