"""Finding a project's cards and ``.bib`` files: inside the project, every one reported or read.

A folder walk that trusts the file system would publish whatever a symbolic link points
to (``/etc/passwd`` read as a card, its absolute path shown) and would drop a folder it
cannot list without a word. Here a link is followed only while its target stays inside
the project; a link leaving it, a link to nothing and a folder that cannot be listed are
each a diagnostic naming the link or folder as it stands in the project (never where it
points). The configured folders themselves must exist, be folders and be in the project.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position


@dataclass(frozen=True, slots=True)
class Found:
    """Files found under one folder, each with its path as diagnostics show it, and the problems met."""

    files: list[tuple[Path, str]]
    diagnostics: list[Diagnostic]


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _folder_problem(config: ProjectConfig, option: str, message: str, hint: str) -> Diagnostic:
    """A configured folder that cannot be used: reported at its option in mkdocs.yml, else at the folder."""
    position = config.option_positions.get(option)
    if config.config_file and position is not None:
        return report("config", config.config_file, position, message, hint)
    return report("config", posixpath.normpath(getattr(config, option)), Position(), message, hint)


def project_files(config: ProjectConfig, option: str, suffixes: tuple[str, ...], what: str) -> Found:
    """Every file ending in one of ``suffixes`` under the folder of setting ``option``, sorted by shown path.

    Args:
        config: The project's settings.
        option: ``concepts_dir`` or ``references_dir``.
        suffixes: File name endings to collect, e.g. ``(".yaml", ".yml")``.
        what: What the folder holds, for messages: ``cards``, ``BibTeX files``.
    """
    name = getattr(config, option)
    folder = config.root / name
    root = os.path.realpath(config.root)
    real = os.path.realpath(folder)
    hint = f"create the folder, or set {option} in the build_kb options of mkdocs.yml"
    if not _inside(real, root):
        message = f"{option} '{name}' is outside the project; {what} are read only from inside it"
        return Found([], [_folder_problem(config, option, message, "use a folder of the project")])
    if not os.path.isdir(real):
        kind = "is not a folder" if os.path.exists(real) else "does not exist"
        return Found([], [_folder_problem(config, option, f"{option} '{name}' {kind}: no {what} can be read", hint)])
    shown_root = os.path.relpath(real, root) if os.path.isabs(name) else posixpath.normpath(Path(name).as_posix())
    files: list[tuple[Path, str]] = []
    diagnostics: list[Diagnostic] = []
    visited = {real}
    stack = [(folder, shown_root)]
    linked: list[tuple[Path, str, str]] = []  # Links to folders: read after every real folder, if not read yet.
    while stack or linked:
        if not stack:
            path, entry_shown, target = linked.pop(0)
            if target not in visited:
                visited.add(target)
                stack.append((path, entry_shown))
            continue
        current, shown = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            message = f"cannot read the folder: {error.strerror or type(error).__name__}; {what} in it are missing"
            diagnostics.append(report("unreadable", shown + "/", Position(), message, "make it readable, or remove it"))
            continue
        for entry in entries:
            path, entry_shown = Path(entry.path), f"{shown}/{entry.name}"
            wanted = entry.name.endswith(suffixes)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # Follows a link.
            except OSError:
                is_link, is_dir = False, False
            if is_link:
                target = os.path.realpath(path)
                if not os.path.exists(target):
                    if wanted:
                        diagnostics.append(
                            report(
                                "unreadable",
                                entry_shown,
                                Position(),
                                "this is a symbolic link to nothing: the file it pointed to is gone",
                                "remove the link, or put the file itself here",
                            )
                        )
                    continue
                if not _inside(target, root):
                    if wanted or is_dir:
                        diagnostics.append(
                            report(
                                "outside-project",
                                entry_shown,
                                Position(),
                                "this is a symbolic link to outside the project; it is not read",
                                "copy the file into the project instead of linking to it",
                            )
                        )
                    continue
                if is_dir:  # A folder met twice (a link to one already read, a loop) is read once.
                    linked.append((path, entry_shown, target))
                    continue
            elif is_dir:
                target = os.path.realpath(path)
                if target not in visited:
                    visited.add(target)
                    stack.append((path, entry_shown))
                continue
            if wanted and (is_link or entry.is_file()):
                files.append((path, entry_shown))
    files.sort(key=lambda item: item[1])
    return Found(files, diagnostics)
