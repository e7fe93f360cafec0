"""The project's copy of the card schema, and the ``$schema`` reference a new card gets.

A card's first line tells editors (YAML language server) where the schema is. A path into
the Python environment (``venv/lib/python3.11/site-packages/...``) differs per contributor
and breaks when the environment moves, so ``new`` and ``init`` point at a file of the
project (written by ``python -m build_kb schema``) or at the site's published copy.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from build_kb.config import ProjectConfig
from build_kb.load.schema import SCHEMA_RESOURCE, card_schema, schema_text
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

PROJECT_SCHEMA = "schema/concept.schema.json"
"""Where ``python -m build_kb schema`` writes the schema, relative to the project."""

PUBLISHED_SCHEMA = "schema/concept.schema.json"
"""Where the site publishes it, relative to ``site_url``."""


@dataclass(frozen=True, slots=True)
class SchemaWriteError:
    """Why the schema was not written."""

    message: str
    hint: str = ""


def write_schema(target: Path, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str | SchemaWriteError:
    """Write the card schema of ``vocabulary`` to ``target``; say what happened ("created", "updated", "unchanged").

    A file that is already there is replaced only when it is an earlier copy of this
    schema (same ``$id``): a file a person wrote under that name is never overwritten.
    """
    text = schema_text(vocabulary)
    if target.exists():
        try:
            old = target.read_text(encoding="utf-8")
            same_schema = json.loads(old).get("$id") == card_schema().get("$id")
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            same_schema, old = False, ""
        if old == text:
            return "unchanged"
        if not same_schema:
            return SchemaWriteError(
                f"{target} exists and is not a build_kb card schema; not overwriting it",
                "choose another file with --output, or move that file away",
            )
    state = "updated" if target.exists() else "created"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    except OSError as error:
        return SchemaWriteError(f"cannot write {target}: {error.strerror or error}")
    return state


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def schema_reference(config: ProjectConfig, card_dir: Path) -> str | None:
    """What a card written in ``card_dir`` puts after ``$schema=``, or None if nothing travels.

    In order: the project's copy of the schema; the package's own file when it lies inside
    the project (build_kb's repository); the published copy when ``site_url`` is set.
    """
    root = config.root.resolve()
    project_copy = root / PROJECT_SCHEMA
    if project_copy.is_file():
        return _relative(project_copy, card_dir)
    packaged = Path(str(resources.files("build_kb").joinpath(SCHEMA_RESOURCE))).resolve()
    if packaged.is_relative_to(root) and config.vocabulary is DEFAULT_VOCABULARY:
        return _relative(packaged, card_dir)
    if config.site_url.strip().startswith(("http://", "https://")):
        return config.site_url.strip().rstrip("/") + "/" + PUBLISHED_SCHEMA
    return None
