"""The render stage: a knowledge base -> every generated page, as ``{src_uri: Page}``.

No MkDocs here: the plugin turns the result into virtual files and asks each page for its
HTML when MkDocs builds it; tests read it directly (golden files), and two runs on the
same input give the same bytes (everything sorted, no dates).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from build_kb.graph.layout import Point, compute_layout
from build_kb.model import Card, KnowledgeBase
from build_kb.render import tags
from build_kb.render.authors import author_pages, authors_index_pages
from build_kb.render.card_page import card_body
from build_kb.render.context import SiteContext, SiteOptions, in_language
from build_kb.render.graph_cache import LocalGraphCache
from build_kb.render.graph_page import graph_pages, local_graph_section
from build_kb.render.graph_view import GraphView
from build_kb.render.layout import lang_blocks
from build_kb.render.library import Library
from build_kb.render.lists import az_pages, bibliography_pages, theme_pages, themes_index_pages
from build_kb.render.overviews import design_pages, findings_pages
from build_kb.render.page import Page, late
from build_kb.render.quality import quality_pages
from build_kb.render.reference_page import reference_files, reference_page


@dataclass(frozen=True)
class RenderedSite:
    """Generated pages and what the plugin needs to publish them.

    Attributes:
        pages: Source path (``concepts/x.md``) -> the page, sorted by path; each
            renders its HTML when asked (:class:`~build_kb.render.page.Page`).
        files: Other generated files by site path (each reference's ``.bib`` and ``.json``).
    """

    pages: dict[str, Page]
    files: dict[str, str] = field(default_factory=dict)


def render_site(
    kb: KnowledgeBase,
    options: SiteOptions | None = None,
    layout: Mapping[str, Point] | None = None,
    library: Library | None = None,
    graphs: LocalGraphCache | None = None,
) -> RenderedSite:
    """Every generated page of a knowledge base, in one language (``options.language``; the first when "").

    Pages are keyed by their path in that language's tree (``concepts/x.md``); the plugin
    places a tree other than the first under ``<lang>/``. ``files`` are the same for every tree.

    Args:
        kb: The knowledge base.
        options: How pages are generated.
        layout: The graph layout (the plugin passes the one its exports use); computed when None.
        library: Formatted references (the plugin's: project style, disk cache); APA in memory when None.
        graphs: Local graphs kept between builds (the plugin's); each drawn anew when None.
    """
    site = SiteContext(kb, options or SiteOptions(languages=kb.languages), library)
    view = GraphView(site, compute_layout(kb) if layout is None else layout)
    pages: dict[str, Page] = {}
    for card_id, uri in site.card_uris.items():
        card = kb.cards[card_id]
        if card.kind == "theme":
            themed = theme_pages(site, card)
            first = next(themed)
            pages[first[0]] = replace(first[1], meta={**first[1].meta, **_card_meta(site, card)})
            pages.update(themed)
            continue
        title = " · ".join(dict.fromkeys(site.label(card, lang) for lang in site.languages))
        html = partial(_card_html, site, view, card, uri, graphs)
        pages[uri] = Page(title, html, _card_meta(site, card), source=card.path)
    for key, uri in site.reference_uris.items():
        pages[uri] = reference_page(site, kb.references[key], uri)
    for generate in (az_pages, themes_index_pages, findings_pages, design_pages, bibliography_pages):
        pages.update(generate(site))
    for generate in (author_pages, authors_index_pages):
        pages.update(generate(site))
    pages.update(quality_pages(site))
    pages.update(graph_pages(view))
    files = dict(sorted(reference_files(site)))
    return RenderedSite(dict(sorted(pages.items())), files)


CARD_BOOST = 2.0
"""Material's search ``boost`` of a card's page: found above the references and pages that mention its words."""


def _card_meta(site: SiteContext, card: Card) -> dict[str, Any]:
    """A card page's description (its summary, for ``<meta name="description">``) and search boost."""
    summary = " ".join(in_language(card.summary, site.language, site.all_languages)[0].split())
    meta: dict[str, Any] = {"search": {"boost": CARD_BOOST}}
    if summary:  # Material writes it into an attribute as it is (its templates do not escape): escaped here
        meta["description"] = tags.attr(summary)
    return meta


def _card_html(site: SiteContext, view: GraphView, card: Card, uri: str, graphs: LocalGraphCache | None) -> str:
    """A card's page: its titles and language blocks, then its local graph (late: out of the search index)."""
    body = lang_blocks(site.languages, partial(card_body, site, card, uri=uri), partial(site.label, card))
    draw = partial(local_graph_section, view, card, uri)
    return body + late(graphs.section(site.prefix + card.id, draw) if graphs is not None else draw())
