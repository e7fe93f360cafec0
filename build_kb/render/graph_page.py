"""The graph as pages: ``/graph/`` (the whole picture, its legend, every link as a table) and the
neighbourhood section of each card page.

The picture on ``/graph/`` is the one page that grows with the knowledge base: it draws
every card (about 0.5 kB each). The table of links, its text alternative, is cut into
pages of ``per_page`` links (``/graph/``, ``/graph/page/2/``...), and a card's local graph
draws at most :data:`~build_kb.render.local_graph.DEPTH1_CAP` neighbours and
:data:`~build_kb.render.local_graph.DEPTH2_CAP` neighbours of neighbours, so every other
page stays the same size.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial

from build_kb.exports import EXPORTERS
from build_kb.graph.edges import Edge
from build_kb.model import Card
from build_kb.render import tags, urls
from build_kb.render.card_page import card_link
from build_kb.render.context import SiteContext
from build_kb.render.graph_svg import global_svg
from build_kb.render.graph_view import GraphView
from build_kb.render.i18n import relation_name, word
from build_kb.render.layout import PageSlot, lang_blocks, page_count, page_items, pager
from build_kb.render.local_graph import local_graph
from build_kb.render.markdown import colon, escape_attr
from build_kb.render.page import Page, late

SCHEMA_FILE = "schema/concept.schema.json"
"""Where the plugin publishes the card schema (with the exports of :data:`~build_kb.exports.EXPORTERS`)."""


def _both(site: SiteContext, key: str, **values: object) -> str:
    """A page word in every site language, for an attribute (``title``, ``aria-label``)."""
    return " · ".join(dict.fromkeys(word(key, lang, **values) for lang in site.languages))


def _spans(site: SiteContext, texts: Mapping[str, str]) -> str:
    """Inline text in every language, one ``<span lang>`` each (hidden by ``kb.css`` like the page's blocks)."""
    values = {lang: " ".join(texts.get(lang, "").split()) for lang in site.languages}
    if len(set(values.values())) <= 1:
        return html.escape(next(iter(values.values()), ""), quote=False)
    return "".join(
        f'<span class="kb-lang" lang="{lang}">{html.escape(text, quote=False)}</span>' for lang, text in values.items()
    )


def _word_spans(site: SiteContext, key: str, **values: object) -> str:
    return _spans(site, {lang: word(key, lang, **values) for lang in site.languages})


def _tools(site: SiteContext, search: bool, depth2: int) -> str:
    """The controls; shown only with JavaScript (Material marks ``<html>`` ``no-js`` until its script runs)."""
    parts = ['<div class="kb-graph-tools">']
    for css, key, symbol in (
        ("kb-zoom-in", "zoom_in", "+"),
        ("kb-zoom-out", "zoom_out", "−"),
        ("kb-fit", "zoom_fit", "⤢"),
    ):
        label = escape_attr(_both(site, key))
        parts.append(f'<button type="button" class="{css}" title="{label}" aria-label="{label}">{symbol}</button>')
    if search:
        placeholders = " ".join(
            f'data-placeholder-{lang}="{escape_attr(word("find_card", lang))}"' for lang in site.languages
        )
        label = escape_attr(_both(site, "find_card"))
        parts.append(
            '<span class="kb-graph-find">'
            f'<input type="search" class="kb-graph-search" autocomplete="off" aria-label="{label}" '
            'role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="kb-graph-results" '
            f'placeholder="{escape_attr(word("find_card", site.languages[0]))}" {placeholders}>'
            f'<ul class="kb-graph-results" id="kb-graph-results" role="listbox" aria-label="{label}" hidden></ul>'
            "</span>"
        )
    if depth2:
        parts.append(
            f'<label class="kb-depth"><input type="checkbox" class="kb-depth-switch"> '
            f"{_word_spans(site, 'depth2', n=depth2)}</label>"
        )
    parts.append("</div>")
    return "".join(parts)


def _line_sample(view: GraphView, name: str, marker: str) -> str:
    """A short line drawn like the relation type, for the legend."""
    style = view.styles[name]
    attrs = [f'stroke-width="{style.width:g}"']
    if style.dash:
        attrs.append(f'stroke-dasharray="{style.dash}"')
    if style.arrow:
        attrs.append(f'marker-mid="url(#{marker})"')
    return (
        '<svg class="kb-line-sample" viewBox="0 0 40 10" aria-hidden="true">'
        f'<path d="M2 5L20 5L38 5" fill="none" {" ".join(attrs)}/></svg>'
    )


def _legend(
    site: SiteContext, view: GraphView, relations: Sequence[str], marker: str, themes: bool, note: str = ""
) -> str:
    """Themes (colour, filter) and relation types (line style, filter); checkboxes work with the script.

    Args:
        note: HTML to add at the end (what the picture leaves out).
    """
    groups = []
    if themes and view.colors:
        items = []
        for theme in site.kb.themes():
            labels = {lang: site.label(theme, lang) for lang in site.languages}
            items.append(
                f'<li><label><input type="checkbox" checked data-theme="{escape_attr(theme.id)}"> '
                f'<span class="kb-swatch" style="background:{view.colors[theme.id]}"></span> '
                f"{_spans(site, labels)}</label></li>"
            )
        groups.append(
            f'<div class="kb-legend-group"><p class="kb-legend-title">{_word_spans(site, "themes")}</p>'
            f"<ul>{''.join(items)}</ul></div>"
        )
    items = []
    for name in relations:
        labels = {lang: relation_name(name, lang, vocabulary=site.kb.vocabulary) for lang in site.languages}
        items.append(
            f'<li><label><input type="checkbox" checked data-rel="{name}"> '
            f"{_line_sample(view, name, marker)} {_spans(site, labels)}</label></li>"
        )
    if items:
        groups.append(
            f'<div class="kb-legend-group"><p class="kb-legend-title">{_word_spans(site, "legend_relations")}</p>'
            f"<ul>{''.join(items)}</ul></div>"
        )
    if note:
        groups.append(f'<p class="kb-graph-more">{note}</p>')
    return f'<figcaption class="kb-graph-legend">{"".join(groups)}</figcaption>' if groups else ""


def _figure(site: SiteContext, kind: str, attrs: str, tools: str, svg: str, legend: str) -> str:
    """The figure: tools, picture, legend (kept out of the search index).

    A skip link before it leads past it (its controls and legend are many Tab stops), to
    a focusable mark right after it: one graph per page, so its id is the kind's.
    """
    after = f"kb-after-graph-{kind}"
    return (
        f'<p class="kb-skip-graph"><a class="kb-skip" href="#{after}">{_word_spans(site, "skip_graph")}</a></p>\n'
        f'<figure class="kb-graph kb-graph--{kind}" data-search-exclude{attrs}>\n{tools}\n'
        f'<div class="kb-graph-frame">\n{svg}\n</div>\n{legend}\n</figure>\n'
        f'<span id="{after}" class="kb-after-graph" tabindex="-1"></span>\n'
    )


def _sorted_edges(site: SiteContext, edges: Sequence[Edge], lang: str) -> list[Edge]:
    """By relation type (schema order), then by the labels of both cards in ``lang``."""
    order = {name: position for position, name in enumerate(site.kb.vocabulary.relation_types)}
    cards = site.kb.cards

    def key(edge: Edge) -> tuple[int, tuple[str, str, str], tuple[str, str, str]]:
        return (order[edge.type], site.sort_key(cards[edge.source], lang), site.sort_key(cards[edge.target], lang))

    return sorted(edges, key=key)


def _links_table(site: SiteContext, edges: Sequence[Edge], lang: str, uri: str) -> str:
    """One table per relation type; each row reads "card — relation: card"."""
    blocks: list[str] = []
    rows: list[str] = []
    current = ""

    def close() -> None:
        if rows:
            blocks.append(f"<tbody>{''.join(rows)}</tbody></table>")
            rows.clear()

    for edge in edges:
        if edge.type != current:
            close()
            current = edge.type
            name = tags.text(relation_name(edge.type, lang, vocabulary=site.kb.vocabulary))
            blocks.append(tags.heading(3, f"{lang}-rel-{edge.type.replace('_', '-')}", name))
            blocks.append(f"<table><thead><tr><th>{tags.text(word('card', lang))}</th><th>{name}</th></tr></thead>")
        source = card_link(site, edge.source, lang, uri)
        target = card_link(site, edge.target, lang, uri)
        rows.append(f"<tr><td>{source}</td><td>{target}</td></tr>")
    close()
    return "\n".join(blocks)


def _downloads(site: SiteContext, uri: str, lang: str) -> str:
    files = [exporter.filename for exporter in EXPORTERS.values()] + [SCHEMA_FILE]
    links = " · ".join(tags.a(site.href(uri, name), tags.code(name)) for name in files)
    return tags.p(f"{tags.text(word('downloads', lang))}{colon(lang)}{links}")


def graph_pages(view: GraphView) -> Iterator[tuple[str, Page]]:
    """``graph/index.md`` (picture, legend, first links) and the later pages of the links table."""
    site = view.site
    edges = view.edges
    ordered = {lang: _sorted_edges(site, edges, lang) for lang in site.languages}
    size = site.options.page_size(len(edges))
    count = page_count(len(edges), size)
    titles = " · ".join(dict.fromkeys(word("graph_title", lang) for lang in site.languages))
    for number in range(1, count + 1):
        slot = PageSlot(urls.GRAPH_INDEX, number, count)

        def links(lang: str, slot: PageSlot = slot) -> str:
            items = page_items(ordered[lang], slot.number, size)
            total = word("links_count", lang, n=len(edges))
            if slot.count > 1:
                total += f", {word('page_of', lang, k=slot.number, n=slot.count)}"
            paging = pager(slot, lang, site.href)
            heading = tags.heading(2, f"{lang}-links", tags.text(word("graph_links", lang)))
            table = tags.join([paging, _links_table(site, items, lang, slot.uri), paging])
            return tags.join([heading, tags.p(tags.text(total)), late(table)])

        if number > 1:
            render = partial(lang_blocks, site.languages, links, partial(word, "graph_title"))
            yield slot.uri, Page(f"{titles} ({number})", render, {"search": {"exclude": True}})
            continue

        def intro(lang: str, uri: str = slot.uri) -> str:
            cards = len(site.kb.cards)
            lines = [word("graph_intro", lang, cards=cards, links=len(edges)), word("graph_help", lang)]
            return tags.join([*(tags.p(tags.text(line)) for line in lines), _downloads(site, uri, lang)])

        def first(uri: str = slot.uri, links: Callable[[str], str] = links, intro: Callable[[str], str] = intro) -> str:
            figure = _figure(
                site,
                "global",
                f' data-graph-json="{tags.attr(site.href(uri, "graph.json"))}"',
                _tools(site, True, 0),
                global_svg(view, uri),
                _legend(
                    site,
                    view,
                    [name for name in site.kb.vocabulary.relation_types if any(e.type == name for e in edges)],
                    "kb-arrow-global",
                    True,
                ),
            )
            parts = [
                lang_blocks(site.languages, intro, partial(word, "graph_title")),
                late(figure),
                lang_blocks(site.languages, links),
            ]
            return "\n".join(parts)

        yield slot.uri, Page(titles, first, {"hide": ["navigation", "toc"]})


def local_graph_section(view: GraphView, card: Card, uri: str) -> str:
    """The neighbourhood of a card (HTML), below its language blocks; empty when it has no relation.

    One picture serves every language (its labels carry ``lang``), so it sits after the
    language blocks with a heading per language; each block keeps its text list of
    relations, the screen reader's way through the same links.
    """
    site = view.site
    local = local_graph(view, card.id, uri)
    if not local.svg:
        return ""
    headings = "\n".join(
        tags.heading(
            2,
            f"{lang}-graph",
            tags.text(word("neighbourhood", lang)),
            *(("kb-lang", lang) if len(site.languages) > 1 else ()),
        )
        for lang in site.languages
    )
    more = local.more1 + local.more2
    note = ""
    if more:
        link = tags.attr(site.href(uri, urls.GRAPH_INDEX))
        left_out = _spans(site, {lang: word("not_drawn", lang, n=more) for lang in site.languages})
        note = f'{left_out} <a href="{link}">{_word_spans(site, "whole_graph")}</a>'
    legend = _legend(site, view, local.relations, "kb-arrow-local", False, note)
    figure = _figure(site, "local", "", _tools(site, False, local.depth2), local.svg, legend)
    return f"{headings}\n{figure}"
