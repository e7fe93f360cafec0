"""Project settings, shared by the CLI and the MkDocs plugin.

The plugin's options in ``mkdocs.yml`` are the one place a project is configured; the
CLI reads the same block (without MkDocs) so ``check`` and ``mkdocs build`` agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from build_kb.codes import report
from build_kb.config_yaml import MAX_CONFIG_BYTES, ConfigLoader, Unreadable, shape_problem
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import is_language_list
from build_kb.load.yamlmarks import SourceText, YamlPath
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from build_kb.vocabulary_settings import VOCABULARY_OPTIONS, read_vocabulary

PLUGIN_NAME = "build_kb"
_PLAIN_URL_RE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*")
"""The characters of a URL as RFC 3986 writes it, less the quote ``'``: nothing that can end an
HTML attribute or start a tag, since Material writes these settings into every page raw."""


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """Where a knowledge base lives and how it is published.

    Attributes:
        root: The project folder (the one holding ``mkdocs.yml``).
        concepts_dir: Folder of YAML cards, relative to ``root``.
        docs_dir: MkDocs' folder of hand-written pages, relative to ``root``.
        references_dir: Folder of ``*.bib`` files, relative to ``root``.
        locales_dir: Folder of the project's catalogs of interface words (``<lang>.po``), relative to ``root``.
        languages: Site languages; the first is the default.
        max_file_bytes: Larger card files are refused.
        max_bib_bytes: Larger BibTeX files are refused (a whole Zotero library is large).
        csl_style: CSL style name or path for formatting references.
        private_fields: BibTeX fields never published, besides ``file``, ``annotation`` and
            the others of :data:`build_kb.bibliography.biblatex.PRIVATE_FIELDS`.
        per_page: Items per page of a paginated list (A-Z, themes, bibliography, authors, links).
        paginate_above: Lists of at most this many items are not paginated.
        list_cap: Most items a backlink list ("cited by", co-authors...) shows on one page.
        relation_cap: Most related cards a card page lists, all relation types together.
        local_graph_neighbours: Most neighbours a card's local graph draws.
        local_graph_outer: Most neighbours of those neighbours it draws.
        site_url: Base of the site, for IRIs in the RDF export.
        repo_url: Base URL for "edit this card" links, or empty.
        edit_uri: Path from ``repo_url`` to the project root for edit links.
        vocabulary: The card kinds, evidence levels, relation types and card sections
            (the ``kinds``, ``evidence_levels``, ``relations`` and ``sections`` options).
    """

    root: Path
    concepts_dir: str = "concepts"
    docs_dir: str = "docs"
    references_dir: str = "references"
    locales_dir: str = "locales"
    languages: tuple[str, ...] = ("fr", "en")
    max_file_bytes: int = 256 * 1024
    max_bib_bytes: int = 64 * 1024 * 1024
    csl_style: str = "apa"
    private_fields: tuple[str, ...] = ()
    per_page: int = 50
    paginate_above: int = 200
    list_cap: int = 50
    relation_cap: int = 24
    local_graph_neighbours: int = 24
    local_graph_outer: int = 24
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    extra: dict[str, Any] = field(default_factory=dict)
    config_file: str = ""
    """The configuration file's name when there is one (``mkdocs.yml``), for diagnostics."""
    option_positions: Mapping[str, Position] = field(default_factory=dict)
    """Where each option of the build_kb block is written in it."""

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


OPTION_NAMES = (
    "concepts_dir",
    "references_dir",
    "locales_dir",
    "languages",
    "max_file_bytes",
    "max_bib_bytes",
    "csl_style",
    "per_page",
    "paginate_above",
    "list_cap",
    "relation_cap",
    "local_graph_neighbours",
    "local_graph_outer",
    "private_fields",
    "translations",
    "kinds",
    "evidence_levels",
    "relations",
    "sections",
)
"""Every option of the build_kb block (the plugin declares the same names)."""
BYTE_LIMITS = {"max_file_bytes": 16 * 1024 * 1024, "max_bib_bytes": 1024 * 1024 * 1024}
"""The most each file size limit may be raised to: a card of 16 MB or a library of 1 GB is no longer text to check."""


def plain_url(value: str, relative: bool = False) -> bool:
    """Tell whether ``value`` is a plain http(s) URL (or, with ``relative``, a plain path), safe to write into HTML."""
    if not _PLAIN_URL_RE.fullmatch(value):
        return False
    parts = urlsplit(value)
    if relative and not parts.scheme and not parts.netloc:
        return True
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def url_problems(settings: Mapping[str, object], path: str, positions: Mapping[str, Position]) -> list[Diagnostic]:
    """``site_url``, ``repo_url`` and ``edit_uri`` that are not plain URLs.

    MkDocs and Material write them into every page without escaping them, so
    ``site_url: 'https://x/"><script>...'`` would put a script on every page.
    """
    found = []
    for name in ("site_url", "repo_url", "edit_uri"):
        value = settings.get(name)
        if isinstance(value, str) and value and not plain_url(value, relative=name == "edit_uri"):
            found.append(
                report(
                    "config",
                    path,
                    positions.get(name, Position()),
                    f"'{name}' is not a plain URL: {value[:80]}",
                    "write an address such as https://example.org/kb/, without spaces, quotes or < >",
                )
            )
    return found


