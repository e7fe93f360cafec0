"""Paginated lists: the A-Z index, the theme index, each theme's cards, the bibliography.

A list longer than ``paginate_above`` items is cut into pages of ``per_page`` items with a
constant-size pager, so no generated page grows with the knowledge base; a shorter one is
one page. Lists of cards are sorted by label in each
language separately: page 2 of the French A-Z is page 2 in French alphabetical order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from build_kb.exports import EXPORTERS
from build_kb.model import Card
from build_kb.render import tags, urls
from build_kb.render.card_page import card_body, card_link
from build_kb.render.context import SiteContext, fold, in_language
from build_kb.render.entries import entry_list
from build_kb.render.i18n import kind_group, word
from build_kb.render.layout import PageSlot, count_line, lang_blocks, list_title, page_count, page_items, pager
from build_kb.render.markdown import colon
from build_kb.render.page import Page, late


def _card_line(site: SiteContext, card: Card, lang: str, uri: str) -> str:
    summary, _ = in_language(card.summary, lang, site.languages)
    line = card_link(site, card.id, lang, uri)
    return f"{line} — {tags.text(summary)}" if summary else line


def _grouped(groups: list[tuple[str, str, list[str]]]) -> str:
    """``(anchor, heading text, items)`` as an ``<h3>`` and a list each."""
    return "\n".join(tags.heading(3, anchor, tags.text(name)) + "\n" + tags.ul(items) for anchor, name, items in groups)


def _letter(label: str) -> str:
    first = fold(label)[:1].upper()
    return first if first.isascii() and first.isalpha() else "#"


def _az_list(site: SiteContext, cards: Sequence[Card], lang: str, uri: str) -> str:
    groups: list[tuple[str, str, list[str]]] = []
    for card in cards:
        letter = _letter(site.label(card, lang))
        if not groups or groups[-1][1] != letter:
            anchor = f"{lang}-letter-{letter.lower()}" if letter != "#" else f"{lang}-letter-other"
            groups.append((anchor, letter, []))
        groups[-1][2].append(_card_line(site, card, lang, uri))
    return _grouped(groups)


def _kind_key(card: Card, order: tuple[str, ...]) -> int:
    return order.index(card.kind) if card.kind in order else len(order)


def _grouped_list(site: SiteContext, cards: Sequence[Card], lang: str, uri: str) -> str:
    groups: list[tuple[str, str, list[str]]] = []
    current = None
    for card in cards:
        if card.kind != current:
            kind = card.kind if site.kb.vocabulary.kind(card.kind) is not None else "other"
            groups.append((f"{lang}-kind-{kind}", kind_group(card.kind, lang, site.kb.vocabulary), []))
            current = card.kind
        groups[-1][2].append(_card_line(site, card, lang, uri))
    return _grouped(groups)


def _by_label(site: SiteContext, cards: Sequence[Card], lang: str, by_kind: bool = False) -> list[Card]:
    """Cards in A-Z order of their label in ``lang`` (kind first when ``by_kind``)."""

    def key(card: Card) -> tuple[int, str, str, str]:
        return (_kind_key(card, site.kb.vocabulary.kind_names) if by_kind else 0, *site.sort_key(card, lang))

    return sorted(cards, key=key)


def az_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``concepts/index.md`` and its later pages: every card with its summary, A-Z."""
    cards = [site.kb.cards[card_id] for card_id in site.card_uris]
    ordered = {lang: _by_label(site, cards, lang) for lang in site.languages}
    size = site.options.page_size(len(cards))
    count = page_count(len(cards), size)
    for number in range(1, count + 1):
        slot = PageSlot(urls.CONCEPTS_INDEX, number, count)

        def body(lang: str, slot: PageSlot = slot) -> str:
            items = page_items(ordered[lang], slot.number, size)
            listing = _az_list(site, items, lang, slot.uri) or tags.p(tags.text(word("no_cards", lang)))
            paging = pager(slot, lang, site.href)
            return tags.join([count_line(lang, "cards_count", len(cards), slot), paging, listing, paging])

        # Out of the search index, like every list page: each card is found on its own page.
        render = partial(lang_blocks, site.languages, body, partial(word, "az_title"))
        yield slot.uri, Page(list_title(site.languages, "az_title"), render, {"search": {"exclude": True}})


