"""The site's page trees as MkDocs sees them: one per language, the first at the root, the others under ``<lang>/``.

What :mod:`build_kb.trees` decides without MkDocs (which tree a page is in, its
navigation, its translation), applied to MkDocs' objects: the hand-written pages copied
into every tree, one navigation per tree, each page rendered with its tree's language,
name and search, the trees' links in each page's head, and the search index and sitemap
split by tree after the build.
"""

from __future__ import annotations

import gzip
import html
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, nest_paths
from mkdocs.utils.templates import TemplateContext

from build_kb.plugin.pages import read_from
from build_kb.render.assets import home_script
from build_kb.render.context import tree_prefix
from build_kb.render.i18n import language_name, word
from build_kb.render.urls import page_url
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


class Trees:
    """One build's page trees: their languages, texts and navigations, and the settings a page's tree changes.

    Args:
        config: MkDocs' configuration, as the build starts (its settings are kept, to give back).
        languages: The site's languages, the first the root tree's.
        translations: The plugin's ``translations`` option.
        config_name: The configuration file's name, for diagnostics.
    """

    def __init__(self, config: MkDocsConfig, languages: tuple[str, ...], translations: Any, config_name: str) -> None:
        self.languages = languages
        self.nav_setting: Any = config.nav
        self.theme_languages = {lang for lang in languages if material_speaks(lang)}
        self.saved_settings: tuple[Any, ...] = (
            config.theme["language"],
            config.site_name,
            config.site_description,
            config.extra.get("alternate"),
        )
        self.texts: dict[str, TreeText]
        self.texts, self.diagnostics = read_translations(translations, languages, config_name)
        # Each tree's name and description (the site's for the first), swapped in per page (page_context).
        name, description = config.site_name, config.site_description or ""
        self.site_texts = {lang: (name, description) for lang in languages}
        for lang, text in self.texts.items():
            self.site_texts[lang] = (text.site_name or name, text.site_description or description)
        folds = [lang for lang in languages if search_languages(lang, True) != ["en"]]
        foldable = {lang for lang in folds if material_lunr(lang)}
        self.search_lunr = {lang: search_languages(lang, lang in foldable) for lang in languages}
        self.untranslated: set[str] = set()
        self.navs: dict[str, Navigation] = {}
        self.known_pages: set[str] = set()

    def navs_setting(self, nav: Any) -> dict[str, Any]:
        """The ``nav`` setting of each tree (its pages, titles translated)."""
        return {lang: tree_nav(nav, lang, self.languages, self.texts.get(lang)) for lang in self.languages}

    def add_hand_written(self, files: Files, config: MkDocsConfig, titles: dict[str, str | None]) -> None:
        """Every hand-written page in every tree: ``x.<lang>.md`` at ``<lang>/x.md``, else ``x.md`` there, marked.

        A translation leaves the default tree (its own path would be a page of its own).
        """
        languages = self.languages
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
                read_from(made, Path(str((source or file).abs_src_path)))
                made.edit_uri = (source or file).edit_uri
                made.inclusion = file.inclusion
                if source is None:
                    self.untranslated.add(placed)
                files.append(made)
                if titles.get(placed):
                    Page(titles[placed], made, config)  # becomes made.page: the nav's title, translated
        for (uri, lang), file in sorted(translations.items()):  # a translation of no default page: its tree only
            placed = tree_prefix(lang, languages) + uri
            if files.get_file_from_path(placed) is None:
                made = File.generated(config, placed, abs_src_path=str(file.abs_src_path))
                read_from(made, Path(str(file.abs_src_path)))
                made.edit_uri = file.edit_uri
                files.append(made)

    def hand_written_markdown(self, markdown: str, uri: str, files: Files) -> tuple[str, str]:
        """A hand-written page's Markdown in its tree (its language's part, links to that tree), and that language."""
        lang = tree_of(uri, self.languages) if self.languages else ""
        bilingual = "kb-lang" in markdown  # a page of language blocks (see language_part) is in every language
        if len(self.languages) > 1:
            markdown = language_part(markdown, lang)
        if uri in self.untranslated and not bilingual:
            note = word("page_untranslated", lang, language=language_name(self.languages[0]))
            markdown = f'<p class="kb-untranslated" lang="{lang}">{html.escape(note)}</p>\n\n{markdown}'
        prefix = tree_prefix(lang, self.languages) if self.languages else ""
        exists = lambda path: files.get_file_from_path(path) is not None  # noqa: E731
        markdown = rebase_links(markdown, uri, prefix, exists, (self.languages[0], lang) if prefix else ("", ""))
        return markdown, lang

    def page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig) -> None:
        """Make the theme render a page in its tree's language: interface, navigation, search, selector.

        Material reads its language (``theme.language``), the site's name and description and
        the language selector (``extra.alternate``: each tree's home page, see docs/about.en.md)
        from the configuration when it renders a page, and its scripts take the site's root
        (search index, sitemap) from ``base_url``: each is set to the page's tree here, as
        mkdocs-static-i18n does for each of its builds.
        """
        if not self.languages:
            return
        lang = tree_of(page.file.src_uri, self.languages)
        default = self.saved_settings[0]
        config.theme["language"] = lang if lang in self.theme_languages else default  # Material's words in it
        config["site_name"], config["site_description"] = self.site_texts[lang]
        nav = self.navs.get(lang)
        if nav is not None:
            context["nav"] = nav
        prefix = tree_prefix(lang, self.languages)
        if prefix:
            context["base_url"] = posixpath.join(context["base_url"] or ".", prefix)  # ends with "/", as a folder
        if len(self.languages) > 1:  # each tree's home page: kb.js leads the selector to the same page
            config.extra["alternate"] = [
                {"name": language_name(other), "link": tree_prefix(other, self.languages) or "./", "lang": other}
                for other in self.languages
            ]

    def counterparts(self, src_uri: str, config: MkDocsConfig) -> dict[str, str]:
        """The same page in every tree (that tree's home page where it has none), by URL from the site root."""
        rest = in_tree(src_uri, self.languages)
        found = {}
        for lang in self.languages:
            prefix = tree_prefix(lang, self.languages)
            target = prefix + rest if prefix + rest in self.known_pages else prefix + "index.md"
            found[lang] = page_url(target, config.use_directory_urls) or "./"
        return found

    def alternates(self, output: str, page: Page, config: MkDocsConfig) -> tuple[str, str]:
        """A page's HTML with its ``hreflang`` alternates (the same page in each tree,
        :func:`build_kb.trees.page_alternates`), and for its ``<head>`` on the first tree's home page
        the script that sends a reader to their language's tree."""
        here, site = page.file.url, config.site_url or ""
        found = self.counterparts(page.file.src_uri, config)
        links = {lang: _relative_url(url, here) for lang, url in found.items()}
        full = {lang: urljoin(site.rstrip("/") + "/", url) for lang, url in found.items()} if site else links
        output = page_alternates(output, full, self.languages[0])  # full addresses, as search engines ask
        head = ""
        if page.file.src_uri == "index.md":
            head = home_script({lang: links[lang] for lang in self.languages[1:]}, self.languages)
        return output, head

    def navigation(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """One navigation per tree: the ``nav`` setting's (or the folders') pages in that tree, titles translated."""
        self.known_pages = {file.src_uri for file in files.documentation_pages()}
        languages = self.languages
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
                config["nav"] = tree_nav(base, lang, languages, self.texts.get(lang))
                self.navs[lang] = tree = get_navigation(Files(in_this), config)
                home = files.get_file_from_path(tree_prefix(lang, languages) + "index.md")
                if home is not None and home.page is not None:
                    tree.homepage = home.page
        finally:
            config["nav"] = self.nav_setting
        return self.navs[languages[0]]

    def restore(self, config: MkDocsConfig) -> None:
        """Give back the settings each page's tree changed (mkdocs serve builds again from them)."""
        language, name, description, alternate = self.saved_settings
        config.theme["language"] = language
        config["site_name"], config["site_description"] = name, description
        config.extra["alternate"] = alternate
        if alternate is None:
            del config.extra["alternate"]

    def split_files(self, site_dir: Path, site_url: str) -> None:
        """Each tree gets its own search index (its pages, its language) and sitemap, in its folder."""
        index = site_dir / "search" / "search_index.json"
        if index.is_file():
            for prefix, text in split_search_index(
                index.read_text(encoding="utf-8"), self.languages, self.search_lunr
            ).items():
                target = site_dir / prefix / "search" / "search_index.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        sitemap = site_dir / "sitemap.xml"
        if sitemap.is_file():
            for prefix, text in split_sitemap(sitemap.read_text(encoding="utf-8"), self.languages, site_url).items():
                target = site_dir / prefix / "sitemap.xml"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as packed:
                    packed.write(text.encode("utf-8"))


def nav_titles(nav: Any, title: str | None = None) -> dict[str, str | None]:
    """Every page path the ``nav`` setting names, with the title it gives it (None: the page's own)."""
    if isinstance(nav, str):
        return {nav.lstrip("/"): title}
    if isinstance(nav, dict):
        items = [nav_titles(value, key if isinstance(value, str) else None) for key, value in nav.items()]
    else:
        items = [nav_titles(item) for item in nav] if isinstance(nav, list) else []
    return {path: found for item in items for path, found in item.items()}


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
