"""One page tree per language: where each page sits, and what each tree gets of its own.

The first site language's tree is the site's root (today's paths), every other one's sits
under ``<lang>/``. A hand-written page ``x.md`` is in the default language; its
translation is ``x.<lang>.md`` (mkdocs-static-i18n's suffix convention), published at
``<lang>/x.md``; without one, that tree shows the default language's text, marked as such.
Each tree gets its own navigation (titles from the ``translations`` option), search index
and sitemap, split here from the ones MkDocs and Material write for the whole site.
No MkDocs types here: the plugin applies these to its files, navigation and pages.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.render.assets import FOLD_SUFFIX
from build_kb.render.context import tree_prefix

TRANSLATION_KEYS = ("site_name", "site_description", "nav")
"""What the ``translations`` option gives a language: the site's name and description, navigation titles."""


@dataclass(frozen=True)
class TreeText:
    """A tree's own words: site name and description ("": the site's), navigation titles by the default's."""

    site_name: str = ""
    site_description: str = ""
    nav: Mapping[str, str] = field(default_factory=dict)


def read_translations(value: Any, languages: Sequence[str], path: str) -> tuple[dict[str, TreeText], list[Diagnostic]]:
    """The plugin's ``translations`` option: ``{lang: {site_name, site_description, nav: {title: title}}}``."""
    if value is None:
        return {}, []
    hint = "for example: translations: {en: {site_name: My site, nav: {Accueil: Home}}}"
    problems: list[Diagnostic] = []
    result: dict[str, TreeText] = {}
    if not isinstance(value, dict):
        return {}, [report("config", path, Position(), "'translations' must map a language to its texts", hint)]
    for lang, texts in value.items():
        if lang not in languages[1:]:
            message = f"'translations' names '{lang}', which is not one of the site's other languages"
            problems.append(report("config", path, Position(), message, hint))
            continue
        unknown = sorted(set(texts) - set(TRANSLATION_KEYS)) if isinstance(texts, dict) else []
        nav = texts.get("nav", {}) if isinstance(texts, dict) else None
        names = [texts.get(key, "") for key in ("site_name", "site_description")] if isinstance(texts, dict) else []
        if (
            not isinstance(texts, dict)
            or unknown
            or not isinstance(nav, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in nav.items())
            or not all(isinstance(name, str) for name in names)
        ):
            message = f"'translations' of '{lang}' must hold texts for {', '.join(TRANSLATION_KEYS)}"
            problems.append(report("config", path, Position(), message, hint))
            continue
        result[lang] = TreeText(names[0], names[1], dict(nav))
    return result, problems


def tree_of(src_uri: str, languages: Sequence[str]) -> str:
    """The language of the tree a page path is in: ``en/concepts/x.md`` -> ``en``; any other path -> the first."""
    head = src_uri.split("/", 1)[0]
    return head if head in languages[1:] and "/" in src_uri else languages[0]


def in_tree(src_uri: str, languages: Sequence[str]) -> str:
    """A page's path within its tree: ``en/concepts/x.md`` -> ``concepts/x.md``."""
    return src_uri.removeprefix(tree_prefix(tree_of(src_uri, languages), tuple(languages)))


_SUFFIX_RE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")


def translation_of(src_uri: str, languages: Sequence[str]) -> tuple[str, str] | None:
    """``about.en.md`` -> (``about.md``, ``en``) for a site language after the first; None for any other page."""
    match = _SUFFIX_RE.match(src_uri)
    if match is None or match["lang"] not in languages[1:]:
        return None
    return f"{match['stem']}.md", match["lang"]


def tree_nav(nav: Any, lang: str, languages: Sequence[str], text: TreeText | None) -> Any:
    """The ``nav`` setting for a language's tree: its paths under ``<lang>/``, its titles translated.

    A title the translations do not give stays as written: a page then shows the nav's
    title; a section, its default-language name.
    """
    prefix = tree_prefix(lang, tuple(languages))
    titles = text.nav if text is not None else {}

    def convert(item: Any) -> Any:
        if isinstance(item, str):
            return item if "://" in item or item.startswith("/") else prefix + item
        if isinstance(item, dict):
            return {titles.get(key, key): convert(value) for key, value in item.items()}
        if isinstance(item, list):
            return [convert(value) for value in item]
        return item

    return convert(nav)


