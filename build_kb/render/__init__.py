"""Rendering: the knowledge base as Markdown pages, with no MkDocs import.

:func:`render_site` gives every generated page; :func:`expand_page` fills the
placeholders and citations of hand-written pages; :mod:`build_kb.render.assets` gives
the site's own CSS and JavaScript. The MkDocs plugin is the only caller that knows MkDocs.
"""

from __future__ import annotations

from build_kb.render.context import SiteOptions
from build_kb.render.placeholders import expand_page
from build_kb.render.site import RenderedSite, render_site

__all__ = ["RenderedSite", "SiteOptions", "expand_page", "render_site"]
