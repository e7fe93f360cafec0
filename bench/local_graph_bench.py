"""Benchmark of the local graphs (each card page's neighbourhood picture) on synthetic knowledge bases.

Usage: ``python bench/local_graph_bench.py [--sizes 100 1000 5000] [--repeat 3] [--output FILE]``

The knowledge bases come from ``bench/synth.py``, loaded through the real pipeline; the
layout is computed once, as the plugin does. Timed: a fresh ``GraphView`` (so whatever
it precomputes counts) and ``local_graph`` for every card, the work a site build does for
the pictures, in CPU time of the process (the least disturbed by other work on a shared
machine), best of ``--repeat``. Also reported: the largest SVG and the largest local
graph section (SVG, legend and "more" note), which must not grow with the knowledge base.
Results go to a section of ``bench/RESULTS-local-graph.md`` (``--output``). To compare with
another version, run this file from a checkout of it (it imports the ``build_kb`` next to it).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from results import write_section
from synth import write_project

from build_kb.graph.layout import compute_layout
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions
from build_kb.render.context import SiteContext
from build_kb.render.graph_page import local_graph_section
from build_kb.render.graph_view import GraphView
from build_kb.render.local_graph import DEPTH1_CAP, DEPTH2_CAP, local_graph

TITLE = "Local graphs"


def measure(cards: int, repeat: int) -> dict[str, float | int | str]:
    """Time the local graphs of every card of one synthetic knowledge base of ``cards`` cards."""
    with tempfile.TemporaryDirectory() as folder:
        kb = load_project(write_project(Path(folder), cards=cards, references=cards)).kb
    layout = compute_layout(kb)
    site = SiteContext(kb, SiteOptions(languages=kb.languages))
    best = float("inf")
    sizes: dict[str, int] = {}
    for _ in range(repeat):
        start = time.process_time()
        view = GraphView(site, layout)
        for card_id, uri in site.card_uris.items():
            sizes[card_id] = len(local_graph(view, card_id, uri).svg.encode())
        best = min(best, time.process_time() - start)
    largest = max(sizes, key=lambda card_id: (sizes[card_id], card_id))
    view = GraphView(site, layout)
    section = max(
        len(local_graph_section(view, kb.cards[card_id], uri).encode()) for card_id, uri in site.card_uris.items()
    )
    return {
        "cards": len(kb.cards),
        "ms": best * 1000 / len(site.card_uris),
        "svg": sizes[largest],
        "largest": largest,
        "degree": view.degree(largest),
        "max degree": max(view.degree(card_id) for card_id in kb.cards),
        "section": section,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "RESULTS-local-graph.md")
    args = parser.parse_args()
    lines = [
        "| cards | ms per card | largest SVG (KB) | its card's links | most links of a card | largest section (KB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes:
        row = measure(size, args.repeat)
        line = (
            f"| {row['cards']:,} | {row['ms']:.3f} | {int(row['svg']) / 1024:.1f} | {row['degree']} "
            f"| {row['max degree']} | {int(row['section']) / 1024:.1f} |"
        )
        print(line, flush=True)
        lines.append(line)
    load = os.getloadavg()[0]
    body = "\n".join(
        [
            f"`python bench/local_graph_bench.py`: CPU time, best of {args.repeat}, Python "
            f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, load average "
            f"{load:.1f} at the end of the run. A fresh `GraphView` and `local_graph` for every card "
            "(themes included); synthetic knowledge bases from `bench/synth.py`.",
            "",
            *lines,
            "",
            f"At most {DEPTH1_CAP} neighbours and {DEPTH2_CAP} neighbours of neighbours are drawn "
            "(`DEPTH1_CAP`, `DEPTH2_CAP`); the section adds the headings, tools and legend.",
        ]
    )
    write_section(TITLE, body, args.output)


if __name__ == "__main__":
    main()
