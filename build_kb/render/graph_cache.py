"""Generated HTML kept between builds: local graphs and whole pages, each under one fingerprint at a time.

A card page's local graph is the costliest part of the page to make, and depends only on
the graph: the cards' ids, kinds, themes, labels, summaries and links, the layout, the
site's languages and URL style (and the code, as every fingerprint). Editing a card's
definition, claims or references (most edits) changes none of these. Whole pages depend
on every file of the project. Both are kept in the build cache (:mod:`build_kb.store`),
one row per card or page, under the fingerprint of all of that: any change, and every
item is made again. Rows are read one at a time, as pages are built, so a build never
loads every page at once; in ``mkdocs serve`` the pictures of the last build are also
kept in memory. A row is signed by this machine, so no HTML made elsewhere (a committed
``.cache/``) is ever published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path

from build_kb.config import ProjectConfig
from build_kb.graph.layout import Point
from build_kb.model import KnowledgeBase
from build_kb.render.i18n import words_digest
from build_kb.store import fingerprint as store_fingerprint
from build_kb.store import open_store

GRAPHS = "graph"
PAGES = "page"
"""The kinds of entry of the two stores."""
_MEMORY: dict[tuple[Path | None, str], tuple[str, dict[str, str]]] = {}
"""Per cache folder and kind: the fingerprint and the items of the last build in this process."""
_BATCH = 500


def fingerprint(
    kb: KnowledgeBase,
    layout: Mapping[str, Point],
    languages: tuple[str, ...],
    directory_urls: bool,
    caps: tuple[int, int],
) -> str:
    """A hash of everything a local graph is drawn from (``caps``: the most neighbours, and theirs, it draws)."""
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
    relations = [  # the vocabulary's relation types: their order, arrows and names are drawn
        [r.name, r.symmetric, sorted(r.label.items()), sorted(r.inverse_label.items())] for r in kb.vocabulary.relations
    ]
    state = [list(languages), directory_urls, list(caps), cards, points, words_digest(), relations]
    return store_fingerprint(GRAPHS, json.dumps(state, ensure_ascii=False))


def project_fingerprint(config: ProjectConfig, settings: str) -> str:
    """A hash of everything a generated page is made from: a build whose hash is the last one's makes the same pages.

    The cards' and references' files, the configuration file and the CSL style file, the
    site settings (``settings``: languages, URLs), the interface words (the catalogs), and
    (as every fingerprint) the code and package versions that turn them into pages.
    """
    digest = hashlib.sha256()
    for folder in (config.concepts_path, config.references_path):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for extra in (config.root / "mkdocs.yml", config.root / config.csl_style):
        digest.update(extra.read_bytes() + b"\0" if extra.is_file() else b"-\0")
    return store_fingerprint(PAGES, settings + words_digest(), digest.digest())


class HtmlStore:
    """HTML kept between builds by name, under one key: items of another key are dropped when this one writes.

    Args:
        folder: The build cache's folder, or None for memory only.
        kind: :data:`GRAPHS` or :data:`PAGES`.
        key: A hash of everything the HTML is made from.
        remember: Also keep the HTML in memory for the next build of this process (``mkdocs
            serve``); off for whole pages, which would hold the site in memory.
    """

    def __init__(self, folder: Path | None, kind: str, key: str, remember: bool = True) -> None:
        self.folder, self.kind, self.key = folder, kind, key
        self._store = open_store(folder)
        remembered = _MEMORY.get((folder, kind)) if remember else None
        self._remember = remember
        self._memory: dict[str, str] = dict(remembered[1]) if remembered and remembered[0] == key else {}
        self._new: dict[str, str] = {}
        self.batch = _BATCH
        """New items held before they are written (:meth:`put`; :meth:`section` without ``remember``)."""
        self.hits = 0
        """How many items were read from the store rather than made."""
        if remember:
            _MEMORY[folder, kind] = (key, self._memory)

    def prepare(self) -> set[str] | None:
        """Make the store ready for this key now (items of another key are dropped); the names it already holds.

        Another process can then add items while this one reads them (:mod:`build_kb.render.helper`).
        None if there is no store.
        """
        if self._store is None or not self._store.write(self.kind, [], generation=self.key):
            return None
        return self._store.names(self.kind, self.key)

    def section(self, name: str, draw: Callable[[], str]) -> str:
        """The HTML named ``name``: kept from an earlier build, or made now by ``draw``."""
        found = self._memory.get(name)
        if found is not None:
            return found
        data = self._store.read(self.kind, name, self.key) if self._store is not None else None
        if data is not None:
            try:
                found = data.decode("utf-8")
            except UnicodeDecodeError:
                self._store.miss(self.kind, "not UTF-8")  # type: ignore[union-attr]
            else:
                self.hits += 1
                if self._remember:
                    self._memory[name] = found
                return found
        found = draw()
        if self._remember:
            self._new[name] = self._memory[name] = found
        else:
            self.put(name, found)  # a cold build writes as it goes rather than holding every page
        return found

    def put(self, name: str, html: str) -> bool:
        """Add an item; every :attr:`batch` items, write them. True if this call wrote them."""
        self._new[name] = html
        return len(self._new) >= self.batch and self.save()

    def save(self) -> bool:
        """Write what this build made (items of another key are dropped first); False if it could not."""
        if self._store is None or not self._new:
            self._new.clear()  # no store: what was made is in memory only
            return True
        items = [(name, self.key, html.encode("utf-8")) for name, html in self._new.items()]
        if not self._store.write(self.kind, items, generation=self.key):
            return False
        self._new.clear()
        return True


LocalGraphCache = HtmlStore
"""The local graphs of one build, by card id, under the graph's :func:`fingerprint`."""
