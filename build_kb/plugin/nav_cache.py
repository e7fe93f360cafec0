"""Material's navigation rendered once per distinct context, for the pages outside the nav.

Material renders its whole navigation (``partials/nav.html``) into every page. A knowledge
base has thousands of pages outside the nav (cards, references, authors): for all the pages
of one folder of one tree that block is the same HTML, and it was a fifth of the time spent
in Material's templates (issue 22). The theme is not forked: through Jinja's public loader
API, ``partials/nav.html`` becomes a small template that includes the theme's own
``partials/nav.html`` (Material's, or the project's override) and keeps its output under a
key of everything that template reads that can differ between pages: the navigation object
(one per tree), Material's language and the site's name (both set per tree), and every URL
it prints, as the ``url`` filter makes it relative to the page.

Only pages out of the nav (no nav item is active, nothing in the nav is the page) are
cached, only when the navigation's templates are Material's own (not overridden by the
project) and Material's minor version is one whose templates were read for this list of
dependencies (:data:`CHECKED_MATERIAL`); anything else renders as before. The output is
byte-identical (the shipped site's golden files, and a whole-site ``diff -r``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FunctionLoader, TemplateNotFound, pass_context
from jinja2.runtime import Context

CHECKED_MATERIAL = ("9.8",)
"""Material minor versions whose ``partials/nav.html`` and ``nav-item.html`` read nothing of the page but its
URL (for relative links), whether it is in the nav, and ``page.toc`` for itself (never for a page out of it)."""
NAV = "partials/nav.html"
THEME_NAV = "build_kb/theme-nav.html"
"""The theme's own ``partials/nav.html``, under a name the override does not shadow."""
NAV_PARTS = (NAV, "partials/nav-item.html", "partials/logo.html", "partials/source.html")
"""What the navigation's HTML is made from: cached only while each is Material's own."""
OVERRIDE = (
    "{%- set build_kb_key = build_kb_nav_key() -%}"
    '{%- if build_kb_key is none -%}{% include "' + THEME_NAV + '" %}'
    "{%- else -%}{%- set build_kb_html = build_kb_nav_get(build_kb_key) -%}"
    "{%- if build_kb_html is none -%}"
    '{%- set build_kb_html %}{% include "' + THEME_NAV + '" %}{% endset -%}'
    "{%- set build_kb_html = build_kb_nav_put(build_kb_key, build_kb_html) -%}"
    "{%- endif -%}{{ build_kb_html }}{%- endif -%}"
)


def material_checked() -> bool:
    """Whether the installed Material is a version whose navigation templates this cache was checked against."""
    try:
        version = metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return False
    return ".".join(version.split(".")[:2]) in CHECKED_MATERIAL


class NavCache:
    """The navigation's HTML by key, for one build (the nav objects it names live as long)."""

    def __init__(self) -> None:
        self._html: dict[tuple[Any, ...], tuple[object, str]] = {}
        self._urls: dict[int, tuple[object, tuple[str, ...]]] = {}
        self.hits = 0

    def install(self, env: Environment) -> bool:
        """Make the environment's ``partials/nav.html`` the caching one; False (nothing changed) where it may not."""
        original = env.loader
        if original is None or not material_checked() or not _material_parts(env, original):
            return False

        def load(name: str) -> tuple[str, str | None, Callable[[], bool] | None] | None:
            if name == NAV:
                return OVERRIDE, None, lambda: True
            if name == THEME_NAV:
                return original.get_source(env, NAV)
            return None

        env.loader = ChoiceLoader([FunctionLoader(load), original])
        env.globals.update(build_kb_nav_key=self._key, build_kb_nav_get=self._get, build_kb_nav_put=self._put)
        return True

    @pass_context
    def _key(self, context: Context) -> tuple[Any, ...] | None:
        """What the navigation's HTML depends on for this page, or None to render it as usual."""
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if page is None or nav is None or config is None or getattr(page, "parent", None) is not None:
            return None
        if page in getattr(nav, "pages", [page]):
            return None
        url = context.environment.filters["url"]
        links = tuple(url(context, value) for value in self._links(nav, config))
        return (id(nav), config.theme["language"], config.site_name, config.repo_url, links)

    def _links(self, nav: Any, config: Any) -> tuple[str, ...]:
        """Every URL the navigation prints, as in the site (made relative to each page by ``url``)."""
        known = self._urls.get(id(nav))
        if known is not None and known[0] is nav:
            return known[1]
        homepage = getattr(nav, "homepage", None)
        extra = config.extra.get("homepage") if hasattr(config.extra, "get") else None
        found = [str(extra or ""), str(getattr(homepage, "url", "") or ""), str(config.theme.get("logo") or "")]
        found += [str(item.url) for item in _items(nav.items) if getattr(item, "url", None) is not None]
        self._urls[id(nav)] = (nav, tuple(found))
        return tuple(found)

    def _get(self, key: tuple[Any, ...]) -> str | None:
        found = self._html.get(key)
        if found is None:
            return None
        self.hits += 1
        return found[1]

    @pass_context
    def _put(self, context: Context, key: tuple[Any, ...], html: str) -> str:
        self._html[key] = (context.get("nav"), html)
        return html


def _items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


def _material_parts(env: Environment, loader: BaseLoader) -> bool:
    """Whether every template the navigation is made from is Material's own (none overridden)."""
    try:
        import material

        home = Path(material.__file__).parent.resolve()
        for name in NAV_PARTS:
            _, filename, _ = loader.get_source(env, name)
            if filename is None or home not in Path(filename).resolve().parents:
                return False
    except (ImportError, TemplateNotFound):
        return False
    return True
