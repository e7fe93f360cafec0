"""Reading and damaging the build cache's store as a test, a bad disk or an attacker would.

Each way of :data:`ROW_DAMAGES` rewrites every row of the given kinds in place; each way of
:data:`FILE_DAMAGES` damages the SQLite file itself. Forged rows hold :data:`EVIL` (a script
and an image from another host) under the right key, signed with a key that is not this
machine's: none of it may reach a page.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from build_kb import store as store_module
from build_kb.store import FILE, MAX_ENTRY, Store, _pack, _unpack, close_all, machine_key

KINDS = ("bibtex", "layout", "citations", "graph", "page", "download")
"""Every kind of entry a build of a project with references and cards writes."""
EVIL = "<script>alert('cache')</script><img src=https://evil.example/pixel.png>"
EVIL_MARKS = ("evil.example", "alert('cache')")
ROW_DAMAGES = (
    "flipped-bytes",
    "truncated-value",
    "zlib-garbage",
    "zlib-bomb",
    "wrong-types",
    "text-columns",
    "wrong-version",
    "forged",
)
FILE_DAMAGES = ("garbage-file", "truncated-file", "corrupt-pages", "other-format")
_JSON = ("bibtex", "layout", "citations")
"""The kinds stored as JSON; the others hold HTML."""
_ATTACKER = b"not this machine's key, 32 bytes"


def rows(folder: Path) -> dict[tuple[str, str, str], bytes]:
    """Every entry the store in ``folder`` gives back under its own key (signed here, whole), by (kind, name, key)."""
    close_all()  # what this process wrote is in the file, not only in its write-ahead log
    secret = machine_key()
    assert secret is not None
    with sqlite3.connect(folder / FILE) as db:
        found = db.execute("SELECT kind, name, key FROM entries").fetchall()
    db.close()
    reader = Store(folder, secret)
    kept = {(kind, name, key): reader.read(kind, name, key) for kind, name, key in found}
    reader.close()
    return {place: data for place, data in kept.items() if data is not None}


def _sign(kind: str, name: str, key: str, value: bytes, secret: bytes | None = None) -> tuple[str, bytes, bytes]:
    own = machine_key()
    assert own is not None
    return key, store_module._mac(secret or own, kind, name, key, value), value


def _wrong_types(kind: str, data: bytes) -> bytes:
    """The entry with its keys right and its values of the wrong types (as an older or buggy writer might)."""
    if kind not in _JSON:
        return b"\xff\xfe" + EVIL.encode("utf-8")  # not UTF-8
    payload = json.loads(data)
    if kind == "bibtex":
        for reference in payload["references"]:
            reference[2] = list(reference[2].items())  # fields: pairs, not a mapping
        payload["macros"] = list(payload["macros"])
    elif kind == "layout":
        payload = [[str(x), y] for x, y in payload]
    elif kind == "citations":
        payload = {digest: {**record, "html": {"text": EVIL}, "bib_sort": "x"} for digest, record in payload.items()}
    return json.dumps(payload).encode("utf-8")


def _forged(kind: str, data: bytes) -> bytes:
    """The entry rewritten with :data:`EVIL` wherever text goes."""
    if kind not in _JSON:
        return f"<p>{EVIL}</p>".encode()
    payload = json.loads(data)
    if kind == "bibtex":
        for reference in payload["references"]:
            reference[2] = {name: EVIL for name in reference[2]}
            reference[7] = EVIL
    elif kind == "layout":
        payload = [[0.0, 0.0] for _ in payload]
    elif kind == "citations":
        payload = {digest: {**record, "html": EVIL, "cites": {"": EVIL}} for digest, record in payload.items()}
    return json.dumps(payload).encode("utf-8")


def _damaged_row(how: str, kind: str, name: str, key: str, mac: bytes, value: bytes) -> tuple[Any, Any, Any]:
    data = _unpack(value)
    assert data is not None
    packed = value[:1] == b"z"
    if how == "flipped-bytes":
        middle = len(value) // 2
        return key, mac, value[:middle] + bytes(b ^ 0xFF for b in value[middle : middle + 8]) + value[middle + 8 :]
    if how == "truncated-value":
        return _sign(kind, name, key, value[: len(value) // 2])
    if how == "zlib-garbage":
        return _sign(kind, name, key, b"z" + hashlib.sha256(value).digest() * 8)
    if how == "zlib-bomb":
        return _sign(kind, name, key, b"z" + zlib.compress(b" " * (MAX_ENTRY + 1), 9))
    if how == "wrong-types":
        return _sign(kind, name, key, _pack(_wrong_types(kind, data), packed))
    if how == "text-columns":
        return key, mac.hex(), _forged(kind, data).decode("utf-8")
    if how == "wrong-version":
        return _sign(kind, name, hashlib.sha256(b"another version" + key.encode()).hexdigest(), value)
    if how == "forged":
        return _sign(kind, name, key, _pack(_forged(kind, data), packed), _ATTACKER)
    raise ValueError(how)


def damage(folder: Path, how: str, kinds: tuple[str, ...] = KINDS) -> Counter[str]:
    """Damage the store in ``folder`` in the way ``how``; how many rows of each kind were damaged."""
    close_all()
    path = folder / FILE
    with sqlite3.connect(path) as db:
        found = db.execute("SELECT kind, name, key, mac, value FROM entries").fetchall()
    db.close()
    counts = Counter(kind for kind, *_ in found if kind in kinds)
    if how in FILE_DAMAGES:
        _damage_file(path, how)
        return counts
    with sqlite3.connect(path) as db:
        for kind, name, key, mac, value in found:
            if kind in kinds:
                new = _damaged_row(how, kind, name, key, mac, value)
                db.execute(
                    "UPDATE entries SET key = ?, mac = ?, value = ? WHERE kind = ? AND name = ?", (*new, kind, name)
                )
    db.close()
    return counts


def _damage_file(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "garbage-file":
        path.write_bytes(hashlib.sha256(data).digest() * (len(data) // 32))
    elif how == "truncated-file":
        path.write_bytes(data[: len(data) * 3 // 5])
    elif how == "corrupt-pages":
        path.write_bytes(data[:4096] + b"\x5a" * (len(data) - 8192) + data[-4096:])
    elif how == "other-format":
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version = 99")
        db.close()
    else:
        raise ValueError(how)
