"""The MkDocs plugin: event glue between MkDocs and the build_kb pipeline.

MkDocs types stay in this module. The plugin loads and checks the project with the same
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
import gzip
import html
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, nest_paths
from mkdocs.utils.templates import TemplateContext

from build_kb.bibliography import shared_cache
from build_kb.config import SIZE_OPTIONS, ProjectConfig, apply_options, config_positions, url_problems
from build_kb.diagnostics import Diagnostic, Severity
from build_kb.exports import EXPORTERS, ExportSource
from build_kb.load.schema import schema_text
from build_kb.model import Card
from build_kb.pipeline import load_project
from build_kb.render import SiteOptions, expand_page, helper, render_site
from build_kb.render.assets import CSS, GRAPH_CSS, GRAPH_JS, JS, home_script, site_assets
from build_kb.render.context import SiteContext, tree_prefix
from build_kb.render.graph_cache import GRAPHS, PAGES, HtmlStore, fingerprint, project_fingerprint
from build_kb.render.graph_page import SCHEMA_FILE
from build_kb.render.i18n import language_name, use_words, word
from build_kb.render.library import Library
from build_kb.render.page import Page as GeneratedPage
from build_kb.render.page import fill_late, search_view, split_late, toc_tokens
from build_kb.render.previews import file_count, preview_files
from build_kb.render.urls import RUBRIC_PAGE, SECTION_PAGES, edit_base, page_url
from build_kb.store import cache_folder
from build_kb.trees import (
    TreeText,
    in_tree,
    language_part,
    page_alternates,
    read_translations,
    rebase_links,
    search_languages,
    split_search_index,
    split_sitemap,
    translation_of,
    tree_nav,
    tree_of,
)

log = logging.getLogger("mkdocs.plugins.build_kb")

_SERVED: set[Path] = set()
"""Project roots this process serves (``mkdocs serve``): their rebuilds keep local graphs in memory."""
_LAST_GOOD: dict[Path, dict[str, Card]] = {}
"""Per project root, the last error-free version of each card (live preview fallback)."""

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
"""Hand-written pages may hold Markdown inside language ``<div markdown>``s (pages made for the bilingual site:
:func:`build_kb.trees.language_part`)."""
_ID_RE = re.compile(r'\sid="([^"]+)"')


class KnowledgeBaseConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options; the same names and checks as the CLI (:func:`build_kb.config.apply_options`)."""

    concepts_dir = c.Optional(c.Type(object))
    references_dir = c.Optional(c.Type(object))
    locales_dir = c.Optional(c.Type(object))
    languages = c.Optional(c.Type(object))
    max_file_bytes = c.Optional(c.Type(object))
    max_bib_bytes = c.Optional(c.Type(object))
    csl_style = c.Optional(c.Type(object))
    private_fields = c.Optional(c.Type(object))
    per_page = c.Optional(c.Type(object))
    paginate_above = c.Optional(c.Type(object))
    list_cap = c.Optional(c.Type(object))
    relation_cap = c.Optional(c.Type(object))
    local_graph_neighbours = c.Optional(c.Type(object))
    local_graph_outer = c.Optional(c.Type(object))
    translations = c.Optional(c.Type(object))
    kinds = c.Optional(c.Type(object))
    evidence_levels = c.Optional(c.Type(object))
    relations = c.Optional(c.Type(object))
    sections = c.Optional(c.Type(object))


