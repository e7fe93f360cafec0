"""Benchmark: the whole site with citations, reference and author pages, against plain MkDocs.

For each size (cards:references) it writes a synthetic knowledge base (``bench/synth.py``,
up to four citations per card, names with accents and particles) with the build_kb
plugin, and measures, each in a fresh process:

- *cold*: ``mkdocs build`` with an empty citation cache (every entry and citation formatted,
  in both languages);
- *warm*: the same build again, the disk cache filled by the cold one;
- *rebuild*: as ``mkdocs serve`` does after a card is saved: one build, then, in the same
  process, a card edited and the site built again (a new plugin, the in-memory cache kept);
  the second build is timed;
- *floor*: ``mkdocs build`` of as many plain Markdown pages as the knowledge base's site has
  HTML pages, with the same theme, search and sections-only nav (``bench/site_build.py``).

A cold build is also run under cProfile, to say where its time goes. Figures go to
``bench/RESULTS-cite-site.md``. Run: ``python bench/cite_site_bench.py [--sizes 1000:4000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS-cite-site.md"
sys.path.insert(0, str(HERE))

from site_build import MKDOCS_YML, site_pages, write_floor_site  # noqa: E402
from synth import card_id, write_project  # noqa: E402

_CHILD = r"""
import cProfile, io, json, os, pstats, resource, sys, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config
mode, project, site = sys.argv[1], sys.argv[2], sys.argv[3]

def once():
    build(load_config(config_file=project + "/mkdocs.yml", site_dir=site))

result = {}
if mode == "rebuild":
    once()
    card = sys.argv[4]
    text = open(card, encoding="utf-8").read()
    open(card, "w", encoding="utf-8").write(text.replace("definition:", "definition:  # edited", 1))
start = time.perf_counter()
if mode == "profile":
    profiler = cProfile.Profile()
    profiler.enable()
    once()
    profiler.disable()
    result["seconds"] = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    functions = {}
    for (path, line, name), (calls, _, tottime, cumtime, _) in stats.stats.items():
        functions[f"{path}:{line}({name})"] = [calls, tottime, cumtime]
    result["functions"] = functions
else:
    once()
    result["seconds"] = time.perf_counter() - start
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""

PHASES = [
    ("plugin: load and check the project", "build_kb/pipeline.py", "load_project"),
    ("plugin: format entries (Formatter construction, both languages)", "bibliography/formatter.py", "__init__"),
    ("plugin: format citations (cite_parts)", "bibliography/formatter.py", "cite_parts"),
    ("plugin: render every generated page (render_site, formatting included)", "render/site.py", "render_site"),
    ("plugin: graph layout", "graph/layout.py", "compute_layout"),
    ("plugin: downloads (Turtle, JSON-LD, graph.json, BibTeX, CSL-JSON)", "build_kb/plugin.py", "_add_downloads"),
    ("plugin: on_files in all", "build_kb/plugin.py", "on_files"),
    ("plugin: HTML guard on generated pages", "render/html_guard.py", "guard_html"),
    ("plugin: save the citation cache", "build_kb/plugin.py", "on_post_build"),
    ("MkDocs: Markdown -> HTML of every page", "mkdocs/structure/pages.py", "render"),
    ("MkDocs: templates (Material) of every page", "mkdocs/commands/build.py", "_build_page"),
    ("MkDocs: search index", "mkdocs/contrib/search/__init__.py", "on_post_build"),
]


def write_kb(folder: Path, cards: int, references: int) -> Path:
    write_project(folder, cards, references)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text(
        "# Bench\n\n{{ kb.count.cards }} cards, as @author00000x says [@author00001x, p. 3].\n", encoding="utf-8"
    )
    nav = "  - Cards: concepts/index.md\n  - Bibliography:\n    - references/index.md\n    - authors/index.md"
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(extra_plugin="  - build_kb", extra_nav=nav), encoding="utf-8")
    return folder


