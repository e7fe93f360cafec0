"""Benchmark: the live preview. From saving a card to ``mkdocs serve`` serving the page that shows it.

A synthetic knowledge base (``bench/synth.py``) is served by a real ``mkdocs serve`` in a
child process (its own build cache, warmed by a first ``mkdocs build``). One card is then
edited five ways, one after the other, each waited for: its French definition, its French
label, a relation (a card added to or removed from its ``related`` list), its first claim,
and the BibTeX title of the first work it cites. For each edit, the time from the file's
save to the served card page holding the change (polled over HTTP every 20 ms); the five
edits are repeated until ``--rebuilds`` rebuilds, and the resident memory of the serving
process (``VmRSS``) is read after the first build and after each rebuild (once the server
logs "Reloading browsers"). Figures go to ``bench/RESULTS-serve.md``, with the load average.

Run: ``python bench/serve_bench.py [--cards 1000] [--references 4000] [--rebuilds 20]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from site_build import MKDOCS_YML  # noqa: E402
from synth import card_id, write_project  # noqa: E402

RESULTS = HERE / "RESULTS-serve.md"
POLL = 0.02
TIMEOUT = 600.0
CARD = 7
"""The edited card: an ordinary one (cards 0-2 are hubs), with a definition, claims and citations."""


def write_site(folder: Path, cards: int, references: int) -> Path:
    """The synthetic project, with the build_kb plugin and a home page."""
    write_project(folder, cards, references)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Bench\n\n{{ kb.count.cards }} cards.\n", encoding="utf-8")
    nav = "  - Themes: themes/index.md\n  - Cards: concepts/index.md"
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(extra_plugin="  - build_kb", extra_nav=nav), encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(check: Callable[[], bool], what: str) -> float:
    """Poll ``check`` until true; the seconds it took."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > TIMEOUT:
            raise TimeoutError(what)
        time.sleep(POLL)
    return time.perf_counter() - start


class Edits:
    """The five edits of one card, each with the text the served page holds once it is rebuilt."""

    def __init__(self, folder: Path, cards: int) -> None:
        self.card = folder / "concepts" / f"{card_id(CARD)}.yaml"
        self.other = card_id(cards - 1)
        text = self.card.read_text(encoding="utf-8")
        self.cited = re.search(r"@(author\d+x)", text).group(1)  # type: ignore[union-attr]
        self.bib = next(p for p in sorted((folder / "references").glob("*.bib")) if f"{{{self.cited}," in p.read_text())
        self.related = False

    def _card(self, old: str, new: str) -> None:
        text = self.card.read_text(encoding="utf-8")
        assert old in text, old
        self.card.write_text(text.replace(old, new, 1), encoding="utf-8")

    def definition(self, token: str) -> str:
        self._card("definition:\n  fr: >-\n    ", f"definition:\n  fr: >-\n    {token} ")
        return token

    def label(self, token: str) -> str:
        self._card("label:\n  fr: ", f"label:\n  fr: {token} ")
        return token

    def relation(self, token: str) -> str:
        """Add the last card to the related ones, or take it out: the page links to it, or no longer does."""
        text = self.card.read_text(encoding="utf-8")
        self.related = not self.related
        if self.related:
            self._card("related: [", f"related: [{self.other}, ")
            return f"/{self.other}/"
        self.card.write_text(text.replace(f"related: [{self.other}, ", "related: [", 1), encoding="utf-8")
        return f"!/{self.other}/"

    def claim(self, token: str) -> str:
        self._card("  - statement:\n      fr: ", f"  - statement:\n      fr: {token} ")
        return token

    def title(self, token: str) -> str:
        text = self.bib.read_text(encoding="utf-8")
        start = text.index(f"{{{self.cited},")
        at = text.index("title = {", start) + len("title = {")
        self.bib.write_text(text[:at] + token + " " + text[at:], encoding="utf-8")
        return token


def holds(page: str | None, expected: str) -> bool:
    if page is None:
        return False
    if expected.startswith("!"):
        return expected[1:] not in page
    return expected in page


