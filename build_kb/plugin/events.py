"""The MkDocs plugin's events: the glue between MkDocs and the build_kb pipeline.

The plugin loads and checks the project with the same
pipeline as the CLI, logs every diagnostic (so ``mkdocs build --strict`` fails on any of
them, with ``path:line:col`` and no traceback), and adds the rendered pages and assets as
virtual files: nothing is written into ``docs/``, ``concepts/`` or ``references/``, and a
hand-written page at the same path wins over a generated one. Each site language has its
page tree (the first at the root, the others under ``<lang>/``, :mod:`build_kb.trees`):
pages are made per language, and each page is rendered with its tree's interface language,
navigation and search.
"""

from __future__ import annotations

import gc
import html
import json
import os
import posixpath
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from build_kb.bibliography import shared_cache
from build_kb.config import SIZE_OPTIONS, ProjectConfig, apply_options, config_positions, url_problems
from build_kb.diagnostics import Severity
from build_kb.exports import ExportSource
from build_kb.model import Card
from build_kb.pipeline import load_project
from build_kb.plugin.kept import KeptPages
from build_kb.plugin.nav_cache import NavCache
from build_kb.plugin.options import KnowledgeBaseConfig, log, log_diagnostic, project_urls
from build_kb.plugin.pages import GeneratedPage, downloads, read_from
from build_kb.plugin.site_files import DownloadWriter
from build_kb.plugin.trees import Trees, nav_titles
from build_kb.render import SiteOptions, expand_page, helper, render_site
from build_kb.render.assets import CSS, GRAPH_CSS, GRAPH_JS, JS, site_assets
from build_kb.render.context import SiteContext, tree_prefix
from build_kb.render.graph_cache import DOWNLOADS, GRAPHS, PAGES, HtmlStore, fingerprint, project_fingerprint
from build_kb.render.i18n import use_words, word
from build_kb.render.library import Library
from build_kb.render.page import Page as KbPage
from build_kb.render.page import fill_late, search_view, split_late, toc_tokens
from build_kb.render.previews import file_count, preview_files
from build_kb.render.tags import localise_permalinks
from build_kb.render.urls import RUBRIC_PAGE, SECTION_PAGES, edit_base
from build_kb.store import cache_folder
from build_kb.store import fingerprint as store_fingerprint
from build_kb.trees import in_tree, tree_of

