"""Writing one benchmark's section of ``bench/RESULTS.md``, keeping the other sections."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def write_section(title: str, body: str, results: Path = RESULTS) -> None:
    """Replace the section headed ``## {title}`` (or append it), leaving the rest as it is."""
    heading = f"## {title}"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"{re.escape(heading)}\n.*?(?=\n## |\Z)", re.DOTALL)
    section = f"{heading}\n\n{body.strip()}\n"
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    results.write_text(text, encoding="utf-8")
