"""Benchmark: loading and checking synthetic knowledge bases of growing size.

For each size it times, in a fresh process, ``build_kb``'s load + check (every .bib file
parsed, then warm: read back from the build cache) and the floor (PyYAML's C loader on
every card plus bibtexparser's plain parse of every .bib file), records peak memory, and
writes the figures to ``bench/RESULTS.md`` (section "Load and check").
Run: ``python bench/load_check.py [--sizes 100:400,1000:4000,5000:20000]``.
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
SECTION = "Load and check"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, root = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
if mode == "floor":
    import yaml
    from bibtexparser import entrypoint
    for p in sorted((root / "concepts").glob("*.yaml")):
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for p in sorted((root / "references").glob("*.bib")):
        entrypoint.parse_string(p.read_text(encoding="utf-8"))
    count = None
else:
    from build_kb.pipeline import load_project
    loaded = load_project(root)
    count = sum(1 for d in loaded.diagnostics if d.severity.value == "error")
elapsed = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, "errors": count}))
"""


def measure(mode: str, root: Path, cache: str = "off") -> dict[str, float]:
    """Run one measurement in a fresh interpreter, so memory starts empty.

    ``cache``: the build cache folder (``BUILD_KB_CACHE_DIR``), ``off`` to parse every file.
    """
    env = {**os.environ, "BUILD_KB_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(root)], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100:400,1000:4000,5000:20000", help="cards:references,...")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from results import write_section
    from synth import write_project

    rows = []
    for size in args.sizes.split(","):
        cards, references = (int(n) for n in size.split(":"))
        with tempfile.TemporaryDirectory() as folder:
            root = write_project(Path(folder), cards, references)
            floor = min((measure("floor", root) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            ours = min((measure("build_kb", root) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            cache = str(Path(folder) / "cache")
            measure("build_kb", root, cache)  # Fills the build cache (the parsed .bib files).
            warm = min((measure("build_kb", root, cache) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        assert ours["errors"] == 0, "the synthetic knowledge base should check clean"
        rows.append(
            f"| {cards:,} | {references:,} | {floor['seconds']:.2f} | {ours['seconds']:.2f} | "
            f"{ours['seconds'] / floor['seconds']:.2f} | {warm['seconds']:.2f} | {floor['peak_mb']:.0f} | "
            f"{ours['peak_mb']:.0f} |"
        )
        print(rows[-1], flush=True)
    body = "\n".join(
        [
            f"Machine: {platform.machine()}, Python {platform.python_version()}; best of {args.repeat} runs, "
            "each in a fresh process. Floor: PyYAML's C loader on every card plus bibtexparser's plain parse "
            "(no LaTeX decoding, no name splitting, no checks). build_kb: `load_project` (load, decode, "
            "validate, index, every check), with the build cache off, so every `.bib` file is parsed; warm: "
            "the same with the build cache filled by an earlier run (the parsed `.bib` files are read back, "
            "as in a build whose library did not change).",
            "",
            "| cards | references | floor (s) | build_kb (s) | ratio | build_kb warm (s) | floor peak (MB) "
            "| build_kb peak (MB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Target (issue 2): 5,000 cards and 20,000 references loaded and checked in at most 8 s.",
            "Regenerate: `python bench/load_check.py`.",
        ]
    )
    write_section(SECTION, body)


if __name__ == "__main__":
    main()