def search_languages(lang: str, foldable: bool) -> list[str]:
    """The Lunr languages of a tree's search index: English as it is; another its own, accents folded."""
    if lang == "en" or lang.startswith("en-"):
        return ["en"]
    return [f"{lang}{FOLD_SUFFIX}"] if foldable else ["en"]


def split_search_index(text: str, languages: Sequence[str], lunr: Mapping[str, list[str]]) -> dict[str, str]:
    """Material's one search index -> one per tree, by folder (``""``, ``en/``): its pages only, its language.

    Locations are made relative to the tree's root, which is where each tree's search
    (its ``base``) resolves them from. ``lunr``: language -> its index's Lunr languages.
    """
    data = json.loads(text)
    docs: dict[str, list[Any]] = {tree_prefix(lang, tuple(languages)): [] for lang in languages}
    for doc in data.get("docs", []):
        location = str(doc.get("location", ""))
        lang = tree_of(location, languages) if "/" in location else languages[0]
        prefix = tree_prefix(lang, tuple(languages))
        docs[prefix].append({**doc, "location": location.removeprefix(prefix)})
    result = {}
    for lang in languages:
        prefix = tree_prefix(lang, tuple(languages))
        config = {**data.get("config", {}), "lang": lunr.get(lang, ["en"])}
        result[prefix] = json.dumps({**data, "config": config, "docs": docs[prefix]}, separators=(",", ":"))
    return result


_URL_RE = re.compile(r"<url>.*?</url>\s*", re.DOTALL)
_LOC_RE = re.compile(r"<loc>(.*?)</loc>")


def split_sitemap(text: str, languages: Sequence[str], site_url: str) -> dict[str, str]:
    """MkDocs' one sitemap -> one per tree, by folder.

    Material's instant navigation then stays within a tree: a link into another (the
    language selector) loads that page whole, with that tree's search index and interface.
    The ``hreflang`` alternates are in each page's head (:func:`page_alternates`), not here:
    Material parses the whole sitemap on a reader's first page, and alternates in it made
    that 3.5 times slower (0.2 s against 0.8 s in Chromium at 11,316 pages, one of the ways
    search engines accept is enough).
    """
    base = urlsplit(site_url).path or "/"
    base = base if base.endswith("/") else base + "/"
    head_end = text.find("<url>")
    if head_end < 0:
        return {tree_prefix(lang, tuple(languages)): text for lang in languages}
    tail_start = text.rfind("</urlset>")
    head, tail = text[:head_end], text[tail_start:] if tail_start >= 0 else ""
    entries: dict[str, list[str]] = {tree_prefix(lang, tuple(languages)): [] for lang in languages}
    for match in _URL_RE.finditer(text):
        entry = match.group(0)
        loc = _LOC_RE.search(entry)
        address = loc.group(1) if loc else ""
        parts = urlsplit(address)
        within = parts.path[len(base) :] if parts.path.startswith(base) else parts.path.lstrip("/")
        entries[tree_prefix(tree_of(within, languages), tuple(languages))].append(entry)
    return {prefix: head + "".join(items) + tail for prefix, items in entries.items()}


_THEME_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')
HREFLANG_REL = "alternate "
"""The ``rel`` of a page's own ``hreflang`` links: the token ``alternate``, with a trailing space.

A ``rel`` is a set of space-separated tokens, so this is ``rel="alternate"`` to the HTML
standard (``link.relList``), to crawlers and to validators; but Material's language
integration looks for ``link[rel=alternate]`` (an exact match) in every page's head, takes
each as the root of another site whose ``sitemap.xml`` it fetches, and from then on turns
any click on a link below it into a full page load. Given a page's own address, that would
be every later click back to that page. Material's selector keeps ``extra.alternate`` (each
tree's home page, whose sitemaps it reads) and kb.js takes it to the same page.
"""