def run(cards: int, references: int, rebuilds: int, keep: Path | None) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    folder = write_site(work / "project", cards, references)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("BUILD_KB_CACHE_DIR", None)
    yml = str(folder / "mkdocs.yml")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", yml, "-d", str(work / "warm")], env=env)
    port = free_port()
    log_path = work / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", yml, "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    mount = urlsplit(re.search(r"site_url: (\S+)", MKDOCS_YML).group(1)).path  # type: ignore[union-attr]
    page_url = f"http://127.0.0.1:{port}{mount}concepts/{card_id(CARD)}/"  # serve mounts the site at its path
    reloads = lambda: log_path.read_text(encoding="utf-8").count("Reloading browsers")  # noqa: E731
    try:
        first_page = wait_for(lambda: fetch(page_url) is not None, "first page")
        wait_for(lambda: "Serving on" in log_path.read_text(encoding="utf-8"), "server ready")
        time.sleep(1.0)
        rss = [rss_mb(server.pid)]
        edits = Edits(folder, cards)
        kinds: list[tuple[str, Callable[[str], str]]] = [
            ("definition", edits.definition),
            ("label", edits.label),
            ("relation", edits.relation),
            ("claim", edits.claim),
            ("BibTeX title", edits.title),
        ]
        times: dict[str, list[float]] = {name: [] for name, _ in kinds}
        for number in range(rebuilds):
            name, edit = kinds[number % len(kinds)]
            before = reloads()
            time.sleep(0.3)  # a save in a later second than the last build's files
            token = f"zqx{number:02d}{'abcdefghij'[number % 10]}edit"
            saved = time.perf_counter()
            expected = edit(token)
            wait_for(lambda expected=expected: holds(fetch(page_url), expected), name)
            times[name].append(time.perf_counter() - saved)
            wait_for(lambda before=before: reloads() > before, "rebuild over")
            rss.append(rss_mb(server.pid))
            print(f"{number + 1:2d} {name:13s} {times[name][-1]:6.2f} s  rss {rss[-1]:6.0f} MB", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if keep is not None:
            shutil.copy(log_path, keep)
        shutil.rmtree(work, ignore_errors=True)
    return {"first_page": first_page, "times": times, "rss": rss}


def report(cards: int, references: int, rebuilds: int, result: dict[str, object], load: str) -> str:
    times: dict[str, list[float]] = result["times"]  # type: ignore[assignment]
    rss: list[float] = result["rss"]  # type: ignore[assignment]
    firsts = [values[0] for values in times.values() if values]
    every = [value for values in times.values() for value in values]
    lines = [
        "# Live preview (`mkdocs serve`)",
        "",
        f"Written by `bench/serve_bench.py`: {cards} cards, {references} references, {rebuilds} rebuilds;",
        f"Python {platform.python_version()}, {os.cpu_count()} cores; load average at the end: {load}.",
        "",
        f"- First page served {result['first_page']:.1f} s after `mkdocs serve` started.",
        f"- From save to the served page holding the change: median of the five kinds' first edits "
        f"{statistics.median(firsts):.2f} s; median of all {len(every)} edits {statistics.median(every):.2f} s.",
        f"- Resident memory: {rss[0]:.0f} MB after the first build, {rss[1]:.0f} MB after the first rebuild, "
        f"{rss[-1]:.0f} MB after {len(rss) - 1} rebuilds ({rss[-1] / rss[1]:.2f} times the first rebuild's).",
        "",
        "| edit | seconds, each time |",
        "|---|---|",
    ]
    for name, values in times.items():
        lines.append(f"| {name} | {', '.join(f'{value:.2f}' for value in values)} |")
    lines += ["", "Resident memory after each build (MB): " + ", ".join(f"{value:.0f}" for value in rss), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--references", type=int, default=4000)
    parser.add_argument("--rebuilds", type=int, default=20)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--keep-log", type=Path, default=None, help="copy the server's log here")
    args = parser.parse_args()
    result = run(args.cards, args.references, args.rebuilds, args.keep_log)
    load = Path("/proc/loadavg").read_text(encoding="utf-8").strip() if Path("/proc/loadavg").exists() else "?"
    text = report(args.cards, args.references, args.rebuilds, result, load)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
