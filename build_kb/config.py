"""Project settings, shared by the CLI and the MkDocs plugin.

The plugin's options in ``mkdocs.yml`` are the one place a project is configured; the
CLI reads the same block (without MkDocs) so ``check`` and ``mkdocs build`` agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position

PLUGIN_NAME = "build_kb"
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """Where a knowledge base lives and how it is published.

    Attributes:
        root: The project folder (the one holding ``mkdocs.yml``).
        concepts_dir: Folder of YAML cards, relative to ``root``.
        docs_dir: MkDocs' folder of hand-written pages, relative to ``root``.
        references_dir: Folder of ``*.bib`` files, relative to ``root``.
        languages: Site languages; the first is the default.
        max_file_bytes: Larger card files are refused.
        max_bib_bytes: Larger BibTeX files are refused (a whole Zotero library is large).
        csl_style: CSL style name or path for formatting references.
        private_fields: BibTeX fields never published, besides ``file``, ``annotation`` and
            the others of :data:`build_kb.bibliography.biblatex.PRIVATE_FIELDS`.
        per_page: Items per page of a paginated list (A-Z, themes, bibliography, authors, links).
        list_cap: Most items a backlink list ("cited by", co-authors...) shows on one page.
        relation_cap: Most related cards a card page lists, all relation types together.
        local_graph_neighbours: Most neighbours a card's local graph draws.
        local_graph_outer: Most neighbours of those neighbours it draws.
        site_url: Base of the site, for IRIs in the RDF export.
        repo_url: Base URL for "edit this card" links, or empty.
        edit_uri: Path from ``repo_url`` to the project root for edit links.
    """

    root: Path
    concepts_dir: str = "concepts"
    docs_dir: str = "docs"
    references_dir: str = "references"
    languages: tuple[str, ...] = ("fr", "en")
    max_file_bytes: int = 256 * 1024
    max_bib_bytes: int = 64 * 1024 * 1024
    csl_style: str = "apa"
    private_fields: tuple[str, ...] = ()
    per_page: int = 50
    list_cap: int = 50
    relation_cap: int = 24
    local_graph_neighbours: int = 24
    local_graph_outer: int = 24
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def concepts_path(self) -> Path:
        return self.root / self.concepts_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def references_path(self) -> Path:
        return self.root / self.references_dir

    def relative(self, path: Path) -> str:
        """A path as diagnostics show it: relative to the project, with ``/``."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def relative_many(self, paths: Iterable[Path]) -> list[str]:
        """:meth:`relative` of each path, each folder resolved once.

        A resolve costs a system call per path component: for a thousand cards, most of
        what reading them costs besides parsing. A file's real path is its folder's real
        path and its name, unless the file itself is a link, which is then resolved whole.
        """
        root = self.root.resolve()
        folders: dict[Path, Path] = {}
        shown = []
        for path in paths:
            folder = folders.get(path.parent)
            if folder is None:
                folder = folders[path.parent] = path.parent.resolve()
            real = folder / path.name
            if path.name in ("", ".", "..") or real.is_symlink():
                real = path.resolve()
            try:
                shown.append(real.relative_to(root).as_posix())
            except ValueError:
                shown.append(path.as_posix())
        return shown


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: unknown tags such as !!python/name become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("!", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def apply_options(config: ProjectConfig, options: dict[str, Any], path: str) -> tuple[ProjectConfig, list[Diagnostic]]:
    """Overlay plugin options on ``config``, reporting the ones that make no sense."""
    diagnostics: list[Diagnostic] = []
    changes: dict[str, Any] = {}
    for name in ("concepts_dir", "references_dir", "csl_style"):
        value = options.get(name)
        if value is not None:
            if isinstance(value, str) and value:
                changes[name] = value
            else:
                diagnostics.append(report("config", path, Position(), f"'{name}' must be a non-empty text"))
    languages = options.get("languages")
    if languages is not None:
        if (
            isinstance(languages, list)
            and languages
            and all(isinstance(lang, str) and _LANG_RE.match(lang) for lang in languages)
            and len(set(languages)) == len(languages)
        ):
            changes["languages"] = tuple(languages)
        else:
            diagnostics.append(
                report(
                    "config",
                    path,
                    Position(),
                    "'languages' must be a list of distinct language codes",
                    "for example: languages: [fr, en]",
                )
            )
    private = options.get("private_fields")
    if private is not None:
        if isinstance(private, list) and all(isinstance(name, str) and name.strip() for name in private):
            changes["private_fields"] = tuple(sorted({name.strip().lower() for name in private}))
        else:
            diagnostics.append(
                report(
                    "config",
                    path,
                    Position(),
                    "'private_fields' must be a list of BibTeX field names",
                    "for example: private_fields: [mynotes, location-on-shelf]",
                )
            )
    for name in ("max_file_bytes", "max_bib_bytes"):
        max_bytes = options.get(name)
        if max_bytes is None:
            continue
        if _whole(max_bytes) and max_bytes > 0:
            changes[name] = max_bytes
        else:
            diagnostics.append(report("config", path, Position(), f"'{name}' must be a positive whole number"))
    for name, (low, high) in SIZE_OPTIONS.items():
        size = options.get(name)
        if size is None:
            continue
        if _whole(size) and low <= size <= high:
            changes[name] = size
        else:
            default = getattr(config, name)
            hint = f"the default is {default}; a larger size makes every page that shows the list or graph larger"
            message = f"'{name}' must be a whole number from {low} to {high}"
            diagnostics.append(report("config", path, Position(), message, hint))
    return replace(config, **changes), diagnostics


SIZE_OPTIONS = {
    "per_page": (5, 1000),
    "list_cap": (5, 1000),
    "relation_cap": (1, 200),
    "local_graph_neighbours": (1, 60),
    "local_graph_outer": (0, 60),
}
"""The size options and their bounds: a page's size is bounded by them, so they are bounded too."""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def load_config(root: Path) -> tuple[ProjectConfig, list[Diagnostic]]:
    """Read the project's settings: the ``build_kb`` plugin block of ``mkdocs.yml``.

    A project without ``mkdocs.yml`` uses the defaults.
    """
    config = ProjectConfig(root=root)
    mkdocs_yml = root / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        return config, []
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else "cannot read mkdocs.yml"
        return config, [report("config", "mkdocs.yml", Position(), f"cannot read mkdocs.yml: {message}")]
    if not isinstance(data, dict):
        return config, []
    site_url = data.get("site_url")
    repo_url = data.get("repo_url")
    edit_uri = data.get("edit_uri")
    docs_dir = data.get("docs_dir")
    config = replace(
        config,
        site_url=site_url if isinstance(site_url, str) else "",
        repo_url=repo_url if isinstance(repo_url, str) else "",
        edit_uri=edit_uri if isinstance(edit_uri, str) else "",
        docs_dir=docs_dir if isinstance(docs_dir, str) and docs_dir else "docs",
    )
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME]
            if isinstance(options, dict):
                return apply_options(config, options, "mkdocs.yml")
    return config, []
