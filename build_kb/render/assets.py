"""The site's own CSS and JavaScript, and the scripts the page trees need.

Shipped inside the package (``build_kb/assets/``) and added by the plugin as generated
files, so a project copies nothing and the site loads nothing from another host.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources

ASSETS_DIR = "assets/build_kb"
CSS = f"{ASSETS_DIR}/kb.css"
JS = f"{ASSETS_DIR}/kb.js"
GRAPH_CSS = f"{ASSETS_DIR}/graph.css"
GRAPH_JS = f"{ASSETS_DIR}/graph.js"
"""The graph pictures' style and script (``/graph/`` and every card's neighbourhood)."""

LUNR_DIR = "assets/javascripts/lunr/min"
"""Where Material's search worker loads a search language from (``lunr.<lang>.min.js``)."""
FOLD_SUFFIX = "_fold"
"""A search language that also ignores accents is named ``<lang>_fold`` (``fr_fold``)."""


def _read(name: str) -> str:
    return resources.files("build_kb").joinpath("assets", name).read_text(encoding="utf-8")


def home_script(trees: Mapping[str, str], languages: Sequence[str]) -> str:
    """An inline ``<script>`` for the default tree's home page: a reader goes to their language's tree.

    Their stored choice (``kb.js`` keeps it when they pick a language in Material's
    selector) wins; on a first visit, the first of the browser's preferred languages the
    site has. ``trees``: language -> the URL of its home page from this one (other trees only).
    """
    if not trees:
        return ""
    return (
        f"<script>(function(){{var L={json.dumps(list(languages))},T={json.dumps(dict(trees))},c=null;"
        'try{c=localStorage.getItem("build_kb.lang")}catch(e){}'
        'if(L.indexOf(c)===-1){c=null;var p=navigator.languages||[navigator.language||""];'
        'for(var i=0;i<p.length&&!c;i++){var l=String(p[i]).toLowerCase().split("-")[0];if(L.indexOf(l)!==-1)c=l}}'
        "if(c&&T[c])location.replace(T[c])})();</script>"
    )


def fold_language(lang: str) -> str:
    """A search language for Lunr: ``lang``'s own (stop words, stemmer) with accents removed before stemming.

    Material's worker loads ``lunr.<name>.min.js`` for each language of a search index;
    this one loads Material's ``lunr.<lang>.min.js`` and adds one step to its pipelines
    (the index's and the query's alike), so "communaute" and "communauté" become the same term.
    """
    return f"""/* build_kb: {lang} search that ignores accents (see docs/about.en.md, "One page tree per language"). */
importScripts("../lunr/min/lunr.{lang}.min.js");
(function (lunr, lang) {{
  "use strict";
  var own = lunr[lang];
  function fold(token) {{
    return token.update(function (text) {{
      return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
    }});
  }}
  lunr.Pipeline.registerFunction(fold, "fold-" + lang);
  function folded() {{
    own.call(this);
    this.pipeline.before(own.stemmer, fold);
    if (this.searchPipeline) {{
      this.searchPipeline.before(own.stemmer, fold);
    }}
  }}
  folded.trimmer = own.trimmer;
  folded.stopWordFilter = own.stopWordFilter;
  folded.stemmer = own.stemmer;
  lunr[lang + "{FOLD_SUFFIX}"] = folded;
}})(self.lunr, {json.dumps(lang)});
"""


def site_assets(
    fold_languages: Sequence[str] = (), trees: Mapping[str, str] | None = None, preview_files: int = 1
) -> dict[str, str]:
    """``{path in the site: content}`` of the CSS and JavaScript, and the accent-free search languages.

    ``trees``: each language's folder (``{"fr": "", "en": "en/"}``), for the language selector.
    ``preview_files``: how many files hold each tree's link previews (:mod:`build_kb.render.previews`).
    """
    script = _read("kb.js").replace('/*KB_TREES*/{"fr": "", "en": "en/"}', json.dumps(dict(trees or {})))
    script = script.replace("/*KB_PREVIEW_FILES*/1", str(preview_files))
    files = {CSS: _read("kb.css"), JS: script, GRAPH_CSS: _read("graph.css"), GRAPH_JS: _read("graph.js")}
    for lang in fold_languages:
        files[f"{LUNR_DIR}/lunr.{lang}{FOLD_SUFFIX}.min.js"] = fold_language(lang)
    return files