def themes_index_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``themes/index.md``: every theme with its summary and how many cards it holds."""
    themes = [card for card in site.kb.themes() if card.id in site.card_uris]
    ordered = {lang: _by_label(site, themes, lang) for lang in site.languages}
    size = site.options.page_size(len(themes))
    count = page_count(len(themes), size)
    for number in range(1, count + 1):
        slot = PageSlot(urls.THEMES_INDEX, number, count)

        def body(lang: str, slot: PageSlot = slot) -> str:
            lines = []
            for theme in page_items(ordered[lang], slot.number, size):
                members = len(site.theme_members.get(theme.id, ()))
                count = tags.text(word("cards_count", lang, n=members))
                lines.append(f"{_card_line(site, theme, lang, slot.uri)} ({count})")
            listing = tags.ul(lines) or tags.p(tags.text(word("no_cards", lang)))
            paging = pager(slot, lang, site.href)
            return tags.join([paging, listing, paging])

        render = partial(lang_blocks, site.languages, body, partial(word, "themes_title"))
        yield slot.uri, Page(list_title(site.languages, "themes_title"), render, {"search": {"exclude": True}})


def theme_pages(site: SiteContext, theme: Card) -> Iterator[tuple[str, Page]]:
    """A theme's page, and the later pages of its list of cards.

    The page leads with its cards: the theme's header and summary, then its cards by kind,
    then the theme card's longer text (definition, research, relations...).
    """
    first = site.card_uris[theme.id]
    members = [site.kb.cards[i] for i in site.theme_members.get(theme.id, ()) if i in site.card_uris]
    ordered = {lang: _by_label(site, members, lang, by_kind=True) for lang in site.languages}
    size = site.options.page_size(len(members))
    count = page_count(len(members), size)
    title = " · ".join(dict.fromkeys(site.label(theme, lang) for lang in site.languages))
    for number in range(1, count + 1):
        slot = PageSlot(first, number, count)

        def body(lang: str, slot: PageSlot = slot) -> str:
            items = page_items(ordered[lang], slot.number, size)
            paging = pager(slot, lang, site.href)
            listing = _grouped_list(site, items, lang, slot.uri) or tags.p(tags.text(word("no_cards", lang)))
            cards = tags.join(
                [
                    tags.heading(2, f"{lang}-theme-cards", tags.text(word("theme_cards", lang))),
                    count_line(lang, "cards_count", len(members), slot),
                    late(tags.join([paging, listing, paging])),
                ]
            )
            return card_body(site, theme, lang, slot.uri, first=cards) if slot.number == 1 else cards

        render = partial(lang_blocks, site.languages, body, partial(site.label, theme))
        yield slot.uri, Page(title if number == 1 else f"{title} ({number})", render, source=theme.path)


def library_downloads(lang: str, from_uri: str, site_href: Callable[[str, str], str]) -> str:
    """Links to the whole library as ``references.bib`` and ``references.json`` (published at the site root)."""
    links = [
        tags.a(site_href(from_uri, exporter.filename), tags.text(exporter.filename))
        for name in ("bibtex", "csl-json")
        if (exporter := EXPORTERS.get(name)) is not None
    ]
    return tags.p(f"{tags.text(word('download_library', lang))}{colon(lang)}{' · '.join(links)}")


def _bibliography_body(site: SiteContext, slot: PageSlot, ordered: dict[str, list[str]], lang: str) -> str:
    items = page_items(ordered[lang], slot.number, site.options.page_size(len(site.reference_uris)))
    total = len(ordered[lang])
    see = [
        tags.a(site.href(slot.uri, urls.AUTHORS_INDEX), tags.text(word("authors_title", lang))),
        tags.a(site.href(slot.uri, urls.QUALITY_INDEX), tags.text(word("quality_title", lang))),
    ]
    paging = pager(slot, lang, site.href)
    parts = [
        count_line(lang, "references_count", total, slot),
        library_downloads(lang, slot.uri, site.href),
        tags.p(f"{tags.text(word('see_also', lang))}{colon(lang)}{' · '.join(see)}"),
        paging,
        entry_list(site, items, lang, slot.uri) or tags.p(tags.text(word("no_references", lang))),
        paging,
    ]
    return tags.join(parts)


def bibliography_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``references/index.md`` and its later pages: every reference, formatted, in the style's order.

    Each language block lists its page in its own formatter (the style's terms in that
    language); the order is the style's bibliography order (APA: author, year, title).
    The pages stay out of Material's search index: every entry is indexed on its own page.
    """
    ordered = {lang: [key for key in site.library.order(lang) if key in site.reference_uris] for lang in site.languages}
    count = page_count(len(site.reference_uris), site.options.page_size(len(site.reference_uris)))
    for number in range(1, count + 1):
        slot = PageSlot(urls.BIBLIOGRAPHY, number, count)
        body = partial(_bibliography_body, site, slot, ordered)
        render = partial(lang_blocks, site.languages, body, partial(word, "bibliography"))
        # Out of the search index: each entry is indexed on its own reference page, where a hit leads.
        yield slot.uri, Page(list_title(site.languages, "bibliography"), render, {"search": {"exclude": True}})
