"""Where every generated page lives: one function per kind of page.

Pages are addressed by their source path (``concepts/<id>.md``), never by their
final URL: links between pages are written to ``.md`` files, so MkDocs checks them and
turns them into URLs for either setting of ``use_directory_urls``. Paginated lists put
their later pages under ``page/<n>.md``, a folder no card id or reference slug can
name, since ids and slugs never hold ``/``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from build_kb.ids import RESERVED_NAMES, CiteKey, is_concept_id, reference_slug
from build_kb.model import Card
from build_kb.safety import link_scheme

CONCEPTS_DIR = "concepts"
THEMES_DIR = "themes"
REFERENCES_DIR = "references"
GRAPH_DIR = "graph"
AUTHORS_DIR = "authors"
QUALITY_DIR = "data-quality"
FINDINGS_DIR = "research"
DESIGN_DIR = "design"
INDEX = "index"

CONCEPTS_INDEX = f"{CONCEPTS_DIR}/{INDEX}.md"
THEMES_INDEX = f"{THEMES_DIR}/{INDEX}.md"
BIBLIOGRAPHY = f"{REFERENCES_DIR}/{INDEX}.md"
GRAPH_INDEX = f"{GRAPH_DIR}/{INDEX}.md"
AUTHORS_INDEX = f"{AUTHORS_DIR}/{INDEX}.md"
QUALITY_INDEX = f"{QUALITY_DIR}/{INDEX}.md"
FINDINGS_INDEX = f"{FINDINGS_DIR}/{INDEX}.md"
DESIGN_INDEX = f"{DESIGN_DIR}/{INDEX}.md"
RUBRIC_PAGE = "evidence.md"
"""The hand-written page of the evidence rubric, in ``docs/``: badges link to it when it exists."""
SECTION_PAGES = (
    THEMES_INDEX,
    CONCEPTS_INDEX,
    FINDINGS_INDEX,
    DESIGN_INDEX,
    BIBLIOGRAPHY,
    GRAPH_INDEX,
    AUTHORS_INDEX,
    QUALITY_INDEX,
)


def card_uri(card: Card) -> str | None:
    """The page of a card: ``themes/<id>.md`` for a theme, else ``concepts/<id>.md``.

    Returns:
        None when the id cannot be a URL segment (the checker reports it).
    """
    if not is_concept_id(card.id) or card.id in RESERVED_NAMES:
        return None
    folder = THEMES_DIR if card.kind == "theme" else CONCEPTS_DIR
    return f"{folder}/{card.id}.md"


def reference_uri(key: str) -> str | None:
    """The page of a reference: ``references/<slug>.md``, None when the slug is reserved."""
    slug = reference_slug(CiteKey(key))
    return None if slug in RESERVED_NAMES else f"{REFERENCES_DIR}/{slug}.md"


def reference_file(key: str, extension: str) -> str | None:
    """A download of one reference next to its page: ``references/<slug>.bib`` or ``.json``."""
    uri = reference_uri(key)
    return None if uri is None else f"{uri.removesuffix('.md')}.{extension}"


def author_uri(slug: str) -> str | None:
    """The page of an author: ``authors/<slug>.md`` (the slug of :func:`build_kb.ids.author_slug`)."""
    return None if slug in RESERVED_NAMES else f"{AUTHORS_DIR}/{slug}.md"


def paged_uri(first: str, number: int) -> str:
    """Page ``number`` (1-based) of a list whose first page is ``first``.

    ``concepts/index.md`` -> ``concepts/page/2.md``; ``themes/x.md`` -> ``themes/x/page/2.md``.
    """
    if number <= 1:
        return first
    stem = first.removesuffix(".md")
    base = stem.removesuffix(f"/{INDEX}") if stem.endswith(f"/{INDEX}") else stem
    return f"{base}/page/{number}.md"


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own clean relative paths, without its file-system calls.

    Every page links to many others, so this runs hundreds of thousands of times per build;
    a path it cannot vouch for (absolute, or holding ``.`` or ``..``) goes to ``posixpath``.
    """
    to_parts = target.split("/") if target not in ("", ".") else []
    from_parts = start.split("/") if start not in ("", ".") else []
    if target.startswith("/") or start.startswith("/") or {".", "..", ""} & {*to_parts, *from_parts}:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def link(from_uri: str, to_uri: str) -> str:
    """A relative link from one source page to another, as Markdown wants it."""
    return _relpath(to_uri, posixpath.dirname(from_uri) or ".")


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source page, from the site root: ``concepts/x.md`` -> ``concepts/x/``.

    A file that is not a page (``graph.json``) keeps its path.
    """
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    if stem == INDEX or stem.endswith(f"/{INDEX}"):
        return stem.removesuffix(INDEX) if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def url_folder(url: str) -> str:
    """The folder a page URL's relative links start from.

    ``concepts/x/`` -> itself, ``concepts/x.html`` -> ``concepts/``, ``index.html`` -> ``""``.
    """
    return url if url.endswith("/") or not url else url.rpartition("/")[0] + "/" if "/" in url else ""


def html_link(from_uri: str, to_uri: str, directory_urls: bool = True) -> str:
    """A relative URL from one page to another page or file, for raw HTML (MkDocs does not rewrite it).

    Markdown links go through :func:`link` and MkDocs; an inline SVG's links must be final.
    """
    here = page_url(from_uri, directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    target = page_url(to_uri, directory_urls)
    relative = _relpath(target.rstrip("/") or ".", folder.rstrip("/") or ".")
    if target.endswith("/") or not target:
        relative = "./" if relative == "." else relative + "/"
    return relative


def edit_base(repo_url: str, edit_uri: str, docs_to_root: str) -> str:
    """The URL a card's project-relative path is appended to for "edit this card".

    Args:
        repo_url: ``repo_url`` of mkdocs.yml (may be empty when ``edit_uri`` is absolute).
        edit_uri: ``edit_uri`` of mkdocs.yml: from ``repo_url`` to the docs folder.
        docs_to_root: The project folder seen from the docs folder, usually ``..``.

    Returns:
        E.g. ``https://github.com/o/r/edit/main/``; empty when there is no http(s) edit URL.
    """
    if not edit_uri:
        return ""
    base = urljoin(repo_url.rstrip("/") + "/" if repo_url else "", edit_uri.rstrip("/") + "/")
    if docs_to_root not in ("", "."):
        base = urljoin(base, docs_to_root.rstrip("/") + "/")
    return base if link_scheme(base) in ("http", "https") else ""
