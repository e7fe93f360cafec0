"""Generated pages as MkDocs sees them: pages with no Markdown, whose HTML the plugin gives when they are built."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_kb.exports import EXPORTERS, ExportSource
from build_kb.load.schema import schema_text
from build_kb.render.graph_page import SCHEMA_FILE

_ID_RE = re.compile(r'\sid="([^"]+)"')


class GeneratedPage(Page):
    """A generated page, as MkDocs sees it: no Markdown to read or convert; its HTML comes when MkDocs renders it.

    MkDocs makes a Markdown converter, with every extension, for each page it renders:
    time spent for nothing on a generated page. The ids a page holds, which MkDocs checks
    links to anchors against, are only looked for when such a link is checked.
    """

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, html: Callable[[], str]) -> None:
        self._html = html
        self._anchors: set[str] | None = None
        super().__init__(title, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        """Nothing to read: the page's file is empty."""
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: the plugin gives the HTML and its table of contents (``_make_page``)."""
        self.content = ""
        self.toc = get_toc([])

    @property
    def present_anchor_ids(self) -> set[str]:
        """The ids in the page (its late parts too), found on the first link to one of them."""
        if self._anchors is None:
            self._anchors = set(_ID_RE.findall(self._html()))
        return self._anchors

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        self._anchors = value


def downloads(source: ExportSource) -> dict[str, Callable[[], str]]:
    """Every file of :data:`EXPORTERS` and the card schema, by site path, with what makes it."""
    found: dict[str, Callable[[], str]] = {e.filename: partial(e.render, source) for e in EXPORTERS.values()}
    found[SCHEMA_FILE] = partial(schema_text, source.kb.vocabulary)
    return found


def read_from(file: File, source: Path) -> None:
    """A page made from one project file: that file is its source, as a page of the docs folder's is.

    Plugins that date or list pages by their source file's git history (git-revision-date-localized,
    mkdocs-rss-plugin) read ``abs_src_path``, and treat a page with ``generated_by`` as having no
    history (the build's time): a card's page, and a hand-written page in another tree, have one.
    The edit link is set apart (``edit_uri``).
    """
    file.abs_src_path = str(source)
    file.generated_by = None
