"""Theme-rendered pages kept between the rebuilds of ``mkdocs serve``: a page whose inputs did not change is not
rendered through the theme's templates again.

Material's templates are most of a rebuild's time (about 2 ms a page, and a site of 1,000
cards and 4,000 references has some 10,700 pages), while an edit changes a few pages: a
definition one, a label some 300 (the pages that show it). MkDocs re-renders every page of a
serve rebuild (``dirty=False``), so the plugin takes the theme's output of a generated page
from the last rebuild when nothing it is made from changed. Its key is exact, not guessed
from dependencies: the page's own HTML as made this build (after every edit), its title,
meta, URLs and neighbours in the navigation, and a site-wide fingerprint of everything else
the theme renders from (the configuration file, ``site_url``, the theme's custom folder,
every page's address and title). MkDocs still builds every page: a kept one is given a
one-line template (the documented ``template`` meta key) and its kept output in
``on_post_page``, before the plugin's own late parts, ``<head>`` additions and alternates,
which are made every time. A page whose key changed is rendered with the template it would
have had, on the same Jinja environment and context MkDocs gives it.

Only while serving (from the first rebuild: :data:`build_kb.plugin.events._SERVED`), only
for generated pages, and only with no other plugin than search (another could add to a
page's context what the key does not see): when unsure, render.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from build_kb.plugin.options import log

KEPT_TEMPLATE = "build_kb/kept.html"
"""The template of a page whose output is kept: its output is replaced in ``on_post_page``."""
_KEPT_TEXT = "<!-- build_kb: kept page -->"
KNOWN_PLUGINS = frozenset({"search", "material/search", "build_kb"})
"""The plugins whose effect on a page's template output the key sees."""
_KEPT: dict[Path, dict[str, tuple[str, bytes]]] = {}
"""Per project root: each generated page's key and theme output (compressed), from the last rebuild."""


class KeptPages:
    """The theme outputs of one build: reused from the last rebuild when a page's key is the same.

    Args:
        root: The project's root (the kept pages of each project are apart).
        active: Keep pages at all (serving, only known plugins).
    """

    def __init__(self, root: Path, active: bool) -> None:
        self.root, self.active = root, active
        self._old = _KEPT.get(root, {}) if active else {}
        self._new: dict[str, tuple[str, bytes]] = {}
        self._env: Environment | None = None
        self._site = ""
        self._template: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._output: dict[str, str] = {}
        self.reused = 0
        """How many pages' theme output this build took from the last one."""

    @staticmethod
    def wanted(config: MkDocsConfig, serving: bool) -> bool:
        """Whether pages are kept in this build: serving, and no plugin the key does not know of."""
        return serving and set(config.plugins) <= KNOWN_PLUGINS

    def choose_template(self, page: Page) -> None:
        """Give a page with a kept output the one-line template (its own is remembered for :meth:`decide`)."""
        uri = page.file.src_uri
        if not self.active or uri not in self._old:
            return
        self._template[uri] = str(page.meta.get("template", "main.html"))
        page.meta["template"] = KEPT_TEMPLATE

    def environment(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Add the one-line template to the theme's templates; fingerprint what every page is rendered with."""
        if not self.active:
            return env
        env.loader = ChoiceLoader([DictLoader({KEPT_TEMPLATE: _KEPT_TEXT}), *([env.loader] if env.loader else [])])
        self._env = env
        self._site = site_fingerprint(config, files)
        return env

    def decide(self, context: TemplateContext, page: Page) -> None:
        """Once every plugin has given the page's context: keep the last output, or render the page's own template."""
        uri = page.file.src_uri
        if not self.active or self._env is None:
            return
        template = self._template.pop(uri, None)
        if template is not None:
            page.meta = {name: value for name, value in page.meta.items() if name != "template"}
            if template != "main.html":
                page.meta["template"] = template
        key = page_key(self._site, page, context)
        old = self._old.get(uri)
        self._keys[uri] = key
        if template is None:  # rendered by MkDocs: its output is kept in :meth:`output`
            return
        if old is not None and old[0] == key:
            self._output[uri] = zlib.decompress(old[1]).decode("utf-8")
            self._new[uri] = old  # kept as it is, not compressed again
            self.reused += 1
        else:
            self._output[uri] = self._env.get_template(template).render(context)

    def output(self, output: str, page: Page) -> str:
        """The page's theme output: kept or rendered in :meth:`decide`, else MkDocs'; kept for the next rebuild."""
        uri = page.file.src_uri
        output = self._output.pop(uri, output)
        key = self._keys.pop(uri, None)
        if key is not None and uri not in self._new:
            self._new[uri] = (key, zlib.compress(output.encode("utf-8"), 1))
        return output

    def commit(self) -> None:
        """The build is over: its outputs are the ones the next rebuild compares with."""
        if self.active:
            _KEPT[self.root] = self._new
            log.info("build_kb: %d of %d generated pages kept their theme output", self.reused, len(self._new))


def site_fingerprint(config: MkDocsConfig, files: Files) -> str:
    """A hash of what every page's theme output is made from, beyond the page itself."""
    digest = hashlib.sha256()
    config_file = Path(config.config_file_path) if config.config_file_path else None
    digest.update(config_file.read_bytes() if config_file is not None and config_file.is_file() else b"-")
    settings = [config.site_url, config.site_name, config.docs_dir, config.use_directory_urls]
    digest.update(json.dumps(settings, default=str).encode("utf-8"))
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        for path in sorted(p for p in Path(custom).rglob("*") if p.is_file()):
            digest.update(f"{path}\0".encode() + path.read_bytes() + b"\0")
    for file in files:  # the titles of pages the navigation may show (a card's label is in its neighbours' HTML)
        shown = file.page is not None and file.inclusion is not InclusionLevel.NOT_IN_NAV
        title = file.page.title if shown and file.page is not None else None
        digest.update(json.dumps([file.src_uri, file.url, title, str(file.inclusion)]).encode("utf-8"))
    return digest.hexdigest()


def page_key(site: str, page: Page, context: TemplateContext) -> str:
    """A hash of everything the theme renders a generated page from: it changes whenever the output could."""
    neighbours = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
    parents = []
    parent: Any = page.parent
    while parent is not None:
        parents.append(str(parent.title))
        parent = parent.parent
    meta = json.dumps(page.meta, sort_keys=True, default=str)
    state = [site, page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.title, meta]
    state += [neighbours, parents, str(context.get("base_url")), page.content]
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()
