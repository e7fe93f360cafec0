"""The data-quality page (``/data-quality/``): what the library lacks, for the people who fix it.

Every incomplete entry (one its ``incomplete = {...}`` field declares so, or one that lacks
a field every entry needs: author or editor, title, year) with what it lacks and where it
is written (``references/x.bib:12``), linked to its reference page; and every entry the
CSL style could not format (it reads as a plain fallback on the site). The list is
paginated like the others, so the page stays the same size as the library grows.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import partial

from build_kb.render import urls
from build_kb.render.authors import count_line
from build_kb.render.context import SiteContext
from build_kb.render.entries import gaps_text
from build_kb.render.i18n import word
from build_kb.render.layout import PageSlot, lang_blocks, page_count, page_items, pager
from build_kb.render.markdown import colon, escape_text, front_matter, markdown_proof


def _reference_link(site: SiteContext, key: str, lang: str, uri: str) -> str:
    label = escape_text(site.library.short(key, lang))
    target = site.reference_uris.get(key)
    return f"[{label}]({urls.link(uri, target)})" if target else label


def _where(site: SiteContext, key: str) -> str:
    reference = site.kb.references[key]
    return markdown_proof(f"<code>{html.escape(f'{reference.path}:{reference.line}')}</code>")


def _body(site: SiteContext, slot: PageSlot, keys: list[str], total: int, lang: str) -> str:
    parts = [escape_text(word("quality_intro", lang))]
    lines = []
    for key in keys:
        missing = escape_text(word("missing", lang, fields=gaps_text(site.library.gaps[key], lang)))
        lines.append(f"- {_reference_link(site, key, lang, slot.uri)} — {missing} — {_where(site, key)}")
    parts += [
        f"## {word('quality_incomplete', lang)} {{#{lang}-incomplete}}",
        count_line(lang, "references_count", total, slot),
        pager(slot, lang),
        "\n".join(lines) or f"*{escape_text(word('quality_none', lang))}*",
        pager(slot, lang),
    ]
    if slot.number == 1:
        failures = site.library.failures
        cap = site.options.list_cap
        failed = [
            f"- {_reference_link(site, key, lang, slot.uri)}{colon(lang)}{escape_text(error)} — {_where(site, key)}"
            for key, error in list(failures.items())[:cap]
        ]
        if len(failures) > cap:
            failed.append(f"- {escape_text(word('more', lang, n=len(failures) - cap))}")
        parts += [
            f"## {word('quality_failures', lang)} {{#{lang}-failures}}",
            "\n".join(failed) or f"*{escape_text(word('quality_none', lang))}*",
        ]
    return "\n\n".join(part for part in parts if part)


def quality_pages(site: SiteContext) -> Iterator[tuple[str, str]]:
    """``data-quality/index.md`` and its later pages."""
    for lang in site.languages:  # Every formatter made, so every failure known.
        site.library.formatter(lang)
    rank = site.library.rank(site.languages[0])
    keys = sorted(site.library.gaps, key=lambda key: (rank.get(key, len(rank)), key))
    per_page = site.options.per_page
    count = page_count(len(keys), per_page)
    title = " · ".join(dict.fromkeys(word("quality_title", lang) for lang in site.languages))
    for number in range(1, count + 1):
        slot = PageSlot(urls.QUALITY_INDEX, number, count)
        body = partial(_body, site, slot, list(page_items(keys, number, per_page)), len(keys))
        page = lang_blocks(site.languages, body, partial(word, "quality_title"))
        yield slot.uri, front_matter(title) + page
