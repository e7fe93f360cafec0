"""Author pages (``/authors/<slug>/``) and the authors index (``/authors/``).

An author page lists the person's works in the library, formatted and in the style's
bibliography order (paginated like every list, so a prolific author's page stays the
size of the others), then, on its first page, their co-authors and the cards that cite
their work, each list capped at ``list_cap``. The index lists every author by family
name, folded (``Faïta`` under F); where a particle goes ("van der Berg" under V or B)
follows the CSL style's ``demote-non-dropping-particle``: APA never demotes it, so under
APA "van der Berg" is listed and sorted under V, as its bibliography sorts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from build_kb.render import tags, urls
from build_kb.render.card_page import card_link
from build_kb.render.context import SiteContext
from build_kb.render.entries import author_link, by_rank, entry_list
from build_kb.render.i18n import word
from build_kb.render.layout import (
    PageSlot,
    count_line,
    lang_blocks,
    list_title,
    page_count,
    page_items,
    pager,
    title_heading,
)
from build_kb.render.library import Author
from build_kb.render.markdown import colon
from build_kb.render.page import Page, late


def _coauthors(site: SiteContext, author: Author, lang: str, uri: str) -> str:
    authors = site.library.authors
    shared = site.library.coauthors.get(author.slug, {})
    ordered = sorted((slug for slug in shared if slug in authors), key=lambda slug: authors[slug].sort_key)
    cap = site.options.list_cap
    links = [f"{author_link(site, slug, uri, listed=True)} ({shared[slug]})" for slug in ordered[:cap]]
    if len(ordered) > cap:
        links.append(tags.text(word("more", lang, n=len(ordered) - cap)))
    body = tags.p(", ".join(links) if links else tags.em(tags.text(word("coauthors_none", lang))))
    return tags.heading(2, f"{lang}-coauthors", tags.text(word("coauthors", lang))) + "\n" + body


def _cards(site: SiteContext, author: Author, lang: str, uri: str) -> str:
    cards = [site.kb.cards[card_id] for card_id in site.library.citing_cards(author.works)]
    ordered = sorted(cards, key=lambda card: site.sort_key(card, lang))
    cap = site.options.list_cap
    lines = [card_link(site, card.id, lang, uri) for card in ordered[:cap]]
    if len(ordered) > cap:
        lines.append(tags.text(word("more", lang, n=len(ordered) - cap)))
    body = tags.ul(lines) if lines else tags.p(tags.em(tags.text(word("author_cards_none", lang))))
    return tags.heading(2, f"{lang}-cards", tags.text(word("author_cards", lang))) + "\n" + body


def _pages_of(site: SiteContext, author: Author, first: str) -> Iterator[tuple[str, Page]]:
    ordered = {lang: by_rank(site, author.works, lang) for lang in site.languages}
    per_page = site.options.page_size(len(author.works))
    count = page_count(len(author.works), per_page)
    for number in range(1, count + 1):
        slot = PageSlot(first, number, count)

        def body(lang: str, slot: PageSlot = slot) -> str:
            items = page_items(ordered[lang], slot.number, per_page)
            paging = pager(slot, lang, site.href)
            orcid = site.library.identities.orcid.get(author.slug)
            parts = [
                tags.p(
                    tags.label("ORCID", colon(lang), tags.a(tags.url(f"https://orcid.org/{orcid}"), tags.text(orcid)))
                )
                if orcid and slot.number == 1
                else "",
                tags.heading(2, f"{lang}-works", tags.text(word("works", lang))),
                count_line(lang, "works_count", len(author.works), slot),
                late(tags.join([paging, entry_list(site, items, lang, slot.uri), paging])),
            ]
            if slot.number == 1:
                parts += [late(_coauthors(site, author, lang, slot.uri)), late(_cards(site, author, lang, slot.uri))]
            return tags.join(parts)

        def render(body: Callable[[str], str] = body) -> str:
            return title_heading(author.name, "author-title") + "\n" + lang_blocks(site.languages, body)

        title = author.name if number == 1 else f"{author.name} ({number})"
        yield slot.uri, Page(title, render)


def author_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """Every author's page (and the later pages of a long list of works)."""
    for slug, author in site.library.authors.items():
        first = urls.author_uri(slug)
        if first is not None:
            yield from _pages_of(site, author, first)


def _index_body(site: SiteContext, slot: PageSlot, items: list[Author], total: int, lang: str) -> str:
    groups: list[tuple[str, str, list[str]]] = []
    for author in items:
        if not groups or groups[-1][1] != author.letter:
            anchor = f"{lang}-letter-{author.letter.lower()}" if author.letter != "#" else f"{lang}-letter-other"
            groups.append((anchor, author.letter, []))
        works = word("works_count", lang, n=len(author.works))
        groups[-1][2].append(f"{author_link(site, author.slug, slot.uri, listed=True)} — {tags.text(works)}")
    listing = "\n".join(
        tags.heading(3, anchor, tags.text(letter)) + "\n" + tags.ul(lines) for anchor, letter, lines in groups
    ) or tags.p(tags.text(word("authors_none", lang)))
    head = count_line(lang, "authors_count", total, slot)
    paging = pager(slot, lang, site.href)
    return tags.join([head, paging, listing, paging])


def authors_index_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``authors/index.md`` and its later pages: every author, by family name, with their number of works."""
    authors = [author for author in site.library.authors.values() if urls.author_uri(author.slug) is not None]
    per_page = site.options.page_size(len(authors))
    count = page_count(len(authors), per_page)
    for number in range(1, count + 1):
        slot = PageSlot(urls.AUTHORS_INDEX, number, count)
        items = list(page_items(authors, number, per_page))
        body = partial(_index_body, site, slot, items, len(authors))
        render = partial(lang_blocks, site.languages, body, partial(word, "authors_title"))
        # Out of the search index, like every list page: each author is found on their own page.
        yield slot.uri, Page(list_title(site.languages, "authors_title"), render, {"search": {"exclude": True}})
