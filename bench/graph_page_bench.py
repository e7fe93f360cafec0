"""Benchmark of the graph page in a real browser: first render, zoom and filter, at 100 to 5,000 cards.

Usage: ``python bench/graph_page_bench.py [--sizes 100 1000 5000] [--repeat 3] [--output bench/RESULTS-graph-page.md]``

For each size, a synthetic project from ``bench/synth.py`` (one reference per card, to
keep the build short: references do not change the graph page) is built with MkDocs,
served on 127.0.0.1, and ``/graph/`` is opened in headless Chromium (``/usr/bin/chromium``,
the launch flags of the browser tests). Measured in the page, each a median of
``--repeat`` runs in a fresh browser context (nothing cached):

- *first paint*: ``first-contentful-paint`` from the Paint Timing API;
- *ready*: the load event and the labels placed by the script, then two animation frames
  (the SVG laid out and painted);
- *labels placed*: from the start of navigation to the end of the script's first label
  placement (the picture parsed, set up and labelled, not yet painted);
- *placement* (first): ``graph.js`` placing the labels for the opening zoom (its
  ``kb-labels`` User Timing measure, the script's own work);
- *zoom*: a wheel event to the frame that shows it (the script moves one transform);
- *labels*: after the zoom pauses, the script sets the node size and label step on the
  ``<svg>`` and places the labels on screen; from its start to the frame that shows it
  (script, styles, layout, paint);
- *placement per zoom step*: the script's label placement after each of four wheel zoom
  steps (``kb-labels``), the slowest of the four;
- *theme filter* / *type filter*: a click on a legend checkbox to the frame that shows it;
- *hover*: a pointer on the best-linked card to the frame with its neighbours highlighted.

Targets at 5,000 cards: the graph page ready within 2 s; label placement within 200 ms
per zoom step.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth import write_project

from tests.browser_support import serve

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TARGET_SECONDS = 2.0
TARGET_PLACEMENT_MS = 200.0
VIEWPORT = {"width": 1400, "height": 1000}

MKDOCS_YML = """\
site_name: Graph page benchmark
site_url: https://example.org/bench/
theme:
  name: material
  language: fr
  font: false
  features: [navigation.instant]
plugins:
  - search:
      lang: [fr, en]
  - build_kb
markdown_extensions: [attr_list, md_in_html, tables, toc]
nav:
  - Home: index.md
  - Themes: themes/index.md
  - Cards: concepts/index.md
  - References: references/index.md
  - Graph: graph/index.md
"""

FRAME_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
"""Resolves once the browser has painted the frame that follows the current changes."""

MEASURE_JS = """
async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const svg = document.querySelector("figure.kb-graph--global svg.kb-graph-svg");
  const figure = svg.closest("figure");
  const result = {};

  // The script's label placements (User Timing measures "kb-labels"), the opening one first.
  const placements = () => performance.getEntriesByName("kb-labels", "measure");
  result.place_first = placements().length ? placements()[0].duration : NaN;
  result.placed = placements().length ? placements()[0].startTime + placements()[0].duration : NaN;

  // Zoom: one wheel event at the centre, to the painted frame. The script's settle step
  // (node sizes, label placement) follows once the zoom pauses: watched from before the
  // wheel, since on a large graph the zoom's own frame can outlast the pause. Four steps;
  // the first also gives "zoom" and "labels".
  const box = svg.getBoundingClientRect();
  const steps = [];
  let start = 0;
  for (let step = 0; step < 4; step++) {
    const before = placements().length;
    const settled = new Promise((done) => {
      new MutationObserver((records, observer) => {
        observer.disconnect();
        done();
      }).observe(svg, { attributes: true, attributeFilter: ["data-z"] });
    });
    const wheel = new WheelEvent("wheel", {
      deltaY: -300, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
      bubbles: true, cancelable: true,
    });
    start = performance.now();
    svg.dispatchEvent(wheel);
    await frame();
    if (step === 0) {
      result.zoom = performance.now() - start;
    }
    // Labels: from the start of the settle step (sizes, placement) to the frame that shows it.
    await settled;
    await frame();
    const entry = placements()[before];
    steps.push(entry.duration);
    if (step === 0) {
      result.labels = performance.now() - entry.startTime;
    }
  }
  result.place_step = Math.max(...steps);
  result.shown = svg.querySelectorAll(".kb-node.kb-lab").length;
  figure.querySelector(".kb-fit").click();
  await frame();

  // Theme filter: hide the first theme.
  const theme = figure.querySelector("input[data-theme]");
  start = performance.now();
  theme.click();
  await frame();
  result.theme_filter = performance.now() - start;
  theme.click();
  await frame();

  // Relation type filter: hide "related".
  const rel = figure.querySelector('input[data-rel="related"]') || figure.querySelector("input[data-rel]");
  start = performance.now();
  rel.click();
  await frame();
  result.type_filter = performance.now() - start;
  rel.click();
  await frame();

  // Hover: the node with the most edges.
  const counts = new Map();
  for (const path of svg.querySelectorAll(".kb-edges path")) {
    for (const end of [path.getAttribute("data-s"), path.getAttribute("data-t")]) {
      counts.set(end, (counts.get(end) || 0) + 1);
    }
  }
  let hub = "0", best = -1;
  for (const [index, count] of counts) { if (count > best) { hub = index; best = count; } }
  const node = svg.querySelector(".kb-nodes").children[+hub];
  start = performance.now();
  node.dispatchEvent(new PointerEvent("pointerover", { bubbles: true }));
  await frame();
  result.hover = performance.now() - start;
  result.nodes = svg.querySelectorAll(".kb-node").length;
  return result;
}
"""


def build(cards: int, folder: Path) -> tuple[Path, float]:
    """A synthetic project of ``cards`` cards built with MkDocs; returns the site and the build time."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = write_project(folder / "project", cards=cards, references=cards)
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Benchmark\n\n[Graph](graph/index.md)\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = folder / "site"
    start = time.perf_counter()
    mkdocs_build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    return site, time.perf_counter() - start


