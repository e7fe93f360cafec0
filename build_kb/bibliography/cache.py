"""Formatted references kept between builds: in memory across ``mkdocs serve`` rebuilds, on disk between runs.

citeproc-py takes milliseconds per entry, so a 20,000-entry library would cost a minute
on every build. Each formatted entry is stored under a hash of everything its text
depends on: the CSL-JSON the engine reads (year suffix and citation number included)
in a *table* named by a hash of the style file, the locale and the versions of build_kb,
citeproc-py and the rendering code. A changed entry or style simply misses.

A table is one entry of the build cache (:mod:`build_kb.store`: signed, so HTML from
anywhere else is never read), written deterministically, each record checked when read.
The save at the end of a build keeps only the records that build used, so deleted
references and old versions do not pile up. A cache that cannot be read is ignored and
one that cannot be written is skipped: caching never fails a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_kb.store import DEFAULT_CACHE_DIR, Store, fingerprint, open_store, read_json, write_json

__all__ = ["DEFAULT_CACHE_DIR", "CacheTable", "FormatCache", "Record", "shared_cache"]

KIND = "citations"

SortKeys = tuple[str | None, ...]


@dataclass(slots=True)
class Record:
    """One reference formatted in one style and locale.

    Attributes:
        html: The bibliography entry, safe HTML, DOI and URL linked.
        bib_sort: The style's bibliography sort keys for it.
        cite_sort: The style's citation sort keys for it.
        cites: Citation item renderings by locator (``""`` for none, else ``label:value``, or
            ``label:#`` for the template of plain-number locators), HTML with author marks.
        error: Why citeproc could not format it ("" when it could); such records are not stored.
    """

    html: str
    bib_sort: SortKeys
    cite_sort: SortKeys
    cites: dict[str, str] = field(default_factory=dict)
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "html": self.html,
            "bib_sort": list(self.bib_sort),
            "cite_sort": list(self.cite_sort),
            "cites": dict(sorted(self.cites.items())),
        }

    @classmethod
    def from_json(cls, data: Any) -> Record | None:
        """A record read back from disk, or None if it is not one (a damaged or foreign file)."""
        if not isinstance(data, dict):
            return None
        html, cites = data.get("html"), data.get("cites")
        if not isinstance(html, str) or not isinstance(cites, dict):
            return None
        for key, value in cites.items():  # Plain loops: this runs for every entry of every build.
            if not isinstance(key, str) or not isinstance(value, str):
                return None
        keys = []
        for column in (data.get("bib_sort"), data.get("cite_sort")):
            if not isinstance(column, list):
                return None
            for value in column:
                if value is not None and not isinstance(value, str):
                    return None
            keys.append(tuple(column))
        return cls(html, keys[0], keys[1], cites)


class CacheTable:
    """The records of one style, locale and version, by entry hash."""

    def __init__(self, store: Store | None, namespace: str) -> None:
        self.store = store
        self.namespace = namespace
        self.key = fingerprint(KIND, namespace)
        self.records: dict[str, Record] = {}
        self.touched: set[str] = set()
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._load()

    def _load(self) -> None:
        data = read_json(self.store, KIND, self.namespace, self.key)
        if data is None:
            return
        if type(data) is not dict:
            self.store.miss(KIND, "not a table")  # type: ignore[union-attr]
            return
        for digest, value in data.items():
            record = Record.from_json(value)
            if record is None:
                self.store.miss(KIND, "a record of another shape")  # type: ignore[union-attr]
            else:
                self.records[digest] = record

    def get(self, digest: str) -> Record | None:
        """The record stored under ``digest``, counted as used; None on a miss."""
        record = self.records.get(digest)
        if record is None:
            self.misses += 1
            return None
        self.hits += 1
        self.touched.add(digest)
        return record

    def put(self, digest: str, record: Record) -> None:
        """Store a new record (failed ones are kept in memory only for this build)."""
        self.records[digest] = record
        self.touched.add(digest)
        self.dirty = self.dirty or not record.error

    def absorb(self) -> None:
        """Take the citation renderings another process wrote to the store for records this table holds.

        The page helper (:mod:`build_kb.render.helper`) formats the citations of the pages it
        makes and writes them before it exits; the build takes them here, before its own save.
        """
        if self.store is None:
            return
        other = CacheTable(self.store, self.namespace)
        for digest, record in self.records.items():
            found = other.records.get(digest)
            if found is None or found.html != record.html:
                continue
            for locator, text in found.cites.items():
                if locator not in record.cites:
                    record.cites[locator] = text
                    self.dirty = True

    def mark_dirty(self) -> None:
        """A record gained a citation rendering: write the table on the next save."""
        self.dirty = True

    def save(self, prune: bool = True) -> bool:
        """Write the table if anything changed.

        Args:
            prune: Drop the records not used since the last pruning save first (the end of
                a build), and start counting use afresh. Without it (mid-build), new records
                are written and nothing is dropped.

        Returns:
            False when it could not be written (the build goes on without it).
        """
        changed = self.dirty
        if prune:
            stale = set(self.records) - self.touched
            for digest in stale:
                del self.records[digest]
            changed = changed or bool(stale)
            self.touched = set()
        self.dirty = False
        if self.store is None or not changed:
            return True
        payload = {d: r.to_json() for d, r in sorted(self.records.items()) if not r.error}
        return write_json(self.store, KIND, self.namespace, self.key, payload)


class FormatCache:
    """All tables of one cache folder (or of memory only, when there is no folder)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._tables: dict[str, CacheTable] = {}

    def table(self, namespace: str) -> CacheTable:
        """The table of one style, locale and version, read from disk the first time."""
        table = self._tables.get(namespace)
        if table is None:
            table = self._tables[namespace] = CacheTable(open_store(self.directory), namespace)
        return table

    def save(self, prune: bool = True) -> bool:
        """Save every table (see :meth:`CacheTable.save`); False if any could not be written."""
        results = [table.save(prune) for _, table in sorted(self._tables.items())]
        return all(results)


_SHARED: dict[Path | None, FormatCache] = {}


def shared_cache(directory: Path | None) -> FormatCache:
    """The process-wide cache of a folder, so rebuilds under ``mkdocs serve`` reuse what is in memory."""
    key = directory.resolve() if directory is not None else None
    cache = _SHARED.get(key)
    if cache is None:
        cache = _SHARED[key] = FormatCache(key)
    return cache
