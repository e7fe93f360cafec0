"""Benchmark: ``mkdocs build`` of the generated site against plain Markdown pages.

For each size, in the same run: a synthetic knowledge base (``bench/synth.py``, cards
without references, so the site's own pages are measured) built with the build_kb
plugin, and the floor: a Material site of the same number of plain Markdown pages of
similar length, with the same theme, search and a sections-only nav. Each build runs in
a fresh process; wall time and peak memory (max RSS) are recorded, and the largest HTML
page of each site. Figures go to ``bench/RESULTS.md`` (section "Site build").

Run: ``python bench/site_build.py [--sizes 100,1000,5000] [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).parent
SECTION = "Site build"

MKDOCS_YML = """\
site_name: Bench
site_url: https://example.org/bench/
theme:
  name: material
  font: false
  language: fr
  features: [navigation.instant, navigation.sections]
plugins:
  - search:
      lang: [fr, en]
{extra_plugin}
markdown_extensions: [attr_list, md_in_html, tables, toc]
nav:
  - Home: index.md
{extra_nav}
"""

_CHILD = r"""
import json, os, resource, sys, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config
project, site = sys.argv[1], sys.argv[2]
start = time.perf_counter()
build(load_config(config_file=project + "/mkdocs.yml", site_dir=site))
elapsed = time.perf_counter() - start
print(json.dumps({
    "seconds": elapsed,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "helper_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def write_kb_site(folder: Path, cards: int) -> Path:
    """A synthetic knowledge base with the build_kb plugin and its section nav.

    A small library (one reference per ten cards, at least 50, so a card's citations are
    distinct works at every size) so every card cites something, as a real knowledge base
    does, without measuring many reference pages (issue 4's bench).
    """
    sys.path.insert(0, str(HERE))
    from synth import write_project

    write_project(folder, cards, max(50, cards // 10))
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Bench\n\n{{ kb.count.cards }} cards.\n", encoding="utf-8")
    nav = "  - Themes: themes/index.md\n  - Cards: concepts/index.md"
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(extra_plugin="  - build_kb", extra_nav=nav), encoding="utf-8")
    return folder


def write_floor_site(folder: Path, pages: int) -> Path:
    """``pages`` plain Markdown pages of about a card page's length, in one section."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Bench\n", encoding="utf-8")
    body = textwrap.fill("Lorem ipsum dolor sit amet, teacher development network practice. " * 40, 100)
    (docs / "pages" / "index.md").write_text("# Pages\n", encoding="utf-8")
    for index in range(pages):
        text = (
            f"# Page {index}\n\n## Definition\n\n{body}\n\n## Claims\n\n- {body[:300]}\n\n"
            "## Related\n\n- [Page](index.md)\n"
        )
        (docs / "pages" / f"page-{index:05d}.md").write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        MKDOCS_YML.format(extra_plugin="", extra_nav="  - Pages: pages/index.md"), encoding="utf-8"
    )
    return folder


def measure(project: Path, site: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project), str(site)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure_cold(project: Path, site: Path) -> dict[str, float]:
    """A first build: the project's build cache (``.cache/build_kb``) emptied first, filled after."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return measure(project, site)


def site_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--print-only", action="store_true", help="print the rows, leave the results file alone")
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            kb = write_kb_site(root / "kb", size)
            colds = [measure_cold(kb, root / "kb-cold")]
            pages = site_pages(root / "kb-cold")
            floor_project = write_floor_site(root / "floor", len(pages))
            # Interleaved (cold, warm, floor, cold, ...): each sees the machine as the others do.
            warms: list[dict[str, float]] = []
            floors: list[dict[str, float]] = []
            for repeat in range(args.repeat):
                if repeat:
                    colds.append(measure_cold(kb, root / "kb-cold"))
                warms.append(measure(kb, root / "kb-site"))
                floors.append(measure(floor_project, root / "floor-site"))
            cold, ours, floor = (min(runs, key=lambda r: r["seconds"]) for runs in (colds, warms, floors))
            pages = site_pages(root / "kb-site")
            graph_page = root / "kb-site" / "graph" / "index.html"
            graph_kb = graph_page.stat().st_size / 1024 if graph_page.exists() else 0.0
            graphs = {graph_page, root / "kb-site" / "en" / "graph" / "index.html"}  # one whole-graph page a tree
            largest = max((p for p in pages if p not in graphs), key=lambda p: p.stat().st_size)
            trees = len([p for p in pages if p.relative_to(root / "kb-site").parts[0] == "en"])
            cards = [p for p in pages if "concepts" in p.relative_to(root / "kb-site").parts[:2]]
            card = max((p for p in cards if p.parent.name not in ("concepts", "page")), key=lambda p: p.stat().st_size)
            floor_largest = max(p.stat().st_size for p in site_pages(root / "floor-site"))
            rows.append(
                f"| {size:,} | {len(pages) - trees:,} + {trees:,} | {floor['seconds']:.1f} | {cold['seconds']:.1f} | "
                f"{cold['seconds'] / floor['seconds']:.2f} | {ours['seconds']:.1f} | "
                f"{ours['seconds'] / floor['seconds']:.2f} | {floor['peak_mb']:.0f} | "
                f"{cold['peak_mb']:.0f} + {cold['helper_peak_mb']:.0f} | {ours['peak_mb']:.0f} | "
                f"{floor_largest / 1024:.0f} | {largest.stat().st_size:,} "
                f"(`{largest.relative_to(root / 'kb-site').parent.as_posix()}/`) | {card.stat().st_size:,} | "
                f"{graph_kb:,.0f} |"
            )
            print(rows[-1], flush=True)
    if args.print_only:
        return
    body = "\n".join(
        [
            f"Machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python "
            f"{platform.python_version()}; best of {args.repeat} (cold, warm and floor, interleaved), each build "
            "in a fresh process, both sites in the same run. build_kb: a synthetic knowledge base "
            "in two languages, one page tree each (French at the root, English under `/en/`: pages counted as "
            "root + `/en/`), "
            "(`bench/synth.py`, with one reference per ten cards, at least 50) with the plugin. Floor: Material with "
            "the same number of HTML pages as the plugin produced, plain Markdown of similar length, the same theme, "
            "search and sections-only nav. *Cold*: the first build, caches empty (citations formatted, BibTeX "
            "parsed, layout and local graphs computed; on two cores or more, a forked helper makes pages ahead of "
            "the build, `docs/about.md`); *warm*: the next build, caches filled, as every build after the first one "
            "in a project (`.cache/build_kb/`). Peaks are the largest resident size of the build process and, for the "
            "cold build, of its forked helpers (the largest one; pages shared with the build at the fork count "
            "in both).",
            "",
            "| cards | pages (root + en) | floor (s) | cold (s) | cold ratio | warm (s) | warm ratio | floor peak (MB) "
            "| cold peak: build + helper (MB) | warm peak (MB) | floor largest page (KB) "
            "| build_kb largest page (bytes) | largest card page (bytes) | graph page (KB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Targets (issues 3 and 17): at most 1.5 times the floor cold and 1.2 warm at 1,000 and 5,000 cards, both "
            "trees built; a card page smaller than when it held both languages; the largest generated page "
            "no bigger at 5,000 cards than at 100. The whole-graph page (`/graph/`, an inline SVG of every card, "
            "issue 5) is the one page that grows with the knowledge base by design; it is reported apart. "
            "Regenerate: `python bench/site_build.py`.",
        ]
    )
    sys.path.insert(0, str(HERE))
    from results import write_section

    write_section(SECTION, body)


if __name__ == "__main__":
    main()