def measure_page(browser: Any, url: str) -> dict[str, float]:
    """One fresh visit of the graph page: paint timings, then the interactions."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_selector("figure.kb-graph--global svg.kb-graph-svg.kb-placed", state="attached")
    page.evaluate(FRAME_JS)
    timings = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const paint = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
          return { first_paint: paint ? paint.startTime : NaN, load: nav.loadEventEnd, ready: performance.now() };
        }"""
    )
    interactions = page.evaluate(MEASURE_JS)
    context.close()
    if errors:
        raise RuntimeError(f"errors in the page: {errors}")
    return {**timings, **interactions}


def measure(cards: int, repeat: int, keep: Path | None = None) -> dict[str, float]:
    """Build one synthetic site and time its graph page ``repeat`` times (keep the site in ``keep``)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) if keep is None else keep / str(cards)
        site, seconds = build(cards, folder)
        page_bytes = (site / "graph" / "index.html").stat().st_size
        runs = []
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                runs = [measure_page(browser, base + "graph/") for _ in range(repeat)]
            finally:
                browser.close()
    row = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    row.update({"cards": float(cards), "build": seconds, "page MB": page_bytes / 1e6})
    return row


COLUMNS = (
    ("cards", "cards", "{:,.0f}"),
    ("nodes", "nodes", "{:,.0f}"),
    ("page MB", "page (MB)", "{:.2f}"),
    ("build", "build (s)", "{:.1f}"),
    ("first_paint", "first paint (ms)", "{:.0f}"),
    ("placed", "labels placed (ms)", "{:.0f}"),
    ("ready", "ready (ms)", "{:.0f}"),
    ("place_first", "placement, first (ms)", "{:.0f}"),
    ("zoom", "zoom (ms)", "{:.0f}"),
    ("labels", "labels (ms)", "{:.0f}"),
    ("place_step", "placement per zoom step (ms)", "{:.0f}"),
    ("theme_filter", "theme filter (ms)", "{:.0f}"),
    ("type_filter", "type filter (ms)", "{:.0f}"),
    ("hover", "hover (ms)", "{:.0f}"),
)


def _chromium_version() -> str:
    try:
        out = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return "unknown"
    return out.strip() or "unknown"


def report(rows: list[dict[str, float]], repeat: int, load: float) -> str:
    """The results as Markdown."""
    lines = [
        "## The graph page in a browser",
        "",
        f"`python bench/graph_page_bench.py` ({_chromium_version()}, headless, `--disable-gpu`, so "
        f"everything is drawn by the CPU; Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} during the run; viewport "
        f"{VIEWPORT['width']}x{VIEWPORT['height']}; median of {repeat} visits, each in a fresh browser context).",
        "Synthetic knowledge bases from `bench/synth.py` (5 themes, about 2.5 relations per card), "
        "one reference per card.",
        "",
        "| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
        "|" + "|".join("---:" for _ in COLUMNS) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |")
    largest = max(rows, key=lambda row: row["cards"])
    verdict = "within" if largest["ready"] / 1000 <= TARGET_SECONDS else "over"
    placed = "within" if largest["place_step"] <= TARGET_PLACEMENT_MS else "over"
    lines += [
        "",
        f"Targets at 5,000 cards: the graph page ready within {TARGET_SECONDS:.0f} s, label placement within "
        f"{TARGET_PLACEMENT_MS:.0f} ms per zoom step. At {largest['cards']:,.0f} cards it is ready in "
        f"{largest['ready'] / 1000:.2f} s ({verdict}); the slowest placement of four zoom steps takes "
        f"{largest['place_step']:.0f} ms ({placed}).",
        "",
        "- *first paint*: `first-contentful-paint`; *labels placed*: the end of graph.js's first label "
        "placement (picture parsed, set up, labelled; not yet painted); *ready*: the load event and the labels "
        "placed, then two animation frames (the whole SVG laid out and painted), from the start of navigation: "
        "it also counts whatever else runs on the page's main thread meanwhile (Material's scripts).",
        "- *placement, first*: graph.js placing the labels for the opening zoom (`placeLabels`: greedy, a grid "
        "of cells; its `kb-labels` User Timing measure, the script's work only).",
        "- *zoom*: a wheel event to the painted frame (one transform on the root `<g>`); *labels*: once the "
        "zoom pauses, node size and font size change and graph.js places the labels on screen, from the "
        "start of that step to the painted frame; *placement per zoom step*: the placement alone, the "
        "slowest of four wheel steps in.",
        "- *theme filter*, *type filter*: a legend checkbox clicked, to the painted frame (a class toggled "
        "on the cards that change and the few edge paths redrawn, or one group of edges hidden).",
        "- *hover*: the best-linked card highlighted with its neighbours and edges, to the painted frame.",
        "- *build*: the whole `mkdocs build` of the synthetic site (every card, reference and list page).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "RESULTS-graph-page.md")
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects and sites in this folder")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing (apt-get install chromium)")
    rows = []
    loads = []
    for size in args.sizes:
        row = measure(size, args.repeat, args.keep)
        loads.append(os.getloadavg()[0])
        print(", ".join(f"{key}={row[key]:.1f}" for key, _, _ in COLUMNS), flush=True)
        rows.append(row)
    text = report(rows, args.repeat, max(loads))
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
