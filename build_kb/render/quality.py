"""The data-quality page (``/data-quality/``): what the library lacks, for the people who fix it.

Also, on its first page, every entry whose ``identification`` field says it may not be the
work the source cites (probable, uncertain, unidentified), with why.

Every incomplete entry (one its ``incomplete = {...}`` field declares so, or one that lacks
a field every entry needs: author or editor, title, year) with what it lacks and where it
is written (``references/x.bib:12``), linked to its reference page; and every entry the
CSL style could not format (it reads as a plain fallback on the site); and every author
name that may be several people of the library, with whom and in which entries. The list is
paginated like the others, so the page stays the same size as the library grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from build_kb.render import tags, urls
from build_kb.render.context import SiteContext
from build_kb.render.entries import author_link, gaps_text, identification_text
from build_kb.render.i18n import word
from build_kb.render.layout import PageSlot, count_line, lang_blocks, list_title, page_count, page_items, pager
from build_kb.render.markdown import colon
from build_kb.render.page import Page


def _reference_link(site: SiteContext, key: str, lang: str, uri: str) -> str:
    label = tags.text(site.library.short(key, lang))
    target = site.reference_uris.get(key)
    return tags.a(site.href(uri, target), label) if target else label


def _where(site: SiteContext, key: str) -> str:
    reference = site.kb.references[key]
    return tags.code(f"{reference.path}:{reference.line}")


def _identifications(site: SiteContext, slot: PageSlot, lang: str) -> list[str]:
    """Entries that may not be the work the source cites (``identification``), with why, capped."""
    keys = [key for key, reference in site.kb.references.items() if identification_text(reference, lang)[0]]
    cap = site.options.list_cap
    lines = []
    for key in keys[:cap]:
        name, meaning = identification_text(site.kb.references[key], lang)
        link = _reference_link(site, key, lang, slot.uri)
        lines.append(f"{link} — {tags.strong(tags.text(name))}{colon(lang)}{tags.text(meaning)} — {_where(site, key)}")
    if len(keys) > cap:
        lines.append(tags.text(word("more", lang, n=len(keys) - cap)))
    heading = tags.heading(2, f"{lang}-identification", tags.text(word("quality_identification", lang)))
    return [heading, tags.ul(lines) or tags.p(tags.em(tags.text(word("quality_none", lang))))]


def _ambiguous(site: SiteContext, lang: str, uri: str) -> list[str]:
    """Names that may be several people (:mod:`build_kb.bibliography.people`), with who and where."""
    people = site.library.identities
    if not people.ambiguous:
        return []
    authors = site.library.authors
    lines = []
    for slug, candidates in sorted(people.ambiguous.items(), key=lambda item: authors[item[0]].sort_key):
        who = ", ".join(author_link(site, candidate, uri, listed=True) for candidate in candidates)
        works = ", ".join(_reference_link(site, key, lang, uri) for key in authors[slug].works)
        lines.append(f"{author_link(site, slug, uri, listed=True)} — {tags.text(word('may_be', lang))} {who} — {works}")
    heading = tags.heading(2, f"{lang}-ambiguous", tags.text(word("quality_ambiguous", lang)))
    return [heading, tags.p(tags.text(word("quality_ambiguous_intro", lang))), tags.ul(lines)]


def _body(site: SiteContext, slot: PageSlot, keys: list[str], total: int, lang: str) -> str:
    parts = [tags.p(tags.text(word("quality_intro", lang)))]
    lines = []
    for key in keys:
        missing = tags.text(word("missing", lang, fields=gaps_text(site.library.gaps[key], lang)))
        lines.append(f"{_reference_link(site, key, lang, slot.uri)} — {missing} — {_where(site, key)}")
    paging = pager(slot, lang, site.href)
    none = tags.p(tags.em(tags.text(word("quality_none", lang))))
    parts += [
        tags.heading(2, f"{lang}-incomplete", tags.text(word("quality_incomplete", lang))),
        count_line(lang, "references_count", total, slot),
        paging,
        tags.ul(lines) or none,
        paging,
    ]
    if slot.number == 1:
        parts += _identifications(site, slot, lang)
        parts += _ambiguous(site, lang, slot.uri)
        failures = site.library.failures
        cap = site.options.list_cap
        failed = [
            f"{_reference_link(site, key, lang, slot.uri)}{colon(lang)}{tags.text(error)} — {_where(site, key)}"
            for key, error in list(failures.items())[:cap]
        ]
        if len(failures) > cap:
            failed.append(tags.text(word("more", lang, n=len(failures) - cap)))
        parts += [
            tags.heading(2, f"{lang}-failures", tags.text(word("quality_failures", lang))),
            tags.ul(failed) or none,
        ]
    return tags.join(parts)


def quality_pages(site: SiteContext) -> Iterator[tuple[str, Page]]:
    """``data-quality/index.md`` and its later pages."""
    for lang in site.languages:  # Every formatter made, so every failure known.
        site.library.formatter(lang)
    rank = site.library.rank(site.languages[0])
    keys = sorted(site.library.gaps, key=lambda key: (rank.get(key, len(rank)), key))
    per_page = site.options.page_size(len(keys))
    count = page_count(len(keys), per_page)
    title = list_title(site.languages, "quality_title")
    for number in range(1, count + 1):
        slot = PageSlot(urls.QUALITY_INDEX, number, count)
        body = partial(_body, site, slot, list(page_items(keys, number, per_page)), len(keys))
        yield slot.uri, Page(title, partial(lang_blocks, site.languages, body, partial(word, "quality_title")))