def project_urls(config: MkDocsConfig) -> dict[str, object]:
    """The settings Material writes into every page's HTML as they are."""
    return {"site_url": config.site_url, "repo_url": config.repo_url, "edit_uri": config.edit_uri}


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
        self._project: ProjectConfig | None = None
        self._sites: dict[str, SiteContext] = {}
        self._generated: dict[str, GeneratedPage] = {}
        self._late: dict[str, list[str]] = {}
        self._content: dict[str, str] = {}
        self._library: Library | None = None
        self._graphs: HtmlStore | None = None
        self._pages: HtmlStore | None = None
        self._helper: helper.PageHelper | None = None
        self._languages: tuple[str, ...] = ()
        self._texts: dict[str, TreeText] = {}
        self._untranslated: set[str] = set()
        self._navs: dict[str, Navigation] = {}
        self._site_texts: dict[str, tuple[str, str]] = {}
        self._search_lunr: dict[str, list[str]] = {}
        self._docs_to_root = ""
        self._known_pages: set[str] = set()
        self._saved_settings: tuple[Any, ...] | None = None
        self._nav_setting: Any = None
        self._build_config: MkDocsConfig | None = None
        self._theme_languages: set[str] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the options, and make sure the Markdown extensions and assets are there."""
        self._sites, self._generated, self._late, self._content = {}, {}, {}, {}
        self._helper, self._untranslated, self._navs = None, set(), {}
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
        self._nav_setting, self._build_config = config.nav, config
        self._theme_languages = {lang for lang in self._languages if material_speaks(lang)}
        self._saved_settings = (
            config.theme["language"],
            config.site_name,
            config.site_description,
            config.extra.get("alternate"),
        )
        self._texts, more = read_translations(self.config.translations, self._languages, config_name)
        for diagnostic in [*problems, *more]:
            log_diagnostic(diagnostic)
        unsafe = url_problems(project_urls(config), config_name, config_positions(root / config_name, block=False))
        for diagnostic in unsafe:
            log_diagnostic(diagnostic)
        if unsafe:  # Material writes these into every page as they are: no page is built with them.
            raise PluginError(f"{config_name}: site_url, repo_url and edit_uri must be plain URLs (see above)")
        # Each tree's name and description (the site's for the first), swapped in per page (on_page_context).
        name, description = config.site_name, config.site_description or ""
        self._site_texts = {lang: (name, description) for lang in self._languages}
        for lang, text in self._texts.items():
            self._site_texts[lang] = (text.site_name or name, text.site_description or description)
        folds = [lang for lang in self._languages if search_languages(lang, True) != ["en"]]
        foldable = {lang for lang in folds if material_lunr(lang)}
        self._search_lunr = {lang: search_languages(lang, lang in foldable) for lang in self._languages}
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
        assert self._project is not None
        root = self._project.root
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
        languages = loaded.kb.languages
        navs = {lang: tree_nav(config.nav, lang, languages, self._texts.get(lang)) for lang in languages}
        self._add_hand_written_trees(
            files, config, {k: v for nav in navs.values() for k, v in _nav_titles(nav).items()}
        )
        for lang in languages:
            tree = replace(options, language=lang)
            rendered = render_site(loaded.kb, tree, exports.layout, self._library, self._graphs)
            self._sites[lang] = SiteContext(loaded.kb, tree, self._library)
            prefix = tree_prefix(lang, languages)
            titles = _nav_titles(navs[lang])
            for uri, generated in rendered.pages.items():
                self._add_generated(files, config, prefix, uri, generated, titles.get(prefix + uri))
            for uri, content in preview_files(self._sites[lang]):  # the link previews' data (kb.js)
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=content))
            if lang == languages[0]:
                for uri, content in rendered.files.items():  # Each reference's .bib and .json, next to its page.
                    if files.get_file_from_path(uri) is None:
                        files.append(File.generated(config, uri, content=content))
        if background is not None:
            background.finish()  # the downloads, in the page store, before a helper opens it
        gc.freeze()  # the site's pages and indexes too, before the helper forks
        if self._pages is not None:  # Pages to make: a second process makes some (build_kb.render.helper).
            stores = [self._graphs] if self._graphs is not None else []
            library = self._library
            self._helper = helper.start(list(self._generated), self._make_html, self._pages, stores, [library.save])
        folded = [lang for lang, lunr in self._search_lunr.items() if lunr != ["en"]]
        trees = {lang: tree_prefix(lang, languages) for lang in languages}
        previews = file_count(len(self._sites[languages[0]].card_uris)) if languages else 1
        for uri, content in site_assets(folded, trees, previews).items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        self._add_downloads(files, config, exports)
        return files

    def _add_generated(
        self, files: Files, config: MkDocsConfig, prefix: str, uri: str, generated: GeneratedPage, title: str | None
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
                _read_from(file, self._project.root / generated.source)  # a card's page is its card file
        # Becomes file.page; MkDocs' nav takes it as it is, so it gets the nav's title here.
        _GeneratedPage(title, file, config, partial(self._marked_html, placed))
        files.append(file)
        self._generated[placed] = generated

    def _add_hand_written_trees(self, files: Files, config: MkDocsConfig, titles: dict[str, str | None]) -> None:
        """Every hand-written page in every tree: ``x.<lang>.md`` at ``<lang>/x.md``, else ``x.md`` there, marked.

        A translation leaves the default tree (its own path would be a page of its own).
        """
        languages = self._languages
        pages = [file for file in files.documentation_pages() if not file.generated_by and file.abs_src_path]
        translations: dict[tuple[str, str], File] = {}
        for file in pages:
            found = translation_of(file.src_uri, languages)
            if found is not None:
                translations[found] = file
                files.remove(file)
        originals = [file for file in pages if translation_of(file.src_uri, languages) is None]
        for lang in languages[1:]:
            prefix = tree_prefix(lang, languages)
            for file in originals:
                if tree_of(file.src_uri, languages) != languages[0]:
                    continue
                source = translations.pop((file.src_uri, lang), None)
                placed = prefix + file.src_uri
                if files.get_file_from_path(placed) is not None:
                    continue
                made = File.generated(config, placed, abs_src_path=str((source or file).abs_src_path))
                _read_from(made, Path(str((source or file).abs_src_path)))
                made.edit_uri = (source or file).edit_uri
                made.inclusion = file.inclusion
                if source is None:
                    self._untranslated.add(placed)
                files.append(made)
                if titles.get(placed):
                    Page(titles[placed], made, config)  # becomes made.page: the nav's title, translated
        for (uri, lang), file in sorted(translations.items()):  # a translation of no default page: its tree only
            placed = tree_prefix(lang, languages) + uri
            if files.get_file_from_path(placed) is None:
                made = File.generated(config, placed, abs_src_path=str(file.abs_src_path))
                _read_from(made, Path(str(file.abs_src_path)))
                made.edit_uri = file.edit_uri
                files.append(made)

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
        lang = tree_of(uri, self._languages) if self._languages else ""
        # The page's language, for plugins that localise per page (dates); not into a page with no
        # meta at all, which Material would then render with a few more blank lines.
        if len(self._languages) > 1 and (generated is not None or page.meta):
            page.meta.setdefault("locale", lang)
        if generated is not None:
            page.meta = {**page.meta, **generated.meta, "title": html.escape(generated.title, quote=False)}
            return ""
        bilingual = "kb-lang" in markdown  # a page of language blocks (see language_part) is in every language
        if len(self._languages) > 1:
            markdown = language_part(markdown, lang)
        if uri in self._untranslated and not bilingual:
            note = word("page_untranslated", lang, language=language_name(self._languages[0]))
            markdown = f'<p class="kb-untranslated" lang="{lang}">{html.escape(note)}</p>\n\n{markdown}'
        prefix = tree_prefix(lang, self._languages) if self._languages else ""
        exists = lambda path: files.get_file_from_path(path) is not None  # noqa: E731
        markdown = rebase_links(markdown, uri, prefix, exists, (self._languages[0], lang) if prefix else ("", ""))
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
        self._tree_context(context, page, config)
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

    def _tree_context(self, context: TemplateContext, page: Page, config: MkDocsConfig) -> None:
        """Make the theme render a page in its tree's language: interface, navigation, search, selector.

        Material reads its language (``theme.language``), the site's name and description and
        the language selector (``extra.alternate``: each tree's home page, see docs/about.en.md)
        from the configuration when it renders a page, and its scripts take the site's root
        (search index, sitemap) from ``base_url``: each is set to the page's tree here, as
        mkdocs-static-i18n does for each of its builds.
        """
        if not self._languages:
            return
        lang = tree_of(page.file.src_uri, self._languages)
        default = self._saved_settings[0] if self._saved_settings else config.theme["language"]
        config.theme["language"] = lang if lang in self._theme_languages else default  # Material's words in it
        config["site_name"], config["site_description"] = self._site_texts[lang]
        nav = self._navs.get(lang)
        if nav is not None:
            context["nav"] = nav
        prefix = tree_prefix(lang, self._languages)
        if prefix:
            context["base_url"] = posixpath.join(context["base_url"] or ".", prefix)  # ends with "/", as a folder
        if len(self._languages) > 1:  # each tree's home page: kb.js leads the selector to the same page
            config.extra["alternate"] = [
                {"name": language_name(other), "link": tree_prefix(other, self._languages) or "./", "lang": other}
                for other in self._languages
            ]

    def _counterparts(self, src_uri: str, config: MkDocsConfig) -> dict[str, str]:
        """The same page in every tree (that tree's home page where it has none), by URL from the site root."""
        rest = in_tree(src_uri, self._languages)
        found = {}
        for lang in self._languages:
            prefix = tree_prefix(lang, self._languages)
            target = prefix + rest if self._files_known(prefix + rest) else prefix + "index.md"
            found[lang] = page_url(target, config.use_directory_urls) or "./"
        return found

    def _files_known(self, src_uri: str) -> bool:
        return src_uri in self._known_pages

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put back a generated page's late parts (search has indexed it); the page's own head (a
        reference's ``citation_*`` meta tags) and its ``hreflang`` alternates (the same page in each
        tree, :func:`build_kb.trees.page_alternates`) in ``<head>``.

        A generated page's HTML is then let go: MkDocs keeps every page object to the end of the build.
        """
        late = self._late.pop(page.file.src_uri, None)
        if late is not None:
            output = fill_late(output, late)
            page.content = ""
        generated = self._generated.get(page.file.src_uri)
        head = generated.head() if generated is not None and generated.head else ""
        if len(self._languages) > 1:
            here, site = page.file.url, config.site_url or ""
            found = self._counterparts(page.file.src_uri, config)
            links = {lang: _relative_url(url, here) for lang, url in found.items()}
            full = {lang: urljoin(site.rstrip("/") + "/", url) for lang, url in found.items()} if site else links
            output = page_alternates(output, full, self._languages[0])  # full addresses, as search engines ask
            if page.file.src_uri == "index.md":  # the script that sends a reader to their language's tree
                head += home_script({lang: links[lang] for lang in self._languages[1:]}, self._languages)
        if head and "</head>" in output:
            output = output.replace("</head>", head + "</head>", 1)
        return output

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """One navigation per tree: the ``nav`` setting's (or the folders') pages in that tree, titles translated."""
        self._known_pages = {file.src_uri for file in files.documentation_pages()}
        languages = self._languages
        if len(languages) < 2:
            return nav
        base = config.nav
        if base is None:  # MkDocs' navigation from the folders, of the first tree's pages only
            pages = sorted(files.documentation_pages(), key=file_sort_key)
            first = [f.src_uri for f in pages if tree_of(f.src_uri, languages) == languages[0]]
            in_nav = {f.src_uri for f in pages if f.inclusion.is_in_nav()}  # type: ignore[no-untyped-call]
            base = nest_paths(uri for uri in first if uri in in_nav)  # type: ignore[no-untyped-call]
        try:
            for lang in languages:
                in_this = [f for f in files if not f.is_documentation_page() or tree_of(f.src_uri, languages) == lang]
                config["nav"] = tree_nav(base, lang, languages, self._texts.get(lang))
                self._navs[lang] = tree = get_navigation(Files(in_this), config)
                home = files.get_file_from_path(tree_prefix(lang, languages) + "index.md")
                if home is not None and home.page is not None:
                    tree.homepage = home.page
        finally:
            config["nav"] = self._nav_setting
        return self._navs[languages[0]]

    @event_priority(-100)  # After Material's search has written its index.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Split the search index and sitemap by tree; keep what this build formatted for the next one."""
        self._restore_config(config)
        if len(self._languages) > 1:
            self._split_tree_files(Path(config.site_dir), config.site_url or "")
        self._stop_helper()
        gc.unfreeze()  # what the build held can be collected again (mkdocs serve builds again)
        if self._library is not None and not self._library.save():
            log.info("build_kb: the citation cache could not be written; the next build formats again")
        if self._pages is not None and not self._pages.save():
            log.info("build_kb: the generated pages could not be kept; the next build renders them again")
        if self._graphs is not None and not self._graphs.save():
            log.info("build_kb: the local graphs could not be kept; the next build draws them again")

    def _restore_config(self, config: MkDocsConfig) -> None:
        """Give back the settings each page's tree changed (mkdocs serve builds again from them)."""
        use_words({})  # the package's words again, for whatever renders next in this process
        if self._saved_settings:
            language, name, description, alternate = self._saved_settings
            config.theme["language"] = language
            config["site_name"], config["site_description"] = name, description
            config.extra["alternate"] = alternate
            if alternate is None:
                del config.extra["alternate"]

    def _split_tree_files(self, site_dir: Path, site_url: str) -> None:
        """Each tree gets its own search index (its pages, its language) and sitemap, in its folder."""
        index = site_dir / "search" / "search_index.json"
        if index.is_file():
            for prefix, text in split_search_index(
                index.read_text(encoding="utf-8"), self._languages, self._search_lunr
            ).items():
                target = site_dir / prefix / "search" / "search_index.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        sitemap = site_dir / "sitemap.xml"
        if sitemap.is_file():
            for prefix, text in split_sitemap(sitemap.read_text(encoding="utf-8"), self._languages, site_url).items():
                target = site_dir / prefix / "sitemap.xml"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as packed:
                    packed.write(text.encode("utf-8"))

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the helper process, if any: the build will not take its pages."""
        self._stop_helper()
        if self._build_config is not None:
            self._restore_config(self._build_config)
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
    downloads[SCHEMA_FILE] = partial(schema_text, source.kb.vocabulary)
    return downloads


def _read_from(file: File, source: Path) -> None:
    """A page made from one project file: that file is its source, as a page of the docs folder's is.

    Plugins that date or list pages by their source file's git history (git-revision-date-localized,
    mkdocs-rss-plugin) read ``abs_src_path``, and treat a page with ``generated_by`` as having no
    history (the build's time): a card's page, and a hand-written page in another tree, have one.
    The edit link is set apart (``edit_uri``).
    """
    file.abs_src_path = str(source)
    file.generated_by = None


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


def material_speaks(lang: str) -> bool:
    """Whether Material has its interface's words in ``lang`` (``partials/languages/<lang>.html``)."""
    try:
        languages = resources.files("material").joinpath("templates", "partials", "languages")
        return languages.joinpath(f"{lang}.html").is_file()
    except (ModuleNotFoundError, OSError):
        return False


def material_lunr(lang: str) -> bool:
    """Whether Material ships Lunr's ``lang`` and its search worker loads languages from ``lunr/min/``.

    An accent-free search language (:func:`build_kb.render.assets.fold_language`) wraps
    Material's own; without either, that tree's search is Lunr's English, as Material's is.
    """
    try:
        assets = resources.files("material").joinpath("templates", "assets", "javascripts")
        if not assets.joinpath("lunr", "min", f"lunr.{lang}.min.js").is_file():
            return False
        workers = [item for item in assets.joinpath("workers").iterdir() if item.name.endswith(".min.js")]
        return any("/min/lunr." in item.read_text(encoding="utf-8") for item in workers)
    except (ModuleNotFoundError, OSError):
        return False


def _relative_url(target: str, here: str) -> str:
    """A site-root URL (``en/concepts/x/``) seen from a page's URL, as MkDocs' ``url`` filter writes it."""
    return get_relative_url(target or ".", here or ".") or "./"
