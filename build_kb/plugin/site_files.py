"""The per-reference downloads (each reference's ``.bib`` and ``.json``), written apart from MkDocs' copy of files.

MkDocs copies every file that is not a page one at a time, before it builds the first page,
in the build's own process: a ``makedirs`` and an ``open`` per file, 8,000 files for 4,000
references (issue 22: nearly 3 s of a cold build). They stay MkDocs files (other plugins,
link checks and ``get_file_from_path`` see them as before) whose copy does nothing
(:class:`WrittenApart`); the plugin writes them all at once (:class:`DownloadWriter`): one
``mkdir`` per folder, in a second process while MkDocs builds the pages where a process may
be forked (:func:`build_kb.parallel.start_task`), else in the build's process where MkDocs
would have copied them.

Kept as separate files, not bundled: a student opens a reference's page and copies its
BibTeX, or downloads that one entry for a reference manager; the page links the two files.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from build_kb.parallel import start_task


class WrittenApart(File):
    """A generated file the plugin writes itself (:class:`DownloadWriter`): MkDocs' copy of it does nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing: the plugin writes it (with its neighbours, one folder made once)."""


class DownloadWriter:
    """The downloads of one build: listed while the files are gathered, written once the site folder is clean."""

    def __init__(self) -> None:
        self._files: dict[str, str] = {}
        self._wait: Callable[[], bool] | None = None
        self._written = False

    def add(self, files: Files, config: MkDocsConfig, uri: str, content: str) -> None:
        """Publish ``content`` at ``uri``, unless a file of the docs folder (or another) is there."""
        if files.get_file_from_path(uri) is None:
            file = WrittenApart.generated(config, uri, content=content)
            files.append(file)
            self._files[file.abs_dest_path] = content

    def start(self) -> None:
        """Begin writing (in a second process where one may be forked; else now, here)."""
        if not self._files or self._wait is not None or self._written:
            return
        self._wait = start_task(self._write)
        if self._wait is None:  # no second process: now, where MkDocs would have copied them
            self._write()
            self._written = True

    def finish(self) -> None:
        """Make sure every file is written: the second process's work, or this one's."""
        if self._written:
            return
        done = self._wait() if self._wait is not None else False
        if not done:
            self._write()
        self._written = True

    def stop(self) -> None:
        """The build failed: let the second process end, without writing anything more here."""
        if self._wait is not None and not self._written:
            self._wait()
            self._written = True

    def _write(self) -> None:
        made: set[str] = set()
        for path, content in self._files.items():
            folder = os.path.dirname(path)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(content)
