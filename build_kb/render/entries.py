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


_BEFORE = (")", ". ", "> ", ": ", "\u201c", "\u00ab\u00a0", "\u00ab\u202f", "\u00a0")
"""What may stand right before a title in an entry: the date's parenthesis, a full stop, a tag, a quote."""


def _title_at(text: str, candidate: str) -> int:
    """Where the title stands in ``text`` (a run of text between tags) as a title, not inside a name
    ("Association Twictée. (s. d.). Twictée." links the second one): after the date, else after a
    boundary or a tag."""
    positions = []
    start = text.find(candidate)
    while start != -1:
        positions.append(start)
        start = text.find(candidate, start + 1)
    after_date = [p for p in positions if text[:p].rstrip().endswith(")")]
    bounded = [p for p in positions if p == 0 or text[:p].endswith(_BEFORE)]
    found = after_date or bounded
    return found[0] if found else -1


def _link_title(markup: str, titles: Sequence[str], href: str) -> tuple[str, bool]:
    """Wrap the title (in text, outside links and tags) in a link to ``href``: the title sits on the
    title, never on an author's name."""
    candidates: list[str] = []
    for title in titles:
        shown = html.escape(title.strip(), quote=False)
        candidates.extend(c for c in (shown, shown.rstrip(".")) if c and c not in candidates)
    parts = _SKIP_RE.split(markup)
    for candidate in candidates:
        for index in range(0, len(parts), 2):
            text = parts[index]
            position = _title_at(text, candidate)
            if position != -1:
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


_IDENTIFICATION = {"probable": "work_probable", "uncertain": "work_uncertain", "unidentified": "work_unidentified"}


def _untitled(site: SiteContext, key: str, lang: str, from_uri: str, link: bool) -> str | None:
    """An entry whose work is not known by its title, read as what it is:
    "Clot (2014), cité par Crinon (2021) — œuvre non identifiée", rather than a bare "Clot. (2014)."

    "Cité par" names the works of its ``related`` field when ``relatedtype = {citedby}``; the
    closing words follow its ``identification`` field (``probable``, ``uncertain``,
    ``unidentified``, the default). None for an entry with a title.
    """
    reference = site.kb.references[key]
    if reference.title:
        return None
    short = tags.text(site.library.short(key, lang))
    target = site.reference_uris.get(key)
    if link and target is not None:
        short = tags.a(site.href(from_uri, target), short)
    fields = reference.fields
    sources = []
    if fields.get("relatedtype", "").strip().lower() == "citedby":
        for related in re.split(r"\s*,\s*", fields.get("related", "").strip()):
            if related in site.kb.references and related != key:
                text = tags.text(site.library.short(related, lang))
                where = site.reference_uris.get(related)
                sources.append(tags.a(site.href(from_uri, where), text) if where is not None else text)
    cited = f", {tags.text(word('cited_in', lang))} {', '.join(sources)}" if sources else ""
    status = _IDENTIFICATION.get(fields.get("identification", "").strip().lower(), "work_unidentified")
    return f"{short}{cited} — {tags.text(word(status, lang))}"


def entry_html(
    site: SiteContext, key: str, lang: str, from_uri: str, link: bool = True, flag: bool = True, as_list: bool = True
) -> str:
    """One formatted entry as HTML.

    Args:
        site: The site.
        key: The entry.
        lang: The page language (the formatter's locale).
        from_uri: The page it goes on.
        link: Link its title to its reference page.
        flag: Add the "incomplete" badge when it lacks a field.
        as_list: In a list, a work with no title reads as what it is (:func:`_untitled`); its
            own page shows the formatted entry and says what it lacks.
    """
    untitled = _untitled(site, key, lang, from_uri, link) if as_list else None
    if untitled is not None:
        return untitled
    formatter = site.library.formatter(lang)
    markup = formatter.reference_html(key)
    target = site.reference_uris.get(key)
    if link and target is not None:
        href = tags.attr(site.href(from_uri, target))
        title = site.kb.references[key].title
        markup, linked = _link_title(markup, (formatter.typeset(title), title), href)
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