def run(mode: str, project: Path, site: Path, cache: Path, *extra: str) -> dict[str, object]:
    env = {**os.environ, "BUILD_KB_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(project), str(site), *extra],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _phases(functions: dict[str, list[float]]) -> list[tuple[str, float]]:
    rows = []
    for label, path, name in PHASES:
        found = [v[2] for k, v in functions.items() if path in k and k.endswith(f"({name})")]
        if found:
            rows.append((label, max(found)))
    return rows


def _top(functions: dict[str, list[float]], count: int) -> list[tuple[str, int, float, float]]:
    def short(key: str) -> str:
        for marker in ("site-packages/", "/work/main/", "lib/python3"):
            if marker in key:
                return key.split(marker, 1)[1]
        return key

    items = sorted(functions.items(), key=lambda item: item[1][1], reverse=True)[:count]
    return [(short(key), int(calls), tottime, cumtime) for key, (calls, tottime, cumtime) in items]


def bench(cards: int, references: int, repeat: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = write_kb(root / "kb", cards, references)
        cold_cache = root / "cache"
        cold = run("build", project, root / "site", cold_cache)
        pages = len(site_pages(root / "site"))
        cache_mb = sum(p.stat().st_size for p in cold_cache.iterdir()) / 1e6
        warm = min((run("build", project, root / "site", cold_cache) for _ in range(repeat)), key=_seconds)
        card = str(project / "concepts" / f"{card_id(cards // 2)}.yaml")
        rebuild = min((run("rebuild", project, root / "site", cold_cache, card) for _ in range(repeat)), key=_seconds)
        profile = run("profile", project, root / "site-profile", root / "cache-profile")
        floor_project = write_floor_site(root / "floor", pages)
        floor = min((run("build", floor_project, root / "floor-site", root / "unused") for _ in range(repeat)), key=_seconds)
    f = _seconds(floor)
    functions: dict[str, list[float]] = profile["functions"]  # type: ignore[assignment]
    lines = [
        f"### {cards:,} cards, {references:,} references ({pages:,} HTML pages)",
        "",
        "| build | seconds | × floor | peak MB |",
        "|---|---:|---:|---:|",
        f"| floor: {pages:,} plain Markdown pages | {f:.1f} | 1.00 | {floor['peak_mb']:.0f} |",
    ]
    for label, result in (("cold (empty cache)", cold), ("warm (disk cache filled)", warm), ("rebuild after editing one card", rebuild)):
        lines.append(f"| {label} | {_seconds(result):.1f} | {_seconds(result) / f:.2f} | {result['peak_mb']:.0f} |")
    lines += [
        "",
        f"Citation cache on disk: {cache_mb:.1f} MB (two locales).",
        "",
        f"Where the cold build's time goes (cProfile, {_seconds(profile):.1f} s under the profiler; "
        "cumulative seconds, phases overlap):",
        "",
        "| phase | seconds |",
        "|---|---:|",
        *(f"| {label} | {seconds:.1f} |" for label, seconds in _phases(functions)),
        "",
        "Top functions by own time:",
        "",
        "| function | calls | own s | cumulative s |",
        "|---|---:|---:|---:|",
        *(f"| `{name}` | {calls:,} | {own:.2f} | {cum:.2f} |" for name, calls, own, cum in _top(functions, 15)),
        "",
    ]
    return lines


def _seconds(result: dict[str, object]) -> float:
    value = result["seconds"]
    assert isinstance(value, float)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000:4000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    body = [
        "# Benchmark: the site with citations, reference and author pages",
        "",
        f"`python bench/cite_site_bench.py --sizes {args.sizes}` on {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs; every build in a fresh process (best of {args.repeat} "
        "for warm, rebuild and floor). Synthetic knowledge bases from `bench/synth.py` (up to four citations per "
        "card, authors with accents and particles), APA, French and English.",
        "",
    ]
    for size in args.sizes.split(","):
        cards, references = (int(part) for part in size.split(":"))
        lines = bench(cards, references, args.repeat)
        print("\n".join(lines), flush=True)
        body += lines
    body += [
        "Target (issue 4): warm build at most 1.2 × the floor at 1,000 cards and 4,000 references.",
        "",
    ]
    RESULTS.write_text("\n".join(body), encoding="utf-8")


if __name__ == "__main__":
    main()
