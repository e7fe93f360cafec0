"""Formatted references in pages: one entry, linked to its page; lists of them; author links.

Entries come from the build's formatter (:mod:`build_kb.render.library`): safe HTML in
the page language's CSL locale, DOI and URL already links (only DOIs and http(s) URLs).
The entry's title becomes the link to its reference page (an entry whose title the style
rewrote gets a "details" link at its end instead). Incomplete entries carry a flag
saying what they lack. Links are written final (:func:`~build_kb.render.urls.html_link`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from build_kb.model import IDENTIFICATIONS, Reference
from build_kb.render import tags, urls
from build_kb.render.context import SiteContext
from build_kb.render.i18n import word
from build_kb.render.library import Gap
from build_kb.render.markdown import colon

_SKIP_RE = re.compile(r"(<a\s[^>]*>.*?</a>|<[^<>]*>)", re.DOTALL)
"""Links and tags, where a title is never looked for."""


def _link_title(markup: str, title: str, href: str) -> tuple[str, bool]:
    """Wrap the first appearance of the title (in text, outside links and tags) in a link to ``href``."""
    shown = html.escape(title.strip(), quote=False)
    candidates = [shown, shown.rstrip(".")] if shown else []
    parts = _SKIP_RE.split(markup)
    for candidate in candidates:
        for index in range(0, len(parts), 2):
            position = parts[index].find(candidate)
            if candidate and position != -1:
                text = parts[index]
                parts[index] = f'{text[:position]}<a href="{href}">{candidate}</a>{text[position + len(candidate) :]}'
                return "".join(parts), True
    return markup, False


def gaps_text(gaps: Sequence[Gap], lang: str) -> str:
    """What an entry lacks, plain text: ``title, year (declared in the entry)``, ``year (not declared)``."""
    names = ", ".join(gap.name for gap in gaps)
    undeclared = [gap.name for gap in gaps if not gap.declared]
    if not undeclared:
        return f"{names} ({word('declared', lang)})"
    if len(undeclared) == len(gaps):
        return f"{names} ({word('undeclared', lang)})"
    return f"{names} ({word('undeclared', lang)}{colon(lang)}{', '.join(undeclared)})"


def incomplete_flag(site: SiteContext, key: str, lang: str) -> str:
    """A small "incomplete" badge whose hover says what is missing ("" for a complete entry)."""
    gaps = site.library.gaps.get(key)
    if not gaps:
        return ""
    missing = word("missing", lang, fields=gaps_text(gaps, lang))
    return f' <span class="kb-flag" title="{tags.attr(missing)}">{html.escape(word("incomplete", lang))}</span>'


def entry_html(site: SiteContext, key: str, lang: str, from_uri: str, link: bool = True, flag: bool = True) -> str:
    """One formatted entry as HTML.

    Args:
        site: The site.
        key: The entry.
        lang: The page language (the formatter's locale).
        from_uri: The page it goes on.
        link: Link its title to its reference page.
        flag: Add the "incomplete" badge when it lacks a field.
    """
    markup = site.library.formatter(lang).reference_html(key)
    target = site.reference_uris.get(key)
    if link and target is not None:
        href = tags.attr(site.href(from_uri, target))
        markup, linked = _link_title(markup, site.kb.references[key].title, href)
        if not linked:
            markup += f' <a class="kb-details" href="{href}">{html.escape(word("details", lang))}</a>'
    return markup + (incomplete_flag(site, key, lang) if flag else "")


def entry_list(site: SiteContext, keys: Iterable[str], lang: str, from_uri: str) -> str:
    """A list of formatted entries, each linked to its page ("" for none)."""
    return tags.ul((entry_html(site, key, lang, from_uri) for key in keys), "kb-entries")


def by_rank(site: SiteContext, keys: Iterable[str], lang: str) -> list[str]:
    """Keys in the style's bibliography order (as the full bibliography lists them)."""
    rank = site.library.rank(lang)
    return sorted(keys, key=lambda key: (rank.get(key, len(rank)), key))


def author_link(site: SiteContext, slug: str, from_uri: str, listed: bool = False) -> str:
    """An author's name linked to their page; ``listed`` gives "family, given"."""
    author = site.library.authors.get(slug)
    if author is None:
        return tags.text(slug)
    name = tags.text(author.listed if listed else author.name)
    target = urls.author_uri(slug)
    return tags.a(site.href(from_uri, target), name) if target else name


def identification_text(reference: Reference, lang: str) -> tuple[str, str]:
    """An entry's ``identification`` as ``(name, what it means)``, plus its ``note`` when it has one.

    ``("", "")`` for an entry identified for sure (no field) or with a value the checker
    reports (``unknown-identification``).
    """
    value = reference.identification
    if value not in IDENTIFICATIONS:
        return "", ""
    meaning = word(f"identification_meaning_{value}", lang)
    note = reference.fields.get("note", "").strip()
    return word(f"identification_{value}", lang), f"{meaning}. {note}" if note else meaning