_SERVED: set[Path] = set()
"""Project roots this process serves (``mkdocs serve``): their rebuilds keep local graphs in memory."""
_LAST_GOOD: dict[Path, dict[str, Card]] = {}
"""Per project root, the last error-free version of each card (live preview fallback)."""
_BUILDS = [0]
"""Builds this process has started: ``mkdocs serve`` rebuilds in the same process."""

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
"""Hand-written pages may hold Markdown inside language ``<div markdown>``s (pages made for the bilingual site:
:func:`build_kb.trees.language_part`)."""


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):  # type: ignore[no-untyped-call]
    """Generates the knowledge base's pages (cards, themes, A-Z, references) at build time."""

    def __init__(self) -> None:
        super().__init__()
        self._project: ProjectConfig | None = None
        self._sites: dict[str, SiteContext] = {}
        self._generated: dict[str, KbPage] = {}
        self._late: dict[str, list[str]] = {}
        self._content: dict[str, str] = {}
        self._library: Library | None = None
        self._graphs: HtmlStore | None = None
        self._pages: HtmlStore | None = None
        self._downloads: HtmlStore | None = None
        self._helper: helper.PageHelper | None = None
        self._languages: tuple[str, ...] = ()
        self._trees: Trees | None = None
        self._docs_to_root = ""
        self._build_config: MkDocsConfig | None = None
        self._writer = DownloadWriter()
        self._kept = KeptPages(Path(), active=False)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the options, and make sure the Markdown extensions and assets are there."""
        if _BUILDS[0]:
            # The last build is garbage now, held in reference cycles (MkDocs' files, pages and
            # plugins refer to each other): held until the collector's next full pass, which
            # seldom comes, as the build froze its objects (gc.freeze) and gave them back to
            # the oldest generation. Without this, mkdocs serve grew by a build per rebuild.
            gc.collect()
        _BUILDS[0] += 1
        self._sites, self._generated, self._late, self._content = {}, {}, {}, {}
        self._writer = DownloadWriter()
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
        positions = config_positions(root / config_name)
        self._project, problems = apply_options(project, options, config_name, positions)
        self._languages = self._project.languages
        self._build_config = config
        self._kept = KeptPages(root, KeptPages.wanted(config, root in _SERVED))
        self._trees = Trees(config, self._languages, self.config.translations, config_name)
        for diagnostic in [*problems, *self._trees.diagnostics]:
            log_diagnostic(diagnostic)
        unsafe = url_problems(project_urls(config), config_name, config_positions(root / config_name, block=False))
        for diagnostic in unsafe:
            log_diagnostic(diagnostic)
        if unsafe:  # Material writes these into every page as they are: no page is built with them.
            raise PluginError(f"{config_name}: site_url, repo_url and edit_uri must be plain URLs (see above)")
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
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Load and check the project, then add every generated page and asset."""
        assert self._project is not None and self._trees is not None
        root, trees = self._project.root, self._trees
        loaded = load_project(root, self._project, _LAST_GOOD.get(root))
        use_words(loaded.words)  # the interface words of this project's languages, for every page made below
        # What was loaded lives to the end of the build: out of the collector's full passes
        # (each walked every card, reference and position, several times a build), and not
        # copied by a forked process's collector (build_kb.render.helper). Undone after the build.
        gc.freeze()
        # mkdocs serve makes a new plugin for every rebuild: remember each card's last
        # error-free version at module level, per project (see load_cards).
        _LAST_GOOD[root] = {**_LAST_GOOD.get(root, {}), **loaded.good_cards()}
        for diagnostic in loaded.diagnostics:
            log_diagnostic(diagnostic)
        docs_to_root = self._docs_to_root = _relative(self._project.root, Path(config.docs_dir))
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
        # No page prints ``site_url`` (which mkdocs serve changes): it is only in the key of the
        # downloads, whose RDF IRIs start with it, so serve and build keep the same pages.
        self._pages = self._downloads = None
        if not any(d.severity is Severity.ERROR for d in loaded.diagnostics):
            settings = json.dumps([list(options.languages), options.edit_base, options.directory_urls, options.rubric])
            config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
            key = project_fingerprint(self._project, settings + config_text)
            self._pages = HtmlStore(cache_folder(root), PAGES, key, remember=False)
            download_key = store_fingerprint(DOWNLOADS, key, self._project.site_url)
            self._downloads = HtmlStore(cache_folder(root), DOWNLOADS, download_key, remember=False)
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
        languages = loaded.kb.languages
        navs = trees.navs_setting(config.nav)
        trees.add_hand_written(files, config, {k: v for nav in navs.values() for k, v in nav_titles(nav).items()})
        for lang in languages:
            tree = replace(options, language=lang)
            rendered = render_site(loaded.kb, tree, exports.layout, self._library, self._graphs)
            self._sites[lang] = SiteContext(loaded.kb, tree, self._library)
            prefix = tree_prefix(lang, languages)
            titles = nav_titles(navs[lang])
            for uri, generated in rendered.pages.items():
                self._add_generated(files, config, prefix, uri, generated, titles.get(prefix + uri))
            for uri, content in preview_files(self._sites[lang]):  # the link previews' data (kb.js)
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=content))
            if lang == languages[0]:
                for uri, content in rendered.files.items():  # Each reference's .bib and .json, next to its page.
                    self._writer.add(files, config, uri, content)
        if background is not None:
            background.finish()  # the downloads, in their store, before a helper opens the store
        gc.freeze()  # the site's pages and indexes too, before the helper forks
        if self._pages is not None:  # Pages to make: a second process makes some (build_kb.render.helper).
            stores = [self._graphs] if self._graphs is not None else []
            library = self._library
            self._helper = helper.start(list(self._generated), self._make_html, self._pages, stores, [library.save])
        folded = [lang for lang, lunr in trees.search_lunr.items() if lunr != ["en"]]
        prefixes = {lang: tree_prefix(lang, languages) for lang in languages}
        previews = file_count(len(self._sites[languages[0]].card_uris)) if languages else 1
        for uri, content in site_assets(folded, prefixes, previews).items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        self._add_downloads(files, config, exports)
        return files

    def _add_generated(
        self, files: Files, config: MkDocsConfig, prefix: str, uri: str, generated: KbPage, title: str | None
    ) -> None:
        """One generated page, at its place in its language's tree, unless a hand-written page is there."""
        placed = prefix + uri
        if files.get_file_from_path(placed) is not None:
            log.info("build_kb: %s is hand-written in the docs folder; it replaces the generated page", placed)
            return
        inclusion = InclusionLevel.UNDEFINED if uri in SECTION_PAGES else InclusionLevel.NOT_IN_NAV
        # The page's HTML is made when MkDocs builds it (on_page_context), not held here.
        file = File.generated(config, placed, content="", inclusion=inclusion)
        if generated.source is not None:
            file.edit_uri = posixpath.normpath(f"{self._docs_to_root}/{generated.source}")
            if (
                self._project is not None
                and self._project.concepts_path in (self._project.root / generated.source).parents
            ):
                read_from(file, self._project.root / generated.source)  # a card's page is its card file
        # Becomes file.page; MkDocs' nav takes it as it is, so it gets the nav's title here.
        GeneratedPage(title, file, config, partial(self._marked_html, placed))
        files.append(file)
        self._generated[placed] = generated

    def _make_html(self, uri: str) -> str:
        """A generated page's HTML, late parts marked, made now."""
        return self._generated[uri].render()

    def _store_downloads(self, exports: ExportSource) -> None:
        """Make the downloads into their store (in another process: the store hands them over)."""
        if self._downloads is not None:
            for uri, render in downloads(exports).items():
                self._downloads.section(uri, render)
            self._downloads.save()

    def _add_downloads(self, files: Files, config: MkDocsConfig, source: ExportSource) -> None:
        """Publish every export of :data:`EXPORTERS` and the card schema at the site root, as generated files.

        They go to the site folder only (nothing is written next to the sources); a file of
        the same path in the docs folder wins, as for pages. They are kept with the pages
        (the same fingerprint: they are made from the same files).
        """
        for uri, render in downloads(source).items():
            if files.get_file_from_path(uri) is None:
                content = self._downloads.section(uri, render) if self._downloads is not None else render()
                files.append(File.generated(config, uri, content=content))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Generated pages: give MkDocs their title and meta, and no Markdown (their HTML comes next).

        Hand-written pages: fill their placeholders and citations.
        """
        uri = page.file.src_uri
        generated = self._generated.get(uri)
        lang = tree_of(uri, self._languages) if self._languages else ""
        # The page's language, for plugins that localise per page (dates); not into a page with no
        # meta at all, which Material would then render with a few more blank lines.
        if len(self._languages) > 1 and (generated is not None or page.meta):
            page.meta.setdefault("locale", lang)
        if generated is not None:
            page.meta = {**page.meta, **generated.meta, "title": html.escape(generated.title, quote=False)}
            self._kept.choose_template(page)
            return ""
        assert self._trees is not None
        markdown, lang = self._trees.hand_written_markdown(markdown, uri, files)
        site = self._sites.get(lang)
        if site is None or ("{{" not in markdown and "@" not in markdown):
            return markdown
        # The pipeline has already checked and reported this page (build_kb.docpages).
        return expand_page(markdown, site, in_tree(uri, self._languages))

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
        if self._trees is not None:
            self._trees.page_context(context, page, config)
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
            self._kept.decide(context, page)
        return context

    on_page_context = CombinedEvent(_make_page, _restore_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put back a generated page's late parts (search has indexed it); the page's own head (a
        reference's ``citation_*`` meta tags) and its ``hreflang`` alternates (the same page in each
        tree, :func:`build_kb.trees.page_alternates`) in ``<head>``.

        A generated page's HTML is then let go: MkDocs keeps every page object to the end of the build.
        """
        output = self._kept.output(output, page)
        late = self._late.pop(page.file.src_uri, None)
        if late is not None:
            output = fill_late(output, late)
            page.content = ""
        generated = self._generated.get(page.file.src_uri)
        head = generated.head() if generated is not None and generated.head else ""
        if len(self._languages) > 1 and self._trees is not None:
            output, home = self._trees.alternates(output, page, config)
            head += home
        if head and "</head>" in output:
            output = output.replace("</head>", head + "</head>", 1)
        if self._languages:
            lang = tree_of(page.file.src_uri, self._languages)
            output = localise_permalinks(output, word("permalink", lang))
        return output

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """The site folder is clean: write the downloads meanwhile. Serving: pages whose theme output is the last
        rebuild's are not rendered again (:mod:`.kept`). Material's nav once per context (wraps the loader last)."""
        env = self._kept.environment(env, config, files)
        self._writer.start()
        NavCache().install(env)
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """One navigation per tree: the ``nav`` setting's (or the folders') pages in that tree, titles translated."""
        assert self._trees is not None
        return self._trees.navigation(nav, config, files)

    @event_priority(-100)  # After Material's search has written its index.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Split the search index and sitemap by tree; keep what this build formatted for the next one."""
        use_words({})  # the package's words again, for whatever renders next in this process
        self._writer.finish()
        if self._trees is not None:
            self._trees.restore(config)
            if len(self._languages) > 1:
                self._trees.split_files(Path(config.site_dir), config.site_url or "")
        self._stop_helper()
        self._kept.commit()
        gc.unfreeze()  # what the build held can be collected again (mkdocs serve builds again)
        if self._library is not None and not self._library.save():
            log.info("build_kb: the citation cache could not be written; the next build formats again")
        if self._pages is not None and not self._pages.save():
            log.info("build_kb: the generated pages could not be kept; the next build renders them again")
        if self._downloads is not None and not self._downloads.save():
            log.info("build_kb: the downloads could not be kept; the next build makes them again")
        if self._graphs is not None and not self._graphs.save():
            log.info("build_kb: the local graphs could not be kept; the next build draws them again")

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the helper process, if any: the build will not take its pages."""
        self._stop_helper()
        self._writer.stop()
        use_words({})
        if self._build_config is not None and self._trees is not None:
            self._trees.restore(self._build_config)
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


def _relative(path: Path, start: Path) -> str:
    """``path`` seen from ``start``, with ``/``: e.g. ``..`` or ``../concepts/x.yaml``."""
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
