"""The site's own CSS and JavaScript, filled in with the site's languages.

Shipped inside the package (``build_kb/assets/``) and added by the plugin as generated
files, so a project copies nothing and the site loads nothing from another host.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

from build_kb.render.i18n import language_name

ASSETS_DIR = "assets/build_kb"
CSS = f"{ASSETS_DIR}/kb.css"
JS = f"{ASSETS_DIR}/kb.js"
GRAPH_CSS = f"{ASSETS_DIR}/graph.css"
GRAPH_JS = f"{ASSETS_DIR}/graph.js"
"""The graph pictures' style and script (``/graph/`` and every card's neighbourhood)."""


def _read(name: str) -> str:
    return resources.files("build_kb").joinpath("assets", name).read_text(encoding="utf-8")


def _lang_rules(languages: Sequence[str]) -> str:
    """Hide every language but the chosen one, in the page and in its table of contents.

    Material rewrites the table of contents' links to absolute URLs, hence ``*=``.
    """
    rules = []
    for lang in languages:
        rules.append(f'html[data-kb-lang="{lang}"] .kb-lang:not([lang="{lang}"]) {{ display: none; }}')
        for other in languages:
            if other != lang:
                item = f'.md-nav--secondary .md-nav__item:has(> .md-nav__link[href*="#{other}-"])'
                rules.append(f'html[data-kb-lang="{lang}"] {item} {{ display: none; }}')
    return "\n".join(rules)


def head_script(languages: Sequence[str]) -> str:
    """An inline ``<script>`` for ``<head>``: applies the stored language before the first paint.

    Without it a full page load would show every language until ``kb.js`` runs at the end
    of the page. Same key and rule as ``kb.js``; it only sets an attribute.
    """
    if len(languages) < 2:
        return ""
    known = json.dumps(list(languages))
    return (
        '<script>(function(){try{var l=localStorage.getItem("build_kb.lang");'
        f'if({known}.indexOf(l)!==-1)document.documentElement.setAttribute("data-kb-lang",l)'
        "}catch(e){}})();</script>"
    )


def site_assets(languages: Sequence[str]) -> dict[str, str]:
    """``{path in the site: content}`` of the CSS and JavaScript for these languages."""
    names = {lang: language_name(lang) for lang in languages}
    script = (
        _read("kb.js")
        .replace('/*KB_LANGUAGES*/["fr", "en"]', json.dumps(list(languages), ensure_ascii=False))
        .replace('/*KB_NAMES*/{"fr": "Français", "en": "English"}', json.dumps(names, ensure_ascii=False))
    )
    return {
        CSS: _read("kb.css").replace("/*KB_LANG_RULES*/", _lang_rules(languages)),
        JS: script,
        GRAPH_CSS: _read("graph.css"),
        GRAPH_JS: _read("graph.js"),
    }
