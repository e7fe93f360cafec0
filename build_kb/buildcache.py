"""The build cache's folder and its JSON files: derived data kept between builds.

Citations have their own tables (:mod:`build_kb.bibliography.cache`); other derived data
(the parsed BibTeX library, the graph layout) is one JSON file per item here, stored
with the hash of everything it was derived from. A file whose hash differs, that
cannot be read, or that is damaged is a miss; one that cannot be written is skipped:
the cache never fails a build.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from build_kb.bibliography.cache import DEFAULT_CACHE_DIR

CACHE_ENV = "BUILD_KB_CACHE_DIR"
"""The build cache's folder, or ``off`` for none (the plugin's citation cache reads the same setting)."""
FORMAT = 1


def cache_folder(root: Path) -> Path | None:
    """``$BUILD_KB_CACHE_DIR`` (``off``: none), else ``<root>/.cache/build_kb``, as the plugin decides."""
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return root / DEFAULT_CACHE_DIR
    if value.strip().lower() in ("", "0", "off", "none", "false"):
        return None
    return Path(value).expanduser()


def load(file: Path, key: str) -> Any | None:
    """The payload stored in ``file`` under ``key``, or None (missing, another key, unreadable)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    return data.get("payload")


def store(file: Path, key: str, payload: Any) -> bool:
    """Write ``payload`` under ``key`` atomically; False when it could not be written."""
    text = json.dumps({"format": FORMAT, "key": key, "payload": payload}, ensure_ascii=False, separators=(",", ":"))
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True
