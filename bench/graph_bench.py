"""Benchmark of the concept graph: layout and each export, on synthetic knowledge bases.

Usage: ``python bench/graph_bench.py [--sizes 100 1000 5000] [--repeat 1] [--output bench/RESULTS-graph.md]``

The knowledge bases come from ``bench/synth.py`` (the load/check benchmark's generator),
written to a temporary folder and loaded through the real pipeline; only the graph stages
are timed. Target: layout + every graph export within 10 s at 5,000 cards.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth import write_project

from build_kb.graph.export import to_graph_json
from build_kb.graph.layout import compute_layout
from build_kb.graph.rdf import build_triples
from build_kb.graph.serialize import to_jsonld, to_turtle
from build_kb.pipeline import load_project

TARGET_SECONDS = 10.0
STAGES = ("layout", "rdf triples", "turtle", "json-ld", "graph.json")


def _best(repeat: int, action: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``repeat`` runs (the least disturbed by the rest of the machine)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(cards: int, repeat: int) -> dict[str, float | int]:
    """Time every graph stage on one synthetic knowledge base of ``cards`` cards."""
    with tempfile.TemporaryDirectory() as folder:
        project = write_project(Path(folder), cards=cards, references=4 * cards)
        loaded = load_project(project)
    kb = loaded.kb
    row: dict[str, float | int] = {"cards": len(kb.cards), "references": len(kb.references)}
    row["layout"], layout = _best(repeat, lambda: compute_layout(kb))
    row["rdf triples"], graph = _best(repeat, lambda: build_triples(kb))
    row["triples"] = len(graph)  # type: ignore[arg-type]
    row["turtle"], turtle = _best(repeat, lambda: to_turtle(graph))  # type: ignore[arg-type]
    row["json-ld"], jsonld = _best(repeat, lambda: to_jsonld(graph))  # type: ignore[arg-type]
    row["graph.json"], graph_json = _best(repeat, lambda: to_graph_json(kb, layout))  # type: ignore[arg-type]
    row["total"] = sum(float(row[stage]) for stage in STAGES)
    row["ttl MB"] = len(str(turtle).encode()) / 1e6
    row["jsonld MB"] = len(str(jsonld).encode()) / 1e6
    row["graph.json MB"] = len(str(graph_json).encode()) / 1e6
    return row


def report(rows: list[dict[str, float | int]], repeat: int) -> str:
    """The results as the Markdown section the project's benchmark page merges."""
    columns = ("cards", "references", "triples", *STAGES, "total", "ttl MB", "jsonld MB", "graph.json MB")
    lines = [
        "## Concept graph: layout and exports",
        "",
        f"`python bench/graph_bench.py` (best of {repeat}; Python {platform.python_version()}, "
        f"rdflib {version('rdflib')}, igraph {version('igraph')}, {platform.machine()}). "
        "Synthetic knowledge bases from `bench/synth.py` (5 themes, about 3 relations and 3 citations "
        "per card, four references per card as in the load benchmark). Seconds, except sizes.",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---:" for _ in columns) + "|",
    ]
    for row in rows:
        cells = [f"{row[c]:,}" if isinstance(row[c], int) else f"{row[c]:.2f}" for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    largest = rows[-1]
    verdict = "within" if float(largest["total"]) <= TARGET_SECONDS else "OVER"
    lines += [
        "",
        f"Target: layout + exports <= {TARGET_SECONDS:.0f} s at 5,000 cards; at {largest['cards']:,} cards: "
        f"{float(largest['total']):.1f} s ({verdict}).",
        "",
        "- *layout*: igraph Fruchterman-Reingold, 500 iterations (grid variant above 1,000 nodes), seeded; "
        "the same coordinates in every process (checked at 5,000 cards with two hash seeds).",
        "- *rdf triples*: the knowledge base as a set of rdflib terms; *turtle* / *json-ld*: build_kb's own "
        "sorted writers. rdflib's writers took 1.26 s (Turtle) and 1.02 s (JSON-LD, before re-sorting) at "
        "1,005 cards, about 5x slower, and filling an rdflib `Graph` instead of a set costs about 3x more; "
        "the `Graph` is built only for `python -m build_kb query`.",
        "- Python's cycle collector is paused while triples are built and written (no cycles, "
        "hundreds of thousands of objects): about 40% of the time at 5,000 cards.",
        "- *graph.json* excludes the layout, which it reuses.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "RESULTS-graph.md")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        row = measure(size, args.repeat)
        print(", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
        rows.append(row)
    args.output.write_text(report(rows, args.repeat), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