def page_alternates(head: str, links: Mapping[str, str], default: str) -> str:
    """A page's ``<head>`` with its ``hreflang`` alternates: the same page in each tree and ``x-default``.

    ``links``: language -> the page in that tree, as an address from this page. The ones
    Material writes from ``extra.alternate`` (each tree's home page) are taken out: a page
    states one alternate per language.
    """
    end = head.find("</head>")
    if end < 0:
        return head
    items = [*links.items(), ("x-default", links[default])]
    own = "".join(
        f'<link rel="{HREFLANG_REL}" hreflang="{html.escape(lang)}" href="{html.escape(href)}">' for lang, href in items
    )
    return _THEME_ALTERNATE_RE.sub("", head[:end]) + own + head[end:]


_BLOCK_RE = re.compile(
    r'^<(?P<tag>div|h1)\b[^>\n]*\bclass="kb-lang"[^>\n]*\blang="(?P<lang>[^"]+)"[^>\n]*>'
    r"(?P<body>.*?)(?:^|(?<=>)|(?<=[^\n]))</(?P=tag)>[ \t]*\n?",
    re.DOTALL | re.MULTILINE,
)
_LABEL_RE = re.compile(r'^<p class="kb-lang-label">[^<\n]*</p>\n*', re.MULTILINE)


def language_part(markdown: str, lang: str) -> str:
    """A hand-written page written for the bilingual site, in one tree: its blocks of ``lang`` only.

    Pages made before there was a tree per language hold each language in a
    ``<div class="kb-lang" lang=".." markdown>`` (and one ``<h1 class="kb-lang">`` per
    language): a tree keeps the blocks of its language, unwrapped, and drops the others
    and the language labels. Text outside such blocks is kept in every tree.
    """
    if "kb-lang" not in markdown:
        return markdown

    def keep(match: re.Match[str]) -> str:
        if match["lang"] != lang:
            return ""
        if match["tag"] == "h1":
            return f"# {match['body'].strip()}\n"
        return match["body"].strip("\n") + "\n"

    return _LABEL_RE.sub("", _BLOCK_RE.sub(keep, markdown))


_LINK_RE = re.compile(r"(?P<open>\]\()(?P<target>[^)\s#?]+)(?P<rest>[^)\s]*)")


def rebase_links(
    markdown: str, src_uri: str, prefix: str, exists: Callable[[str], bool], anchors: tuple[str, str] = ("", "")
) -> str:
    """A hand-written page in the ``prefix`` tree: a link to a file its tree lacks goes to the site root's.

    A translation keeps the original's links: ``[kb.ttl](kb.ttl)`` or ``concepts/index.md``.
    A page is in every tree, so a link to one stays in the reader's tree; a download or an
    image is one file at the root, which ``en/graph-data.md`` reaches as ``../kb.ttl``.
    ``anchors``: the default language's and this tree's: a generated page's section
    (``#fr-definition``) is the same section in this tree's page (``#en-definition``).
    """
    if not prefix:
        return markdown
    folder = posixpath.dirname(src_uri)
    root_folder = posixpath.dirname(src_uri.removeprefix(prefix))

    def rebase(match: re.Match[str]) -> str:
        target = match["target"]
        if "://" in target or target.startswith(("/", "mailto:")) or ":" in target.split("/", 1)[0]:
            return match.group(0)
        here = posixpath.normpath(posixpath.join(folder, target))
        if exists(here):
            rest = match["rest"]
            if anchors[0] and target.endswith(".md") and rest.startswith(f"#{anchors[0]}-"):
                rest = f"#{anchors[1]}-{rest.removeprefix(f'#{anchors[0]}-')}"
            return f"{match['open']}{target}{rest}"
        there = posixpath.normpath(posixpath.join(root_folder, target))
        if there.startswith("..") or not exists(there):
            return match.group(0)
        return f"{match['open']}{posixpath.relpath(there, folder or '.')}{match['rest']}"

    return _LINK_RE.sub(rebase, markdown)