def apply_options(
    config: ProjectConfig, options: Mapping[str, Any], path: str, positions: Mapping[str, Position] | None = None
) -> tuple[ProjectConfig, list[Diagnostic]]:
    """Overlay plugin options on ``config``, reporting the ones that make no sense or that do not exist.

    ``positions``: where each option is written in ``path``, when known.
    """
    positions = positions or {}
    diagnostics: list[Diagnostic] = []
    changes: dict[str, Any] = {"config_file": path, "option_positions": dict(positions)}

    def problem(name: str, message: str, hint: str = "") -> None:
        diagnostics.append(report("config", path, positions.get(name, Position()), message, hint))

    for name in options:
        if name not in OPTION_NAMES:
            from build_kb.load.schema import suggest  # the schema module loads the card schema: only when needed

            hint = suggest(str(name), OPTION_NAMES) or "the options are: " + ", ".join(OPTION_NAMES)
            problem(str(name), f"unknown option '{name}' in the {PLUGIN_NAME} block", hint)
    for name in ("concepts_dir", "references_dir", "locales_dir", "csl_style"):
        value = options.get(name)
        if value is not None:
            if isinstance(value, str) and value and "\0" not in value and len(value) <= 4096:
                changes[name] = value
            else:
                problem(name, f"'{name}' must be a non-empty text")
    languages = options.get("languages")
    if languages is not None:
        if isinstance(languages, list) and is_language_list(languages):
            changes["languages"] = tuple(languages)
        else:
            problem(
                "languages", "'languages' must be a list of distinct language codes", "for example: languages: [fr, en]"
            )
    private = options.get("private_fields")
    if private is not None:
        if isinstance(private, list) and all(isinstance(name, str) and name.strip() for name in private):
            changes["private_fields"] = tuple(sorted({name.strip().lower() for name in private}))
        else:
            problem(
                "private_fields",
                "'private_fields' must be a list of BibTeX field names",
                "for example: private_fields: [mynotes, location-on-shelf]",
            )
    for name, high in BYTE_LIMITS.items():
        max_bytes = options.get(name)
        if max_bytes is None:
            continue
        if _whole(max_bytes) and 0 < max_bytes <= high:
            changes[name] = max_bytes
        else:
            problem(name, f"'{name}' must be a whole number from 1 to {high:,}")
    for name, (low, high) in SIZE_OPTIONS.items():
        size = options.get(name)
        if size is None:
            continue
        if _whole(size) and low <= size <= high:
            changes[name] = size
        else:
            default = getattr(config, name)
            hint = f"the default is {default}; a larger size makes every page that shows the list or graph larger"
            problem(name, f"'{name}' must be a whole number from {low} to {high}", hint)
    if any(options.get(name) is not None for name in VOCABULARY_OPTIONS):
        deep: dict[YamlPath, Position] = {(name,): position for name, position in positions.items()}
        deep.update(config_positions_deep(config.root / path) if path else {})
        languages = changes.get("languages", config.languages)
        changes["vocabulary"], problems = read_vocabulary(options, languages, path, deep)
        diagnostics.extend(problems)
    return replace(config, **changes), diagnostics


