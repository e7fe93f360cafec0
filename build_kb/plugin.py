"""The MkDocs plugin: event glue between MkDocs and the build_kb pipeline.

MkDocs types stay in this module. The plugin loads and checks the project with the same
pipeline as the CLI, logs every diagnostic (so ``mkdocs build --strict`` fails on any of
them, with ``path:line:col`` and no traceback), and adds the rendered pages and assets as
virtual files: nothing is written into ``docs/``, ``concepts/`` or ``references/``, and a
hand-written page at the same path wins over a generated one.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from build_kb.bibliography import shared_cache
from build_kb.codes import report
from build_kb.config import SIZE_OPTIONS, ProjectConfig, apply_options
from build_kb.diagnostics import Diagnostic, Position, Severity
from build_kb.exports import EXPORTERS, ExportSource
from build_kb.model import Card
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, expand_page, helper, render_site
from build_kb.render.assets import CSS, GRAPH_CSS, GRAPH_JS, JS, head_script, site_assets
from build_kb.render.context import SiteContext
from build_kb.render.graph_cache import GRAPHS, PAGES, HtmlStore, fingerprint, project_fingerprint
from build_kb.render.graph_page import SCHEMA_FILE
from build_kb.render.library import Library
from build_kb.render.page import Page as GeneratedPage
from build_kb.render.page import fill_late, search_view, split_late, toc_tokens
from build_kb.render.urls import RUBRIC_PAGE, SECTION_PAGES, edit_base
from build_kb.schema import schema_text
from build_kb.store import cache_folder

log = logging.getLogger("mkdocs.plugins.build_kb")

_SERVED: set[Path] = set()
"""Project roots this process serves (``mkdocs serve``): their rebuilds keep local graphs in memory."""
_LAST_GOOD: dict[Path, dict[str, Card]] = {}
"""Per project root, the last error-free version of each card (live preview fallback)."""

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
"""Hand-written pages hold Markdown inside language ``<div markdown>``s, as the contributing guide shows."""
_ID_RE = re.compile(r'\sid="([^"]+)"')


class KnowledgeBaseConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options; the same names and checks as the CLI (:func:`build_kb.config.apply_options`)."""

    concepts_dir = c.Optional(c.Type(object))
    references_dir = c.Optional(c.Type(object))
    languages = c.Optional(c.Type(object))
    max_file_bytes = c.Optional(c.Type(object))
    max_bib_bytes = c.Optional(c.Type(object))
    csl_style = c.Optional(c.Type(object))
    private_fields = c.Optional(c.Type(object))
    per_page = c.Optional(c.Type(object))
    list_cap = c.Optional(c.Type(object))
    relation_cap = c.Optional(c.Type(object))
    local_graph_neighbours = c.Optional(c.Type(object))
    local_graph_outer = c.Optional(c.Type(object))


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``path:line:col: error[code]: message (hint)``: one line, as editors and CI read it."""
    pos = diagnostic.position
    where = f"{diagnostic.path}:{pos.line}:{pos.column}"
    text = f"{where}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"
    return f"{text} ({diagnostic.hint})" if diagnostic.hint else text


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """Errors at ERROR, warnings at WARNING: MkDocs' ``--strict`` counts both."""
    level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
    log.log(level, format_diagnostic(diagnostic))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):  # type: ignore[no-untyped-call]
    """Generates the knowledge base's pages (cards, themes, A-Z, references) at build time."""

    def __init__(self) -> None:
        super().__init__()
        self._head_script = ""
        self._project: ProjectConfig | None = None
        self._site: SiteContext | None = None
        self._generated: dict[str, GeneratedPage] = {}
        self._late: dict[str, list[str]] = {}
        self._content: dict[str, str] = {}
        self._library: Library | None = None
        self._graphs: HtmlStore | None = None
        self._pages: HtmlStore | None = None
        self._helper: helper.PageHelper | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the options, and make sure the Markdown extensions and assets are there."""
        self._site, self._generated, self._late, self._content = None, {}, {}, {}
        self._helper = None
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        config_name = Path(config.config_file_path or "mkdocs.yml").name
        project = ProjectConfig(
            root=root,
            docs_dir=_relative(Path(config.docs_dir), root),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            edit_uri=config.edit_uri or "",
        )
        options = {name: value for name, value in self.config.items() if value is not None}
        self._project, problems = apply_options(project, options, config_name)
        for diagnostic in problems:
            log_diagnostic(diagnostic)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS)
        if GRAPH_CSS not in config.extra_css:
            config.extra_css.append(GRAPH_CSS)
        if GRAPH_JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(GRAPH_JS)
        self._check_search_languages(config, config_name)
        return config

    def _check_search_languages(self, config: MkDocsConfig, config_name: str) -> None:
        """Search must stem every site language, or a card is not found by its label."""
        assert self._project is not None
        for name in ("material/search", "search"):
            plugin = config.plugins.get(name)
            if plugin is None:
                continue
            languages = plugin.config.get("lang") or ["en"]
            missing = [lang for lang in self._project.languages if lang not in languages]
            if missing:
                log_diagnostic(
                    report(
                        "config",
                        config_name,
                        Position(),
                        f"search does not cover the site language(s) {', '.join(missing)}",
                        f"set plugins: - search: {{lang: [{', '.join(self._project.languages)}]}}",
                    )
                )
            return

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Load and check the project, then add every generated page and asset."""
        assert self._project is not None
        root = self._project.root
        loaded = load_project(root, self._project, _LAST_GOOD.get(root))
        # What was loaded lives to the end of the build: out of the collector's full passes
        # (each walked every card, reference and position, several times a build), and not
        # copied by a forked process's collector (build_kb.render.helper). Undone after the build.
        gc.freeze()
        # mkdocs serve makes a new plugin for every rebuild: remember each card's last
        # error-free version at module level, per project (see load_cards).
        _LAST_GOOD[root] = {**_LAST_GOOD.get(root, {}), **loaded.good_cards()}
        for diagnostic in loaded.diagnostics:
            log_diagnostic(diagnostic)
        docs_to_root = _relative(self._project.root, Path(config.docs_dir))
        options = SiteOptions(
            languages=loaded.kb.languages,
            edit_base=edit_base(config.repo_url or "", config.edit_uri or "", docs_to_root),
            directory_urls=config.use_directory_urls,
            rubric=RUBRIC_PAGE if (Path(config.docs_dir) / RUBRIC_PAGE).is_file() else "",
        )
        options = replace(options, **{name: getattr(self._project, name) for name in SIZE_OPTIONS})
        exports = ExportSource(loaded.kb, loaded.config)  # one layout per build: graph.json and the pictures
        # Whole pages kept while nothing they are made from changes (not while a card has
        # errors: its page then shows its last good version, which no file holds).
        self._pages = None
        if not any(d.severity is Severity.ERROR for d in loaded.diagnostics):
            settings = json.dumps(
                [list(options.languages), options.edit_base, options.directory_urls, config.site_url, options.rubric]
            )
            config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
            key = project_fingerprint(self._project, settings + config_text)
            self._pages = HtmlStore(cache_folder(root), PAGES, key, remember=False)
        # A layout to compute: in another process, then the downloads that need it, into the
        # build cache, while this one formats the citations.
        background = None
        if cache_folder(root) is not None and exports.layout_plan.stored() is None:
            tasks: list[Callable[[], object]] = [exports.layout_plan.layout, partial(self._store_downloads, exports)]
            background = helper.in_background(tasks, len(loaded.kb.cards))
        # One library per build: a formatter per language in the project's CSL style, over
        # the format cache shared by every rebuild of this process (mkdocs serve makes a new
        # plugin each time, the cache lives at module level, per folder) and kept on disk.
        self._library = Library.for_project(loaded.kb, loaded.config, shared_cache(cache_folder(root)))
        if background is not None:
            for language in loaded.kb.languages:
                self._library.formatter(language)
            background.wait_for(1)  # the layout
        # Local graphs drawn once per state of the graph, kept in the same cache folder.
        caps = (options.local_graph_neighbours, options.local_graph_outer)
        key = fingerprint(loaded.kb, exports.layout, loaded.kb.languages, config.use_directory_urls, caps)
        # Also kept in memory while serving (rebuilds), not in a one-off build: 5,000 pictures weigh 300 MB.
        self._graphs = HtmlStore(cache_folder(root), GRAPHS, key, remember=root in _SERVED)
        rendered = render_site(loaded.kb, options, exports.layout, self._library, self._graphs)
        self._site = SiteContext(loaded.kb, options, self._library)
        self._head_script = head_script(loaded.kb.languages)
        titles = _nav_titles(config.nav)
        for uri, generated in rendered.pages.items():
            if files.get_file_from_path(uri) is not None:
                log.info("build_kb: %s is hand-written in the docs folder; it replaces the generated page", uri)
                continue
            inclusion = InclusionLevel.UNDEFINED if uri in SECTION_PAGES else InclusionLevel.NOT_IN_NAV
            # The page's HTML is made when MkDocs builds it (on_page_context), not held here.
            file = File.generated(config, uri, content="", inclusion=inclusion)
            if generated.source is not None:
                file.edit_uri = posixpath.normpath(f"{docs_to_root}/{generated.source}")
            # Becomes file.page; MkDocs' nav takes it as it is, so it gets the nav's title here.
            _GeneratedPage(titles.get(uri), file, config, partial(self._marked_html, uri))
            files.append(file)
            self._generated[uri] = generated
        if background is not None:
            background.finish()  # the downloads, in the page store, before a helper opens it
        gc.freeze()  # the site's pages and indexes too, before the helper forks
        if self._pages is not None:  # Pages to make: a second process makes some (build_kb.render.helper).
            stores = [self._graphs] if self._graphs is not None else []
            library = self._library
            self._helper = helper.start(list(self._generated), self._make_html, self._pages, stores, [library.save])
        for uri, content in site_assets(loaded.kb.languages).items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        self._add_downloads(files, config, exports)
        for uri, content in rendered.files.items():  # Each reference's .bib and .json, next to its page.
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        return files

    def _make_html(self, uri: str) -> str:
        """A generated page's HTML, late parts marked, made now."""
        return self._generated[uri].render()

    def _store_downloads(self, exports: ExportSource) -> None:
        """Make the downloads into the page store (in another process: the store hands them over)."""
        if self._pages is not None:
            for uri, render in _downloads(exports).items():
                self._pages.section(f"download:{uri}", render)
            self._pages.save()

    def _add_downloads(self, files: Files, config: MkDocsConfig, source: ExportSource) -> None:
        """Publish every export of :data:`EXPORTERS` and the card schema at the site root, as generated files.

        They go to the site folder only (nothing is written next to the sources); a file of
        the same path in the docs folder wins, as for pages. They are kept with the pages
        (the same fingerprint: they are made from the same files).
        """
        for uri, render in _downloads(source).items():
            if files.get_file_from_path(uri) is None:
                content = self._pages.section(f"download:{uri}", render) if self._pages is not None else render()
                files.append(File.generated(config, uri, content=content))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Generated pages: give MkDocs their title and meta, and no Markdown (their HTML comes next).

        Hand-written pages: fill their placeholders and citations.
        """
        uri = page.file.src_uri
        generated = self._generated.get(uri)
        if generated is not None:
            page.meta = {**generated.meta, "title": html.escape(generated.title, quote=False)}
            return ""
        if self._site is None or ("{{" not in markdown and "@" not in markdown):
            return None
        # The pipeline has already checked and reported this page (build_kb.docpages).
        return expand_page(markdown, self._site, uri)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A generated page has no HTML yet: it is made when MkDocs renders it (:meth:`_make_page`).

        MkDocs reads every page before it renders the first one, and keeps what it read:
        made here, every generated page's HTML would be in memory at once.
        """
        return "" if page.file.src_uri in self._generated else None

    def _marked_html(self, uri: str) -> str:
        """A generated page's HTML, late parts marked: kept from the last build, or made now."""
        generated = self._generated[uri]
        if self._pages is None:
            return generated.render()
        if self._helper is not None:
            return self._helper.take(uri, self._pages, generated.render)
        return self._pages.section(uri, generated.render)

    @event_priority(100)  # Before search (priority 0) reads the page.
    def _make_page(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext | None:
        """A generated page's HTML, made now, with its table of contents; search gets its light view.

        The page itself comes back in :meth:`_restore_page`, once search has read the light
        view (:func:`search_view`); its late parts in :meth:`on_post_page`.
        """
        uri = page.file.src_uri
        if uri not in self._generated:
            return context
        marked = self._marked_html(uri)
        page.toc = get_toc(toc_tokens(marked))  # type: ignore[arg-type]
        content, self._late[uri] = split_late(marked)
        self._content[uri] = content
        page.content = search_view(content)
        return context

    @event_priority(-100)  # After search has indexed the light view.
    def _restore_page(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext | None:
        """Give a generated page its own HTML back, for the theme to render."""
        content = self._content.pop(page.file.src_uri, None)
        if content is not None:
            page.content = content
        return context

    on_page_context = CombinedEvent(_make_page, _restore_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put back a generated page's late parts (search has indexed it); the language script and the
        page's own head (a reference's ``citation_*`` meta tags) in ``<head>``.

        A generated page's HTML is then let go: MkDocs keeps every page object to the end of the build.
        """
        late = self._late.pop(page.file.src_uri, None)
        if late is not None:
            output = fill_late(output, late)
            page.content = ""
        generated = self._generated.get(page.file.src_uri)
        head = self._head_script + (generated.head() if generated is not None and generated.head else "")
        if head and "</head>" in output:
            output = output.replace("</head>", head + "</head>", 1)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep what this build formatted for the next one (and drop what it no longer uses)."""
        self._stop_helper()
        gc.unfreeze()  # what the build held can be collected again (mkdocs serve builds again)
        if self._library is not None and not self._library.save():
            log.info("build_kb: the citation cache could not be written; the next build formats again")
        if self._pages is not None and not self._pages.save():
            log.info("build_kb: the generated pages could not be kept; the next build renders them again")
        if self._graphs is not None and not self._graphs.save():
            log.info("build_kb: the local graphs could not be kept; the next build draws them again")

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the helper process, if any: the build will not take its pages."""
        self._stop_helper()
        gc.unfreeze()

    def _stop_helper(self) -> None:
        """Wait for the helper to write its last pages, and say how many pages it made."""
        if self._helper is None:
            return
        running, self._helper = self._helper, None
        running.finish()
        if self._library is not None:
            self._library.absorb()  # the citations the helper formatted, before this build saves its own
        made, total = running.taken, len(self._generated)
        log.info("build_kb: %d of %d generated pages were made by a second process", made, total)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a card or a BibTeX file changes, as for a page of docs/."""
        if self._project is not None:
            _SERVED.add(self._project.root)
            for folder in (self._project.concepts_path, self._project.references_path):
                if folder.is_dir():
                    server.watch(str(folder))
        return server


class _GeneratedPage(Page):
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


def _downloads(source: ExportSource) -> dict[str, Callable[[], str]]:
    """Every file of :data:`EXPORTERS` and the card schema, by site path, with what makes it."""
    downloads: dict[str, Callable[[], str]] = {e.filename: partial(e.render, source) for e in EXPORTERS.values()}
    downloads[SCHEMA_FILE] = schema_text
    return downloads


def _nav_titles(nav: Any, title: str | None = None) -> dict[str, str | None]:
    """Every page path the ``nav`` setting names, with the title it gives it (None: the page's own)."""
    if isinstance(nav, str):
        return {nav.lstrip("/"): title}
    if isinstance(nav, dict):
        items = [_nav_titles(value, key if isinstance(value, str) else None) for key, value in nav.items()]
    else:
        items = [_nav_titles(item) for item in nav] if isinstance(nav, list) else []
    return {path: found for item in items for path, found in item.items()}


def _relative(path: Path, start: Path) -> str:
    """``path`` seen from ``start``, with ``/``: e.g. ``..`` or ``../concepts/x.yaml``."""
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