SIZE_OPTIONS = {
    "per_page": (5, 1000),
    "paginate_above": (0, 1000),
    "list_cap": (5, 1000),
    "relation_cap": (1, 200),
    "local_graph_neighbours": (1, 60),
    "local_graph_outer": (0, 60),
}
"""The size options and their bounds: a page's size is bounded by them, so they are bounded too."""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _key_positions(node: yaml.Node | None, source: SourceText) -> dict[str, Position]:
    """Where each key of a mapping node stands."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): source.position(key.start_mark.index)
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _deep_key_positions(node: yaml.Node, source: SourceText, prefix: YamlPath, found: dict[YamlPath, Position]) -> None:
    """Where each key of every mapping under ``node`` stands, by its path from the block."""
    if len(prefix) > 8 or not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            where = (*prefix, str(key.value))
            found[where] = source.position(key.start_mark.index)
            _deep_key_positions(value, source, where, found)


def config_positions_deep(path: Path) -> dict[YamlPath, Position]:
    """Where each key of the build_kb block stands, nested ones too (``("kinds", "theme", "label")``).

    Empty when the file cannot be read.
    """
    loader = None
    try:
        source = SourceText(path.read_text(encoding="utf-8"))
        loader = ConfigLoader(source.text)
        found = _plugin_node(loader.get_single_node())
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    finally:
        if loader is not None:
            loader.dispose()
    positions: dict[YamlPath, Position] = {}
    if found:
        _deep_key_positions(found[1], source, (), positions)
    return positions


def _plugin_node(root: yaml.Node | None) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of the build_kb entry under ``plugins``, if any."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "plugins"):
            continue
        # A list of plugins, or MkDocs' other form: a mapping of plugin names to options.
        entries = [item for item in value.value if isinstance(item, yaml.MappingNode)]
        pairs = value.value if isinstance(value, yaml.MappingNode) else [p for e in entries for p in e.value]
        for name, options in pairs:
            if isinstance(name, yaml.ScalarNode) and name.value == PLUGIN_NAME:
                return name, options
    return None


def config_positions(path: Path, block: bool = True) -> dict[str, Position]:
    """Where each option of the build_kb block (``block``), or each top-level setting, stands in ``path``.

    Empty when the file cannot be read.
    """
    loader = None
    try:
        source = SourceText(path.read_text(encoding="utf-8"))
        loader = ConfigLoader(source.text)
        node = loader.get_single_node()
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    finally:
        if loader is not None:
            loader.dispose()
    if not block:
        return _key_positions(node, source)
    found = _plugin_node(node)
    return _key_positions(found[1], source) if found else {}


def _read_config(path: Path, name: str) -> tuple[SourceText, yaml.Node | None, Any, list[Unreadable]] | Diagnostic:
    """The file's text, node tree, data and unreadable values, or the one problem that stops reading it."""
    source = SourceText("")
    loader = None
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            message = f"{name} is {size:,} bytes: more than the {MAX_CONFIG_BYTES:,} a configuration may have"
            hint = "a configuration is a few kilobytes; MkDocs would take seconds per megabyte to read it"
            return report("config", name, Position(), message, hint)
        raw = path.read_bytes()
        source = SourceText(raw.decode("utf-8"))
        shape = shape_problem(source.text)
        if shape is not None:
            return report("config", name, source.position(shape.offset), shape.message, shape.hint)
        loader = ConfigLoader(source.text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return source, node, data, loader.unreadable
    except UnicodeDecodeError as error:
        before = SourceText(raw[: error.start].decode("utf-8"))
        message = f"cannot read {name}: byte 0x{raw[error.start]:02x} is not UTF-8 text"
        return report("config", name, before.position(len(before.text)), message, f"save {name} as UTF-8")
    except (yaml.YAMLError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else f"cannot read {name}"
        mark = getattr(error, "problem_mark", None)
        index = mark.index if mark is not None else getattr(error, "position", None)
        position = source.position(index) if isinstance(index, int) else Position()
        return report("config", name, position, f"cannot read {name}: {message}")
    finally:
        if loader is not None:
            loader.dispose()


def load_config(root: Path, name: str = "mkdocs.yml") -> tuple[ProjectConfig, list[Diagnostic]]:
    """Read the project's settings: the ``build_kb`` plugin block of ``name`` (``mkdocs.yml``) in ``root``.

    A project without the file uses the defaults. A value MkDocs' own loader would fail on
    is a diagnostic at its position (see :mod:`build_kb.config_yaml`).
    """
    config = ProjectConfig(root=root)
    mkdocs_yml = root / name
    if not mkdocs_yml.is_file():
        return config, []
    read = _read_config(mkdocs_yml, name)
    if isinstance(read, Diagnostic):
        return config, [read]
    source, node, data, unreadable = read
    if not isinstance(data, dict):
        return replace(config, config_file=name), []
    top = _key_positions(node, source)
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
        config_file=name,
    )
    diagnostics = url_problems(data, name, top)
    found = _plugin_node(node)
    whole = {*SIZE_OPTIONS, *BYTE_LIMITS}  # options whose own rule refuses a number kept as text
    numeric = (
        {value.start_mark.index for key, value in found[1].value if getattr(key, "value", None) in whole}
        if found and isinstance(found[1], yaml.MappingNode)
        else set()
    )
    for problem in unreadable:
        if problem.offset not in numeric:
            diagnostics.append(report("config", name, source.position(problem.offset), problem.message, problem.hint))
    plugins = data.get("plugins") or []
    for entry in [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME]
            if options is None:
                options = {}
            if not isinstance(options, dict):
                where = source.position(found[0].start_mark.index) if found else Position()
                hint = f"write the options under '{PLUGIN_NAME}:', one 'name: value' a line, or none"
                message = f"the options of {PLUGIN_NAME} must be a mapping of option names to values"
                return config, [*diagnostics, report("config", name, where, message, hint)]
            positions = _key_positions(found[1] if found else None, source)
            config, problems = apply_options(config, options, name, positions)
            return config, diagnostics + problems
    return config, diagnostics
